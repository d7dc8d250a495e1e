using System.Diagnostics;
using System.Net;
using Complaints.Host.Security;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Faults;

/// <summary>
/// Two engines on one database, as two nodes of one deployment: Balanced durability and projections distributed by
/// Wolverine (docs/adr/0008, 0012). Complaints registered on both must each miss their three-second forwarding
/// deadline exactly once, and the reports must be projected by one node only.
/// </summary>
[Collection(CodegenCollection.Name)]
[Trait("Category", "Faults")]
public sealed class TwoNodeTests
{
    private const int Complaints = 40;
    private const string Reports = "complaint-reports:All";

    /// <summary>The nodes first elect a leader, which then assigns the timers' and reports' agents: seconds, not minutes.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Every_timer_fires_once_and_the_reports_run_on_one_node()
    {
        var connectionString = await TestDatabases.EmptyAsync("complaints_fault_nodes");
        var settings = new Dictionary<string, string>
        {
            ["Deadlines__PolicyFile"] = ShortDeadlines.ForwardingPolicy(),
            ["Projections__Distribution"] = "cluster",
            ["Messaging__DurabilityMode"] = "Balanced"
        };
        // One after the other: each applies the schema at start in Development.
        await using var first = await EngineProcess.StartAsync(connectionString, settings);
        await using var second = await EngineProcess.StartAsync(connectionString, settings);
        EngineProcess[] nodes = [first, second];
        var clients = nodes.Select(node => node.StaffClient()).ToArray();

        var sinceRegistered = Stopwatch.StartNew();
        var ids = await Task.WhenAll(Enumerable.Range(0, Complaints).Select(async i =>
            (await clients[i % 2].PostJsonAsync("/api/complaints", FaultBodies.Registration($"two-nodes-{i}", receiverKind: "regional")))
            .ShouldBe(HttpStatusCode.Created).Id));
        var misses = await Poll.UntilAsync(() => StoredEvents.MissesAsync(connectionString, "D1"),
            missed => ids.All(missed.ContainsKey), Patience);
        var allFired = sinceRegistered.Elapsed;

        ids.Select(id => misses.GetValueOrDefault(id)).ShouldAllBe(count => count == 1, "each timer fires exactly once");
        // Ids with random bits: two nodes on one host cannot mint the same one and drop a message as a duplicate.
        (await StoredEvents.EnvelopeIdVersionsAsync(connectionString)).Keys.ShouldBe(["7"]);
        var readiness = await Poll.UntilAsync(() => Task.WhenAll(clients.Select(c => c.GetJsonAsync("/health/ready"))),
            answers => answers.Count(a => a.Body!["runningProjections"].Strings().Contains(Reports)) == 1, Patience);
        var holders = readiness.Select(a => a.Body!["runningProjections"].Strings()).ToList();
        holders.SelectMany(running => running).ShouldBe([Reports], "each projection runs on one node, and runs");
        using var analyst = first.ClientFor("Analyst Wu", Roles.Analyst);
        (await Poll.UntilAsync(() => analyst.GetJsonAsync("/api/ledger"), ledger => ledger.Long("total") == Complaints, Patience))
            .Long("total").ShouldBe(Complaints);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Complaints} three-second timers registered on two nodes all fired within {allFired.TotalSeconds:F1} s; " +
            $"the reports ran on the {(holders[0].Count > 0 ? "first" : "second")} node started; " +
            $"lateness (recorded − due): {await StoredEvents.LatenessAsync(connectionString, "D1")}");
        foreach (var client in clients) client.Dispose();
    }
}
