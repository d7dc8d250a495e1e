using System.Net;
using System.Text.Json.Nodes;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Complaints.Host.Tests.Deadlines;

/// <summary>
/// A timer set before the host stops must fire once after it starts again. This needs real time to pass
/// (the scheduler is durable in PostgreSQL), so the deadline is three seconds long and the test polls.
/// </summary>
[Collection(CodegenCollection.Name)]
public sealed class DeadlineRestartTests
{
    private static readonly TimeSpan PatienceForTimer = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_timer_scheduled_before_a_restart_fires_exactly_once_after_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await TestDatabases.OwnAsync("complaints_restart_tests");
        var policy = ShortDeadlines.ForwardingPolicy();
        var clock = new TestClock(Instant.FromUtc(2026, 11, 20, 1, 0));

        Guid id;
        await using (var first = Host(connectionString, policy, clock))
        {
            await first.Services.GetRequiredService<IDocumentStore>().Advanced.ResetAllData(ct);
            id = await first.StaffClient().RegisterAsync(receiverKind: "regional");
        }

        clock.Advance(Duration.FromSeconds(10));
        await using var second = Host(connectionString, policy, clock);
        var client = second.StaffClient();
        var deadline = DateTime.UtcNow + PatienceForTimer;
        while (MissedForwarding(await client.HistoryAsync(id)) == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(200, ct);

        var history = await client.HistoryAsync(id);
        MissedForwarding(history).ShouldBe(1, "the forwarding deadline should be missed once, after the restart");
        history.Count(e => e!["type"]!.GetValue<string>() == "Escalated").ShouldBe(1);
        (await client.GetJsonAsync($"/api/complaints/{id}")).ShouldBe(HttpStatusCode.OK);
    }

    private static int MissedForwarding(JsonArray history) => history.Count(e =>
        e!["type"]!.GetValue<string>() == "DeadlineMissed" && e["data"]!["rule"]!.GetValue<string>() == "D1");

    private static WebApplicationFactory<Program> Host(string connectionString, string policy, TestClock clock)
    {
        var factory = TestDatabases.HostOn(connectionString, clock, builder => builder.UseSetting("Deadlines:PolicyFile", policy));
        _ = factory.Services;
        return factory;
    }
}
