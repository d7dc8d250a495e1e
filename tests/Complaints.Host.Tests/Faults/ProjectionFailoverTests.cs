using System.Diagnostics;
using System.Net;
using Complaints.Host.Security;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Faults;

/// <summary>
/// Two nodes on one database (docs/scaling.md): when the node running the reports is killed, the survivor takes them
/// over and projects what was written since, so analysts' figures keep counting every complaint.
/// </summary>
[Collection(CodegenCollection.Name)]
[Trait("Category", "Faults")]
public sealed class ProjectionFailoverTests
{
    private const string Reports = "complaint-reports:All";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_reports_move_to_the_surviving_node_and_count_what_was_written_after_the_kill()
    {
        var connectionString = await TestDatabases.EmptyAsync("complaints_fault_failover");
        var settings = new Dictionary<string, string>
        {
            ["Projections__Distribution"] = "cluster",
            ["Messaging__DurabilityMode"] = "Balanced"
        };
        await using var first = await EngineProcess.StartAsync(connectionString, settings);
        await using var second = await EngineProcess.StartAsync(connectionString, settings);
        EngineProcess[] nodes = [first, second];
        var readiness = await Poll.UntilAsync(() => Task.WhenAll(nodes.Select(ReadinessAsync)),
            answers => answers.Count(running => running.Contains(Reports)) == 1, Patience);
        readiness.Count(running => running.Contains(Reports)).ShouldBe(1, "one node runs the reports before the kill");
        var holder = readiness[0].Contains(Reports) ? first : second;
        var survivor = holder == first ? second : first;

        holder.Kill();
        var sinceKill = Stopwatch.StartNew();
        using var staff = survivor.StaffClient();
        for (var i = 0; i < 3; i++)
            (await staff.PostJsonAsync("/api/complaints", FaultBodies.Registration($"after-the-kill-{i}")))
                .ShouldBe(HttpStatusCode.Created);

        using var analyst = survivor.ClientFor("Analyst Wu", Roles.Analyst);
        var ledger = await Poll.UntilAsync(() => analyst.GetJsonAsync("/api/ledger"),
            answer => answer.Status == HttpStatusCode.OK && answer.Long("total") == 3, Patience);
        var tookOver = sinceKill.Elapsed;

        ledger.Long("total").ShouldBe(3, survivor.Output);
        (await ReadinessAsync(survivor)).ShouldContain(Reports);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"The survivor projected the complaints registered after the kill {tookOver.TotalSeconds:F1} s after it.");
    }

    private static async Task<IReadOnlyList<string>> ReadinessAsync(EngineProcess node)
    {
        using var client = node.AnonymousClient();
        return (await client.GetJsonAsync("/health/ready")).Body?["runningProjections"].Strings() ?? [];
    }
}
