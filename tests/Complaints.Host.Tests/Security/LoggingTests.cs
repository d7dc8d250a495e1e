using System.Net;
using Complaints.Host.Security;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Infrastructure;
using Complaints.Host.Tests.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Marten;
using Marten.Events;
using Complaints.Projections.Reporting;

namespace Complaints.Host.Tests.Security;

/// <summary>
/// Logs never hold a customer's name or contact details (procedure §7), whatever happens to a request; and what is
/// routine (a refused request, a lost write race decided again) is not logged as a warning or an error.
/// </summary>
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
        var (host, logs) = await CapturedLogs.HostAsync("complaints_logging_tests");
        await using var _ = host;
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
        // Mail to the customer is delivered and logged by its id and kind, never by the address.
        (await staff.PostJsonAsync($"/api/complaints/{id}/progress-updates", new { message = "Parts ordered", by = "Zhao" }))
            .ShouldBe(HttpStatusCode.OK);
        await staff.SettledAsync(id, items => items.OfKind("progress-update").Any(n => n.Status() == "sent"));
        await host.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        logs.Messages.ShouldNotBeEmpty();
        logs.Messages.ShouldAllBe(m => !m.Contains(Name) && !m.Contains(Phone) && !m.Contains(Email));
    }

    [Fact]
    public async Task Refusing_bad_input_logs_no_warning_or_error()
    {
        var (host, logs) = await CapturedLogs.HostAsync("complaints_logging_tests");
        await using var _ = host;
        using var staff = host.StaffClient();
        var id = (await staff.PostJsonAsync("/api/complaints", Bodies.Registration())).ShouldBe(HttpStatusCode.Created).Id;
        var satisfaction = $"/api/complaints/{id}/satisfaction";
        var html = new Dictionary<string, string> { ["Accept"] = "text/html" };

        var refusals = new[]
        {
            await staff.SendJsonAsync(satisfaction, """{"score":1e400}"""),
            await staff.SendJsonAsync(satisfaction, """{"score":"x"}""", html),
            await staff.SendJsonAsync(satisfaction, new string('[', 100) + new string(']', 100)),
            await staff.SendJsonAsync(satisfaction, "null"),
            await staff.SendJsonAsync(satisfaction, ""),
            await staff.SendJsonAsync(satisfaction, """{"score":3}""", contentType: "application/json; charset=latin1"),
            await staff.SendJsonAsync(satisfaction, """{"score":3}""", new Dictionary<string, string> { ["Idempotency-Key"] = "a\u0001" }),
            await staff.SendJsonAsync(satisfaction, """{"score":3}""", new Dictionary<string, string> { ["If-Match"] = "abc" }),
            await staff.SendJsonAsync(satisfaction, """{"score":3}""", html),
            await staff.SendJsonAsync($"/api/complaints/{id}/action-plans/2147483648/approvals", "{}"),
            await staff.GetJsonAsync("/api/ledger?page=abc"),
            await staff.GetJsonAsync("/api/complaints/not-a-guid"),
            await staff.GetJsonAsync($"/api/complaints/{Guid.NewGuid()}")
        };

        refusals.ShouldAllBe(answer => (int)answer.Status >= 400 && (int)answer.Status < 500);
        // The registration's notices find nobody in this host's empty directory: a warning of their own, not of a refusal.
        logs.Entries.Where(e => e.Level >= LogLevel.Warning && e.Category != typeof(Host.Notifications.DeliverNotifications).FullName)
            .ShouldBeEmpty(logs.Describe(LogLevel.Warning));
    }

    [Fact]
    public async Task Twenty_writers_racing_on_one_complaint_are_all_recorded_and_log_no_error()
    {
        var (host, logs) = await CapturedLogs.HostAsync("complaints_logging_tests");
        await using var _ = host;
        using var staff = host.StaffClient();
        var id = (await staff.PostJsonAsync("/api/complaints", Bodies.Registration())).ShouldBe(HttpStatusCode.Created).Id;

        var answers = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => staff.PostJsonAsync(
            $"/api/complaints/{id}/acknowledgements", new { department = $"department-{i}", by = $"Head {i}" })));

        answers.ShouldAllBe(answer => answer.Status == HttpStatusCode.OK);
        answers.Select(answer => answer.Version).Distinct().Count().ShouldBe(20);
        logs.Entries.Where(e => e.Level >= LogLevel.Error).ShouldBeEmpty(logs.Describe(LogLevel.Error));
    }

    [Fact]
    public async Task A_command_on_a_complaint_whose_history_cannot_be_read_is_logged_once_as_an_error()
    {
        var (host, logs) = await CapturedLogs.HostAsync("complaints_logging_tests");
        await using var _ = host;
        using var staff = host.StaffClient();
        var id = (await staff.PostJsonAsync("/api/complaints", Bodies.Registration())).ShouldBe(HttpStatusCode.Created).Id;
        await Audit.Tampering.AppendStoredEventAsync(await TestDatabases.OwnAsync("complaints_logging_tests"), id,
            "complaint_teleported", "Complaints.Domain.ComplaintTeleported", "{}");

        (await staff.PostJsonAsync($"/api/complaints/{id}/acknowledgements", new { department = Bodies.Department, by = "Head Liu" }))
            .ShouldBe(HttpStatusCode.Conflict);

        // The report failure the projection records is logged by the projection, under its own name.
        var errors = logs.Entries.Where(e => e.Level >= LogLevel.Error && e.Category != typeof(ComplaintReportsProjection).FullName).ToList();
        errors.ShouldHaveSingleItem(logs.Describe(LogLevel.Error)).Message.ShouldContain(id.ToString());
    }
}
