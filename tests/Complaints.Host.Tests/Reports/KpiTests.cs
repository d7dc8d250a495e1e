using System.Text.Json.Nodes;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Reports;

/// <summary>KPIs of <see cref="November"/>, checked against figures computed by hand.</summary>
public sealed class KpiTests(ComplaintsApi api) : ApiTest(api)
{
    private async Task<JsonArray> RowsAsync(string query) =>
        (await Client.GetJsonAsync($"/api/kpis?{query}")).ShouldBe(System.Net.HttpStatusCode.OK).Body!["rows"]!.AsArray();

    [Fact]
    public async Task The_month_adds_up_to_the_hand_computed_figures()
    {
        await November.RecordAsync(Api);

        var month = (await RowsAsync("from=2026-11-01&to=2026-11-30")).ShouldHaveSingleItem()!;

        month["received"]!.GetValue<long>().ShouldBe(4);
        month["closed"]!.GetValue<long>().ShouldBe(4); // on time, rejected (twice: before and after reopening), invalid
        month["openAtEnd"]!.GetValue<long>().ShouldBe(1);
        // Deadlines falling due in November: 5 + 10 of 11 + 0 of 2 + 3 on time; D8s fall due in December.
        Rate(month["timelinessRate"]).ShouldBe((18, 21, 0.8571));
        Rate(month["onTimeByRule"]!["D3"]).ShouldBe((2, 4, 0.5));
        Rate(month["onTimeByRule"]!["D4"]).ShouldBe((5, 6, 0.8333));
        Rate(month["onTimeByRule"]!["D6"]).ShouldBe((4, 4, 1.0));
        // First responses 420, 240, 60: p90 = 240 + 0.8 × 180.
        Minutes(month["firstResponse"]).ShouldBe((3, 240, 240, 384));
        // Closures 1140, 1350 (then reopened), 540, 60: median (540 + 1140) / 2, p90 = 1140 + 0.7 × 210.
        Minutes(month["timeToClose"]).ShouldBe((4, 772.5, 840, 1287));
        Rate(month["planRejectionRate"]).ShouldBe((1, 4, 0.25));
        Rate(month["reopenRate"]).ShouldBe((1, 4, 0.25));
        month["satisfaction"]!["count"]!.GetValue<long>().ShouldBe(2);
        month["satisfaction"]!["mean"]!.GetValue<double>().ShouldBe(3.5);
        month["satisfaction"]!["distribution"]!["2"]!.GetValue<long>().ShouldBe(1);
        month["satisfaction"]!["distribution"]!["5"]!.GetValue<long>().ShouldBe(1);
        month["escalations"]!.GetValue<long>().ShouldBe(3);
    }

    [Fact]
    public async Task Grouping_by_department_splits_the_figures()
    {
        await November.RecordAsync(Api);

        var rows = await RowsAsync("from=2026-11-01&to=2026-11-30&groupBy=department");

        rows.Select(r => r!["group"]!.GetValue<string>()).ShouldBe(["maintenance", "sales"]);
        var (maintenance, sales) = (rows[0]!, rows[1]!);
        maintenance["received"]!.GetValue<long>().ShouldBe(3);
        Rate(maintenance["timelinessRate"]).ShouldBe((18, 19, 0.9474));
        sales["received"]!.GetValue<long>().ShouldBe(1);
        sales["openAtEnd"]!.GetValue<long>().ShouldBe(1);
        Rate(sales["timelinessRate"]).ShouldBe((0, 2, 0.0));
        sales["escalations"]!.GetValue<long>().ShouldBe(2);
    }

    [Fact]
    public async Task Filters_answer_the_class_B_maintenance_question_in_one_call()
    {
        await November.RecordAsync(Api);

        var row = (await RowsAsync("from=2026-11-01&to=2026-11-30&severity=B&department=Maintenance")).ShouldHaveSingleItem()!;

        row["received"]!.GetValue<long>().ShouldBe(3);
        Rate(row["timelinessRate"]).ShouldBe((18, 19, 0.9474));
    }

    [Fact]
    public async Task Weekly_periods_count_each_figure_in_the_week_it_happened()
    {
        await November.RecordAsync(Api);

        var weeks = await RowsAsync("from=2026-11-09&to=2026-11-22&period=week");

        weeks.Select(w => w!["period"]!.GetValue<string>()).ShouldBe(["2026-W46", "2026-W47"]);
        weeks.Select(w => w!["received"]!.GetValue<long>()).ShouldBe([4L, 0L]);
        // Closures on the 11th, 12th and 11th (invalid) in week 46; the second closure on Monday the 16th.
        weeks.Select(w => w!["closed"]!.GetValue<long>()).ShouldBe([3L, 1L]);
        // At the end of week 46 the reopened complaint and the overdue one are open.
        weeks.Select(w => w!["openAtEnd"]!.GetValue<long>()).ShouldBe([2L, 1L]);
    }

    [Fact]
    public async Task Quarters_and_months_cut_at_the_requested_range()
    {
        var quarters = await RowsAsync("from=2026-11-15&to=2027-01-10&period=quarter");
        quarters.Select(q => $"{q!["period"]} {q["from"]}..{q["to"]}")
            .ShouldBe(["2026-Q4 2026-11-15..2026-12-31", "2027-Q1 2027-01-01..2027-01-10"]);

        var months = await RowsAsync("from=2026-11-15&to=2027-01-10&period=month");
        months.Select(m => m!["period"]!.GetValue<string>()).ShouldBe(["2026-11", "2026-12", "2027-01"]);
    }

    [Theory]
    [InlineData("period=day", "period")]
    [InlineData("groupBy=customer", "groupBy")]
    [InlineData("from=2026-11-31", "from")]
    [InlineData("from=2026-12-01&to=2026-11-01", "from")]
    [InlineData("severity=E", "severity")]
    public async Task Bad_parameters_are_refused_naming_the_parameter(string query, string field)
    {
        var answer = await Client.GetJsonAsync($"/api/kpis?{query}");

        answer.ShouldBeProblem(System.Net.HttpStatusCode.BadRequest);
        answer.Body!["errors"]![field].ShouldNotBeNull();
    }

    private static (long, long, double?) Rate(JsonNode? rate) =>
        (rate!["count"]!.GetValue<long>(), rate["of"]!.GetValue<long>(), rate["value"]?.GetValue<double>());

    private static (long, double?, double?, double?) Minutes(JsonNode? stats) =>
        (stats!["count"]!.GetValue<long>(), stats["mean"]?.GetValue<double>(), stats["median"]?.GetValue<double>(),
            stats["p90"]?.GetValue<double>());
}
