using System.Diagnostics;
using System.Net;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Faults;

/// <summary>
/// PostgreSQL goes down (immediate shutdown: like a crash, connections cut mid-transaction) while clients register
/// complaints whose three-second forwarding deadline (D1) runs out around the outage, and comes back. Runs on a
/// cluster of its own: the rest of the suite uses the shared one meanwhile.
/// </summary>
[Collection(CodegenCollection.Name)]
[Trait("Category", "Faults")]
public sealed class DatabaseRestartTests
{
    private const int Writers = 4;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Readiness_goes_red_while_the_database_is_down_and_the_engine_recovers_losing_nothing_acknowledged()
    {
        var cluster = TestDatabases.FaultCluster("complaints_fault_restart");
        try
        {
            var connectionString = await TestDatabases.EmptyAsync(cluster);
            await using var engine = await EngineProcess.StartAsync(connectionString,
                new Dictionary<string, string>
                {
                    ["Deadlines__PolicyFile"] = ShortDeadlines.ForwardingPolicy(),
                    // A deadline message a cut-off commit stranded is released after this (30 s by default), then runs.
                    ["Messaging__InboxStaleTime"] = "00:00:05"
                });
            using var probe = engine.AnonymousClient();
            using var load = RegistrationLoad.Start(engine.StaffClient, Writers, "pg-restart", receiverKind: "regional");
            await load.UntilAcknowledgedAsync(20);

            await cluster.StopAsync(immediately: true, TestContext.Current.CancellationToken);
            var down = (await ReadinessUntilAsync(probe, HttpStatusCode.ServiceUnavailable)).ShouldBe(HttpStatusCode.ServiceUnavailable);
            var acknowledgedWhileDown = load.Acknowledged.Count;
            using var client = engine.StaffClient();
            var refused = await client.PostJsonAsync("/api/complaints", FaultBodies.Registration("during-the-outage"),
                Recorded.Header("Idempotency-Key", "during-the-outage"));
            var back = Stopwatch.StartNew();
            await cluster.EnsureRunningAsync(TestContext.Current.CancellationToken);
            await load.UntilAcknowledgedAsync(acknowledgedWhileDown + 2 * Writers);
            var writing = back.Elapsed;
            await load.StopAsync();
            (await ReadinessUntilAsync(probe, HttpStatusCode.OK)).ShouldBe(HttpStatusCode.OK);
            TestContext.Current.TestOutputHelper?.WriteLine($"After PostgreSQL started again: writes acknowledged within " +
                $"{writing.TotalSeconds:F1} s, ready within {back.Elapsed.TotalSeconds:F1} s; {load.Describe()}");

            down.Text("status").ShouldBe("not-ready");
            down.Text("store").ShouldBe("down");
            load.Abandoned.ShouldBeEmpty(load.Describe());
            load.Failures.Keys.ShouldBe(["503"], $"writes the outage cut off should say so and invite a retry: {load.Describe()}");
            refused.ShouldBeProblem(HttpStatusCode.ServiceUnavailable).Text("type").ShouldEndWith("/database-unavailable");
            refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
            foreach (var (key, answer) in load.Acknowledged)
                (await client.GetJsonAsync($"/api/complaints/{answer.Id}")).ShouldBe(HttpStatusCode.OK).Text("description").ShouldBe(key);
            var registrations = await StoredEvents.RegistrationsAsync(connectionString, load.Prefix);
            registrations.Where(r => r.Value.Count > 1).ShouldBeEmpty("no registration may be stored twice");
            registrations.Keys.ShouldBe(load.Acknowledged.Keys, ignoreOrder: true, "every acknowledged registration is stored, and nothing else");
            // Deadline messages cut off by the outage must run again, not go to dead letters with their timers.
            var ids = load.Acknowledged.Values.Select(a => a.Id).ToList();
            var misses = await Poll.UntilAsync(() => StoredEvents.MissesAsync(connectionString, "D1"),
                missed => ids.All(missed.ContainsKey), Patience);
            ids.Select(id => misses.GetValueOrDefault(id)).ShouldAllBe(count => count == 1,
                "each complaint misses its forwarding deadline exactly once");
            (await Poll.UntilAsync(() => client.GetJsonAsync("/api/ledger"), ledger => ledger.Long("total") == ids.Count, Patience))
                .Long("total").ShouldBe(ids.Count);
        }
        finally
        {
            await cluster.StopAsync(immediately: false, TestContext.Current.CancellationToken);
        }
    }

    private static Task<Answer> ReadinessUntilAsync(HttpClient probe, HttpStatusCode wanted) =>
        Poll.UntilAsync(() => probe.GetJsonAsync("/health/ready"), readiness => readiness.Status == wanted, Patience);
}
