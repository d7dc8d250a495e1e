using System.Net;
using System.Text.Json.Nodes;
using Complaints.Host.Reports.Scheduled;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Faults;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Complaints.Host.Tests.Reports;

/// <summary>Reports that arrive by themselves, on the shared host with the check run by hand.</summary>
public sealed class ScheduledReportTests(ComplaintsApi api) : ApiTest(api)
{
    private ScheduledReports Reports => Api.Services.GetRequiredService<ScheduledReports>();

    private static IEnumerable<string> Ids(IEnumerable<ReportDelivery> deliveries) => deliveries.Select(d => d.Id);

    [Fact]
    public async Task The_supervision_report_of_a_month_is_made_once_when_the_month_ends_in_the_reporting_zone()
    {
        await November.RecordAsync(Api);
        Api.Clock.Set(Instant.FromUtc(2026, 11, 30, 15, 59)); // 23:59 in Shanghai

        Ids(await Reports.RunDueAsync(TestContext.Current.CancellationToken)).ShouldNotContain("supervision:2026-11");
        Api.Clock.Set(Instant.FromUtc(2026, 11, 30, 16, 0));
        Ids(await Reports.RunDueAsync(TestContext.Current.CancellationToken)).ShouldContain("supervision:2026-11");
        (await Reports.RunDueAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();

        var items = await DeliveriesAsync(Client);
        var november = items.Single(i => i["report"]!.GetValue<string>() == "supervision" && i["period"]!.GetValue<string>() == "2026-11");
        november["recipients"]!.AsArray().Select(r => r!["entry"]!.GetValue<string>()).ShouldBe(["cn-east/gm-office/gm-office"]);
        november["intact"]!.GetValue<bool>().ShouldBeTrue();
        november["generatedAt"]!.GetValue<string>().ShouldBe("2026-11-30T16:00:00Z");
        var stored = await Api.Store.QuerySession().LoadAsync<ReportDelivery>("supervision:2026-11", TestContext.Current.CancellationToken);
        var report = JsonNode.Parse(stored!.Content)!;
        report["month"]!.GetValue<string>().ShouldBe("2026-11");
        report["kpis"]!["received"]!.GetValue<long>().ShouldBe(4);
    }

    [Fact]
    public async Task The_weekly_summary_is_made_on_friday_at_noon_and_the_quarterly_evaluation_when_the_quarter_ends()
    {
        Api.Clock.Set(Instant.FromUtc(2026, 11, 20, 3, 59)); // Friday 11:59 in Shanghai
        var before = Ids(await Reports.RunDueAsync(TestContext.Current.CancellationToken)).ToList();
        Api.Clock.Set(Instant.FromUtc(2026, 11, 20, 4, 0));
        var atNoon = Ids(await Reports.RunDueAsync(TestContext.Current.CancellationToken)).ToList();
        Api.Clock.Set(Instant.FromUtc(2026, 12, 31, 16, 0)); // 1 January 2027, 00:00 in Shanghai
        var newYear = Ids(await Reports.RunDueAsync(TestContext.Current.CancellationToken)).ToList();

        // A store that never had a report starts with its latest period.
        before.ShouldBe(["supervision:2026-10", "weekly-summary:2026-W46", "quarterly-evaluation:2026-Q3"]);
        atNoon.ShouldBe(["weekly-summary:2026-W47"]);
        // Friday 1 January before noon: every period since the last one made, oldest first, each once; the week
        // before (21-27 December) is the latest summary due.
        newYear.ShouldBe([
            "supervision:2026-11", "supervision:2026-12",
            "weekly-summary:2026-W48", "weekly-summary:2026-W49", "weekly-summary:2026-W50", "weekly-summary:2026-W51",
            "weekly-summary:2026-W52", "quarterly-evaluation:2026-Q4"
        ]);
        (await Reports.RunDueAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    /// <summary>A quiet week's summary was a bare [] (its rows by department, of which there were none).</summary>
    [Fact]
    public async Task A_quiet_weeks_summary_is_the_week_with_zero_counts()
    {
        Api.Clock.Set(Instant.FromUtc(2026, 11, 20, 4, 0)); // Friday 12:00 in Shanghai
        await Reports.RunDueAsync(TestContext.Current.CancellationToken);

        await using var session = Api.Store.QuerySession();
        var stored = await session.LoadAsync<ReportDelivery>("weekly-summary:2026-W47", TestContext.Current.CancellationToken);
        var summary = JsonNode.Parse(stored!.Content).ShouldBeOfType<JsonObject>();

        summary["week"]!.GetValue<string>().ShouldBe("2026-W47");
        summary["from"]!.GetValue<string>().ShouldBe("2026-11-16");
        summary["to"]!.GetValue<string>().ShouldBe("2026-11-20");
        summary["total"]!["received"]!.GetValue<long>().ShouldBe(0);
        summary["total"]!["closed"]!.GetValue<long>().ShouldBe(0);
        summary["departments"].ShouldBeOfType<JsonArray>().ShouldBeEmpty();
    }

    /// <summary>
    /// A conflict on a notification's id was taken for "another node made the report", so the report was silently
    /// missing (a delivery of the previous test's mail, finishing after the reset, had written its record back).
    /// </summary>
    [Fact]
    public async Task A_conflict_that_is_not_the_report_itself_is_an_error_not_a_report_made()
    {
        Api.Clock.Set(Instant.FromUtc(2026, 11, 20, 4, 0)); // Friday 12:00 in Shanghai
        await using (var session = Api.Store.LightweightSession())
        {
            session.Store(global::Complaints.Host.Notifications.NotificationRecord.ForReport("supervision:2026-10",
                "cn-east/gm-office/gm-office", Api.Clock.GetCurrentInstant()));
            await session.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await Should.ThrowAsync<Exception>(() => Reports.RunDueAsync(TestContext.Current.CancellationToken));
        await using var query = Api.Store.QuerySession();
        (await query.LoadAsync<ReportDelivery>("supervision:2026-10", TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    [Fact]
    public async Task A_node_down_for_years_makes_the_last_twelve_periods_of_each_report_once()
    {
        await Reports.RunDueAsync(TestContext.Current.CancellationToken); // 2026-10, 2026-W46 and 2026-Q3
        Api.Clock.Set(Instant.FromUtc(2029, 3, 10, 2, 0)); // Saturday 10 March 2029 in Shanghai

        var caughtUp = Ids(await Reports.RunDueAsync(TestContext.Current.CancellationToken)).ToList();

        caughtUp.Where(id => id.StartsWith("supervision:", StringComparison.Ordinal)).ShouldBe(
            [.. Enumerable.Range(0, 12).Select(i => $"supervision:{new LocalDate(2028, 3, 1).PlusMonths(i):uuuu-MM}")]);
        caughtUp.Where(id => id.StartsWith("weekly-summary:", StringComparison.Ordinal)).ShouldBe(
            ["weekly-summary:2028-W51", "weekly-summary:2028-W52", .. Enumerable.Range(1, 10).Select(w => $"weekly-summary:2029-W{w:00}")]);
        // The quarters since 2026-Q3, the newest one stored: fewer than the bound.
        caughtUp.Where(id => id.StartsWith("quarterly-evaluation:", StringComparison.Ordinal)).ShouldBe(
            ["quarterly-evaluation:2026-Q4", .. new[] { 2027, 2028 }.SelectMany(y => Enumerable.Range(1, 4).Select(q => $"quarterly-evaluation:{y}-Q{q}"))]);
        (await Reports.RunDueAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_edit_of_a_stored_report_is_detectable()
    {
        await Reports.RunDueAsync(TestContext.Current.CancellationToken);

        // The month inside the stored report, as someone editing the row by hand would change it.
        await Api.ExecuteAsync("""
            update complaints.mt_doc_reportdelivery
            set data = replace(data::text, '\"month\":\"2026-10\"', '\"month\":\"2026-09\"')::jsonb
            where id = 'supervision:2026-10'
            """);

        var items = await DeliveriesAsync(Client);
        items.Single(i => i["period"]!.GetValue<string>() == "2026-10")["intact"]!.GetValue<bool>().ShouldBeFalse();
        items.Where(i => i["period"]!.GetValue<string>() != "2026-10").ShouldAllBe(i => i!["intact"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("2026-Q4", HttpStatusCode.OK)]
    [InlineData("2026-Q5", HttpStatusCode.BadRequest)]
    [InlineData("2026-4", HttpStatusCode.BadRequest)]
    [InlineData("0001-Q1", HttpStatusCode.BadRequest)]
    public async Task The_quarterly_evaluation_answers_for_a_quarter_like_2026_Q4(string quarter, HttpStatusCode status)
    {
        await November.RecordAsync(Api);

        var answer = (await Client.GetJsonAsync($"/api/reports/quarterly/{quarter}")).ShouldBe(status);

        if (status != HttpStatusCode.OK) return;
        answer.Body!["quarter"]!.GetValue<string>().ShouldBe("2026-Q4");
        answer.Body!["byMonth"]!.AsArray().Select(m => m!["period"]!.GetValue<string>()).ShouldBe(["2026-10", "2026-11", "2026-12"]);
        answer.Body!["kpis"]!["received"]!.GetValue<long>().ShouldBe(4);
        var api = (await Client.GetJsonAsync("/api/kpis?from=2026-10-01&to=2026-12-31")).Body!["rows"]!;
        var months = (await Client.GetJsonAsync("/api/kpis?from=2026-10-01&to=2026-12-31&period=month")).Body!["rows"]!;
        var departments = (await Client.GetJsonAsync("/api/kpis?from=2026-10-01&to=2026-12-31&groupBy=department")).Body!["rows"]!;
        ReportTests.ShouldBeTheSameKpis([answer.Body!["kpis"]], [api[0]]);
        ReportTests.ShouldBeTheSameKpis(answer.Body!["byMonth"]!.AsArray(), months.AsArray());
        ReportTests.ShouldBeTheSameKpis(answer.Body!["byDepartment"]!.AsArray(), departments.AsArray());
    }

    internal static async Task<List<JsonNode>> DeliveriesAsync(HttpClient client) =>
        [.. (await client.GetJsonAsync("/api/reports/deliveries")).ShouldBe(HttpStatusCode.OK).Body!["items"]!.AsArray().Select(i => i!)];
}

/// <summary>Two nodes on one database with the scheduler running by itself, across the month boundary and a restart.</summary>
[Collection(CodegenCollection.Name)]
public sealed class ScheduledReportNodeTests
{
    private static void Scheduling(IWebHostBuilder builder)
    {
        builder.UseSetting("ScheduledReports:Enabled", "true");
        builder.UseSetting("ScheduledReports:Interval", "00:00:00.2");
        builder.UseSetting("Projections:Distribution", "cluster");
        builder.UseSetting("Messaging:DurabilityMode", "Balanced");
    }

    private static async Task<List<JsonNode>> SupervisionOf(HttpClient client, string month) =>
        [.. (await ScheduledReportTests.DeliveriesAsync(client))
            .Where(i => i["report"]!.GetValue<string>() == "supervision" && i["period"]!.GetValue<string>() == month)];

    [Fact]
    public async Task The_month_end_report_appears_once_without_anyone_asking_with_two_nodes_and_after_a_restart()
    {
        var connectionString = await TestDatabases.EmptyAsync("complaints_schedule_tests");
        var clock = new TestClock(Instant.FromUtc(2026, 11, 30, 15, 0)); // 23:00 on 30 November in Shanghai
        await using var one = TestDatabases.HostOn(connectionString, clock, Scheduling);
        using var client = one.StaffClient();
        await using var two = TestDatabases.HostOn(connectionString, clock, Scheduling);
        using var second = two.StaffClient();
        // The month before is due at once: a node that was "down" at its end makes it when it starts.
        (await Poll.UntilAsync(() => SupervisionOf(second, "2026-10"), found => found.Count > 0, TimeSpan.FromSeconds(20)))
            .ShouldHaveSingleItem();

        clock.Set(Instant.FromUtc(2026, 11, 30, 16, 0, 1));
        var november = await Poll.UntilAsync(() => SupervisionOf(client, "2026-11"), found => found.Count > 0, TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken); // both nodes check several times more
        november = await SupervisionOf(client, "2026-11");

        // Mailed once, by whichever node stored it: one notification for the GM office's entry.
        november.ShouldHaveSingleItem()["recipients"]!.AsArray().ShouldHaveSingleItem()!["entry"]!.GetValue<string>()
            .ShouldBe("cn-east/gm-office/gm-office");
        await two.DisposeAsync();
        await one.DisposeAsync();

        // Down over two month ends: the restarted nodes make December and January, once each.
        clock.Set(Instant.FromUtc(2027, 2, 1, 1, 0));
        await using var restarted = TestDatabases.HostOn(connectionString, clock, Scheduling);
        using var third = restarted.StaffClient();
        await using var fourth = TestDatabases.HostOn(connectionString, clock, Scheduling);
        using var fourthClient = fourth.StaffClient();
        await Poll.UntilAsync(() => SupervisionOf(fourthClient, "2027-01"), found => found.Count > 0, TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        (await SupervisionOf(third, "2026-11")).ShouldHaveSingleItem();
        (await SupervisionOf(third, "2026-12")).ShouldHaveSingleItem();
        (await SupervisionOf(third, "2027-01")).ShouldHaveSingleItem();
        (await ScheduledReportTests.DeliveriesAsync(third)).Select(i => $"{i["report"]}:{i["period"]}").ShouldBeUnique();
    }
}
