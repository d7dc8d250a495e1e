using Complaints.Host.Tests.Infrastructure;
using Npgsql;

namespace Complaints.Host.Tests.Reports;

/// <summary>How the live projection writes a changed complaint's fact rows (docs/analytics.md, "Tables"; ADR 0043).</summary>
public sealed class FactRowWriteTests(ComplaintsApi api) : ApiTest(api)
{
    [Fact]
    public async Task A_step_rewrites_only_the_deadline_rows_it_changed_and_leaves_the_others_as_they_were()
    {
        Api.Clock.Set(November.At(23, 9));
        var id = await Client.RegisterAsync();
        await Api.WaitForReportsAsync();
        var before = await DeadlineRowsAsync(id);

        Api.Clock.Set(November.At(23, 9, 20));
        await Client.Step(id, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });
        await Api.WaitForReportsAsync();
        var after = await DeadlineRowsAsync(id);

        var kept = before.Keys.Intersect(after.Keys).ToList();
        var unchanged = kept.Where(key => before[key].Row == after[key].Row).ToList();
        var changed = kept.Except(unchanged).ToList();
        unchanged.ShouldNotBeEmpty();
        changed.ShouldNotBeEmpty("acknowledging meets the acknowledgement clock");
        foreach (var key in unchanged) after[key].Version.ShouldBe(before[key].Version, $"{key} did not change");
        foreach (var key in changed) after[key].Version.ShouldNotBe(before[key].Version, $"{key} changed");
    }

    /// <summary>Each deadline row of the complaint by rule and round: its row version (<c>xmin</c>) and its values.</summary>
    private async Task<Dictionary<string, (string Version, string Row)>> DeadlineRowsAsync(Guid complaint)
    {
        await using var connection = new NpgsqlConnection(Api.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "select rule || '/' || round, xmin::text, d::text from analytics.deadlines d where complaint_id = @id", connection);
        command.Parameters.AddWithValue("id", complaint);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new Dictionary<string, (string, string)>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            rows[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2));
        return rows;
    }
}
