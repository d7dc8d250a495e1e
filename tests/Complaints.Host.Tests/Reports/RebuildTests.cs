using Complaints.Host.Tests.Infrastructure;
using Complaints.Projections.Analytics;
using Complaints.Projections.Reporting;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Complaints.Host.Tests.Reports;

public sealed class RebuildTests(ComplaintsApi api) : ApiTest(api)
{
    [Fact]
    public async Task Rebuilding_the_reports_from_the_events_reproduces_every_row_and_report_exactly()
    {
        await November.RecordAsync(Api);
        var live = await Client.RegisterConfirmedAsync();
        await Api.WaitForReportsAsync();
        var before = await ReadModelsAsync();

        // What `projections rebuild -p complaint-reports` runs: tear down, replay every event.
        await Api.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase()
            .RebuildProjectionAsync(ComplaintReportsProjection.Name, TestContext.Current.CancellationToken);
        await Api.WaitForReportsAsync();

        var after = await ReadModelsAsync();
        after.Keys.ShouldBe(before.Keys);
        foreach (var (table, rows) in before)
        {
            rows.ShouldNotBeEmpty(table);
            after[table].ShouldBe(rows, table);
        }
        before["ledger"].ShouldContain(row => row.Contains(live.ToString()));
    }

    /// <summary>Every analytics row and handling report, as text, in a fixed order.</summary>
    private async Task<Dictionary<string, List<string>>> ReadModelsAsync()
    {
        var tables = AnalyticsSchema.Tables.ToDictionary(t => t.Name, t => t.QualifiedName);
        tables["handling-reports"] = "complaints.mt_doc_handlingreport";
        var result = new Dictionary<string, List<string>>();
        await using var connection = new NpgsqlConnection(Api.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        foreach (var (name, table) in tables)
        {
            var column = name == "handling-reports" ? "t.data::text" : "t::text";
            await using var command = new NpgsqlCommand($"select {column} from {table} t order by 1", connection);
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            var rows = new List<string>();
            while (await reader.ReadAsync(TestContext.Current.CancellationToken)) rows.Add(reader.GetString(0));
            result[name] = rows;
        }
        return result;
    }
}
