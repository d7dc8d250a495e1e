using System.Net;
using System.Text.Json.Nodes;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Faults;

/// <summary>
/// A deadline timer is scheduled, the engine is killed (kill -9) before it falls due, and started again: the timer,
/// durable in PostgreSQL, must fire once. Real time passes (the engine runs on the system clock), so the forwarding
/// deadline is three seconds long and the test polls.
/// </summary>
[Collection(CodegenCollection.Name)]
[Trait("Category", "Faults")]
public sealed class CrashedTimerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_timer_scheduled_before_a_kill_9_fires_exactly_once_after_the_restart()
    {
        var connectionString = await TestDatabases.EmptyAsync("complaints_fault_timer");
        await using var engine = await EngineProcess.StartAsync(connectionString,
            new Dictionary<string, string> { ["Deadlines__PolicyFile"] = ShortDeadlines.ForwardingPolicy() });
        using var client = engine.StaffClient();
        var id = (await client.PostJsonAsync("/api/complaints", FaultBodies.Registration("timer-crash", receiverKind: "regional")))
            .ShouldBe(HttpStatusCode.Created).Id;
        (await Poll.UntilAsync(() => StoredEvents.TimersAsync(connectionString, "D1"), timers => timers.ContainsKey("Scheduled"), Patience))
            .ShouldBe(new Dictionary<string, int> { ["Scheduled"] = 1 }, "the timer is scheduled before the crash");

        engine.Kill();
        (await StoredEvents.MissesAsync(connectionString, "D1")).ShouldBeEmpty("the crash should come before the deadline");
        await engine.StartAgainAsync();

        // Fired once the timer has been handled; a second copy would still be scheduled or have missed the deadline again.
        (await Poll.UntilAsync(() => StoredEvents.TimersAsync(connectionString, "D1"), timers => timers.Count > 0 && timers.Keys.All(status => status == "Handled"), Patience))
            .ShouldBe(new Dictionary<string, int> { ["Handled"] = 1 });
        (await StoredEvents.MissesAsync(connectionString, "D1")).ShouldBe(new Dictionary<Guid, int> { [id] = 1 });
        var history = await client.HistoryAsync(id);
        history.Count(e => e.Type() == "DeadlineMissed").ShouldBe(1);
        history.Count(e => e.Type() == "Escalated").ShouldBe(1);
        Level(history.Single(e => e.Type() == "Escalated")).ShouldBe(1);
    }

    private static int Level(JsonNode? escalated) => escalated!["data"]!["level"]!.GetValue<int>();
}
