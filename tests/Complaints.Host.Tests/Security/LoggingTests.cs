using System.Collections.Concurrent;
using System.Net;
using Complaints.Host.Security;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Marten;
using Marten.Events;

namespace Complaints.Host.Tests.Security;

/// <summary>Logs never hold a customer's name or contact details (procedure §7), whatever happens to a request.</summary>
[Collection(CodegenCollection.Name)]
public sealed class LoggingTests
{
    private const string Name = "Ouyang Xiaoming";
    private const string Phone = "+86 139 8765 4321";
    private const string Email = "ouyang.xm@example.org";

    [Fact]
    public async Task Nothing_logged_at_any_level_holds_the_customers_personal_data()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await TestDatabases.OwnAsync("complaints_logging_tests");
        var logs = new CapturedLogs();
        await using var host = TestDatabases.HostOn(connectionString, new TestClock(ComplaintsApi.Start), builder =>
        {
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<ILoggerProvider>(logs);
                services.Configure<LoggerFilterOptions>(options => options.MinLevel = LogLevel.Trace);
            });
        });
        using var staff = host.StaffClient();
        var registration = Bodies.Registration();
        registration["customer"] = new { name = Name, phone = Phone, email = Email };

        var id = (await staff.PostJsonAsync("/api/complaints", registration)).ShouldBe(HttpStatusCode.Created).Id;
        registration["severity"] = "Z";
        (await staff.PostJsonAsync("/api/complaints", registration)).ShouldBe(HttpStatusCode.BadRequest);
        (await staff.SendJsonAsync("/api/complaints", "{\"customer\":{\"name\":\"" + Name + "\"", null))
            .ShouldBe(HttpStatusCode.BadRequest);
        (await staff.PostJsonAsync($"/api/complaints/{id}/closure", new { sentTo = Email, by = "Zhao" }))
            .ShouldBe(HttpStatusCode.Conflict);
        using var service = host.ClientFor("call-centre", Roles.Service);
        await service.SendJsonAsync("/api/events",
            """[{"specversion":"1.0","id":"x","source":"s","type":"com.complaints.register","data":{"customer":{"name":"NAME"}}}]"""
                .Replace("NAME", Name),
            contentType: "application/cloudevents-batch+json");
        await host.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        logs.Messages.ShouldNotBeEmpty();
        logs.Messages.ShouldAllBe(m => !m.Contains(Name) && !m.Contains(Phone) && !m.Contains(Email));
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Capture(this, categoryName);

        public void Dispose() { }

        private sealed class Capture(CapturedLogs logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter) =>
                logs.Messages.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
