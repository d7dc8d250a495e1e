using System.Net;
using System.Text.Json.Nodes;
using Complaints.Host.Tests.Infrastructure;
using Npgsql;

namespace Complaints.Host.Tests.Reports;

/// <summary>
/// Trends of <see cref="November"/> plus one complaint closed and followed up over HTTP on Friday 20 November, against
/// hand-computed figures and the documented SQL run as the analyst role.
/// </summary>
public sealed class TrendTests(ComplaintsApi api) : ApiTest(api)
{
    private const string Weekly = "/api/trends?from=2026-11-02&to=2026-11-29&by=department&period=week";

    private async Task RecordAsync()
    {
        await November.RecordAsync(Api);
        var id = await Client.RegisterAsync();
        await Client.Step(id, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });
        await Client.Step(id, "verification", new
        {
            valid = true, findings = "Torque step skipped", responsibleParties = new[] { "Workshop 2" }, by = "Head Liu",
            rootCauseCategory = "process"
        });
        await Client.Step(id, "confirmation", new { by = "GM Wang" });
        await Client.WalkFromPlanToClosureAsync(id, 1);
        await Client.Step(id, "follow-ups", new
        {
            outcome = "reached", scores = new { timeliness = 4, attitude = 5, result = 2 }, recurred = false, by = "Intake Zhao"
        });
        await Api.WaitForReportsAsync();
    }

    private async Task<JsonNode> TrendsAsync(string query) =>
        (await Client.GetJsonAsync(query)).ShouldBe(HttpStatusCode.OK).Body!;

    private static JsonNode Period(JsonNode trends, string key, string period) =>
        trends["series"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == key)!["periods"]!.AsArray()
            .Single(p => p!["period"]!.GetValue<string>() == period)!;

    [Fact]
    public async Task Weeks_by_department_add_up_to_the_hand_computed_figures_with_their_changes()
    {
        await RecordAsync();

        var trends = await TrendsAsync(Weekly);

        trends["series"]!.AsArray().Select(s => s!["key"]!.GetValue<string>()).ShouldBe(["maintenance", "sales"]);
        // Week 46 (9-15 Nov): three maintenance complaints received, closed on the 11th, 12th and 11th.
        var w46 = Period(trends, "maintenance", "2026-W46");
        (w46["received"]!.GetValue<long>(), w46["closed"]!.GetValue<long>()).ShouldBe((3, 3));
        (w46["change"]!["received"]!.GetValue<long>(), w46["change"]!["closed"]!.GetValue<long>()).ShouldBe((3, 3));
        // Week 47: the HTTP complaint received and closed on the 20th, the reopened one closed again on the 16th.
        var w47 = Period(trends, "maintenance", "2026-W47");
        (w47["received"]!.GetValue<long>(), w47["closed"]!.GetValue<long>()).ShouldBe((1, 2));
        (w47["change"]!["received"]!.GetValue<long>(), w47["change"]!["closed"]!.GetValue<long>()).ShouldBe((-2, -1));
        w47["satisfaction"]!.ToJsonString().ShouldBe("""{"count":1,"timeliness":4,"attitude":5,"result":2}""");
        var sales = Period(trends, "sales", "2026-W46");
        (sales["received"]!.GetValue<long>(), sales["closed"]!.GetValue<long>()).ShouldBe((1, 0));
        Period(trends, "sales", "2026-W48")["received"]!.GetValue<long>().ShouldBe(0);
        trends["top"]!.ToJsonString().ShouldBe(
            """[{"rootCause":"unclassified","count":4,"share":0.8},{"rootCause":"process","count":1,"share":0.2}]""");
    }

    [Fact]
    public async Task The_on_time_rate_changes_against_the_previous_month()
    {
        await RecordAsync();

        var month = Period(await TrendsAsync("/api/trends?from=2026-11-01&to=2026-11-30&by=category"), "repair-workmanship", "2026-11");
        var december = Period(await TrendsAsync("/api/trends?from=2026-12-01&to=2026-12-31&by=category"), "repair-workmanship", "2026-12");

        var november = month["onTimeRate"]!["value"]!.GetValue<double>();
        month["change"]!["onTimeRate"].ShouldBeNull(); // October has nothing to compare with
        var decemberRate = december["onTimeRate"]!["value"]!.GetValue<double>();
        december["change"]!["onTimeRate"]!.GetValue<double>().ShouldBe(Math.Round(decemberRate - november, 4));
        december["change"]!["received"]!.GetValue<long>().ShouldBe(-5); // the month's four and the HTTP one
    }

    [Fact]
    public async Task The_documented_SQL_gives_the_same_weekly_figures_as_the_HTTP_call()
    {
        await RecordAsync();
        var trends = await TrendsAsync(Weekly);

        await using var connection = await AnalystSqlTests.AnalystAsync(Api.ConnectionString);
        await using var query = new NpgsqlCommand(AnalystSqlTests.DocumentedQuery("<!-- analytics-example: trends"), connection);
        await using var reader = await query.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = 0;
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var http = Period(trends, reader.GetString(1), reader.GetString(0));
            (reader.GetInt64(2), reader.GetInt64(3)).ShouldBe((http["received"]!.GetValue<long>(), http["closed"]!.GetValue<long>()));
            (reader.GetInt64(4), reader.GetInt64(5)).ShouldBe(
                (http["onTimeRate"]!["count"]!.GetValue<long>(), http["onTimeRate"]!["of"]!.GetValue<long>()));
            rows++;
        }
        rows.ShouldBe(8); // four weeks × two departments
    }

    [Fact]
    public async Task Trends_by_owner_count_each_complaint_under_whoever_owns_it()
    {
        var registration = Bodies.Registration();
        registration["owner"] = new { name = "Zhou Lei" };
        await Client.PostJsonAsync("/api/complaints", registration);
        await Client.PostJsonAsync("/api/complaints", Bodies.Registration());
        await Api.WaitForReportsAsync();

        var series = (await Client.GetJsonAsync("/api/trends?by=owner")).ShouldBe(HttpStatusCode.OK).Body!["series"]!.AsArray();

        series.Select(s => s!["key"]!.GetValue<string>()).Order().ShouldBe(["(none)", "Zhou Lei"]);
    }

    [Theory]
    [InlineData("by=owner&from=2026-11-01&to=2026-11-30", null)]
    [InlineData("by=rootCause&from=2026-11-01&to=2026-11-30&period=quarter", null)]
    [InlineData("by=severity", "by")]
    [InlineData("period=day", "period")]
    [InlineData("from=2026-12-01&to=2026-11-01", "from")]
    [InlineData("from=1999-01-01", "from")]
    [InlineData("from=2020-01-01&to=2026-11-30", "to")]
    public async Task Parameters_are_checked_naming_the_one_at_fault(string query, string? field)
    {
        await RecordAsync();

        var answer = await Client.GetJsonAsync($"/api/trends?{query}");

        if (field is null)
        {
            answer.ShouldBe(HttpStatusCode.OK);
            answer.Body!["series"]!.AsArray().ShouldNotBeEmpty();
            return;
        }
        answer.ShouldBe(HttpStatusCode.BadRequest);
        answer.Body!["errors"]![field].ShouldNotBeNull();
    }
}
