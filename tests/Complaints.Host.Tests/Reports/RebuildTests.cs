using Complaints.Host.Audit;
using Complaints.Host.Reports.Rebuilding;
using Complaints.Host.Tests.Audit;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Host.Tests.Reports;

public sealed class RebuildTests(ComplaintsApi api) : ApiTest(api)
{
    private ReportsRebuild Rebuild => Api.Services.GetRequiredService<ReportsRebuild>();

    [Fact]
    public async Task Rebuilding_the_reports_from_the_events_reproduces_every_row_and_report_exactly()
    {
        await November.RecordAsync(Api);
        var live = await Client.RegisterConfirmedAsync();
        await Client.WalkFromPlanToClosureAsync(live, 1);
        await Client.Step(live, "follow-ups", new { outcome = "declined", recurred = false, by = "Intake Zhao" });
        await Api.WaitForReportsAsync();
        var before = await ReadModels.ReadAsync(Api);
        // Rows an earlier faulty build left behind, of a complaint that has no events, go with the rebuild.
        await Api.ExecuteAsync("insert into analytics.ledger select (jsonb_populate_record(null::analytics.ledger, to_jsonb(l) || " +
                               $"jsonb_build_object('complaint_id', '{Guid.CreateVersion7()}', 'number', 'CP-ORPHAN'))).* " +
                               "from analytics.ledger l limit 1");

        var result = await Rebuild.RunAsync(EventSelection.All, keepFailed: false, TestContext.Current.CancellationToken);

        result.Swapped.ShouldBeTrue();
        result.Complaints.ShouldBe(5);
        result.Failures.ShouldBeEmpty();
        var after = await ReadModels.ReadAsync(Api);
        after.ShouldEqual(before);
        foreach (var (table, rows) in before.Where(t => t.Key != "report_failures")) rows.ShouldNotBeEmpty(table);
        before["ledger"].ShouldContain(row => row.Contains(live.ToString()));
    }

    [Fact]
    public async Task A_rebuild_of_one_complaint_or_a_period_replaces_only_their_rows()
    {
        await November.RecordAsync(Api);
        var recent = await Client.RegisterConfirmedAsync();
        await Api.WaitForReportsAsync();
        var before = await ReadModels.ReadAsync(Api);
        // Damage every ledger row so the rebuild's reach shows: only the rebuilt complaints come back right.
        await Api.ExecuteAsync("update analytics.ledger set status = 'damaged'");

        var one = await Rebuild.RunAsync(new EventSelection(Complaint: recent), keepFailed: false, TestContext.Current.CancellationToken);

        one.Complaints.ShouldBe(1);
        var ledger = (await ReadModels.ReadAsync(Api))["ledger"];
        ledger.Single(row => row.Contains(recent.ToString())).ShouldBe(before["ledger"].Single(row => row.Contains(recent.ToString())));
        ledger.Count(row => row.Contains("damaged")).ShouldBe(4);

        // The November month registered its four complaints before the recent one (registered at the test clock).
        var november = await Rebuild.RunAsync(new EventSelection(RegisteredFrom: November.At(1, 0), RegisteredTo: November.At(20, 0)),
            keepFailed: false, TestContext.Current.CancellationToken);

        november.Complaints.ShouldBe(4);
        (await ReadModels.ReadAsync(Api)).ShouldEqual(before);
    }

    [Fact]
    public async Task The_command_line_rebuilds_beside_a_running_host_and_says_how_much_it_did()
    {
        await November.RecordAsync(Api);
        await Api.WaitForReportsAsync();
        var before = await ReadModels.ReadAsync(Api);

        var rebuilt = await HostCommand.EngineAsync(Api.ConnectionString, "reports", "rebuild");

        rebuilt.ExitCode.ShouldBe(0, rebuilt.ToString());
        rebuilt.Output.ShouldContain("4 complaints");
        rebuilt.Output.ShouldContain("the live tables now hold them");
        (await ReadModels.ReadAsync(Api)).ShouldEqual(before);

        var refused = await HostCommand.EngineAsync(Api.ConnectionString, "reports", "rebuild", "--complaint", "CP-1");
        refused.ExitCode.ShouldBe(1);
        refused.Errors.ShouldContain("--complaint");
    }
}
