using System.Net;
using System.Text.Json.Nodes;
using Complaints.Domain;
using Complaints.Host.Audit;
using Complaints.Host.Deadlines;
using Complaints.Host.Reports.Rebuilding;
using Complaints.Host.Security;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Infrastructure;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using static Complaints.Host.Tests.Reports.November;

namespace Complaints.Host.Tests.Reports;

/// <summary>
/// Pause abuse (docs/rules-over-time.md): complaints of November whose D8 clock stood paused awaiting the customer for
/// most of its time are flagged in the trends per department and per owner, and their pauses are listed per complaint.
/// D8 (closure by the requested date) is the clock that pauses, so a complaint's share is its D8's paused time over
/// the time from receipt to closure.
/// </summary>
public sealed class PauseAbuseTests(ComplaintsApi api) : ApiTest(api)
{
    private const string Monthly = "/api/trends?from=2026-11-01&to=2026-11-30&period=month";

    /// <summary>Paused 72 h of 74 (0.973): flagged.</summary>
    internal static ScriptedComplaint Stalled(DeadlineSettings settings, string number = "CP-2026-000011") =>
        Planned(settings, number, At(9, 9), "Wang Wu", submittedAt: At(9, 10))
            .CustomerAnswered(1, accepted: true, At(12, 10))
            .Closed(At(12, 11));

    /// <summary>Paused 30 min of 49 h: not flagged.</summary>
    private static ScriptedComplaint Brief(DeadlineSettings settings) =>
        Planned(settings, "CP-2026-000012", At(9, 9), "Wang Wu", submittedAt: At(9, 10))
            .CustomerAnswered(1, accepted: true, At(9, 10, 30))
            .Closed(At(11, 10));

    /// <summary>Paused 30 min of 40 (0.75), but less than the hour a pause must reach in all: not flagged.</summary>
    private static ScriptedComplaint Short(DeadlineSettings settings) =>
        Planned(settings, "CP-2026-000013", At(10, 9), owner: null, submittedAt: At(10, 9, 5))
            .CustomerAnswered(1, accepted: true, At(10, 9, 35))
            .Closed(At(10, 9, 40));

    /// <summary>In sales, paused 71.5 h of 72.5 (0.9862): flagged, and still under a threshold of 0.98.</summary>
    internal static ScriptedComplaint SalesStalled(DeadlineSettings settings) =>
        Planned(settings, "CP-2026-000014", At(10, 9), "Sun Li", submittedAt: At(10, 9, 30), department: "sales")
            .CustomerAnswered(1, accepted: true, At(13, 9))
            .Closed(At(13, 9, 30));

    /// <summary>Still waiting for the customer at the end of the month: listed, not judged.</summary>
    private static ScriptedComplaint Waiting(DeadlineSettings settings) =>
        Planned(settings, "CP-2026-000015", At(20, 9), "Wang Wu", submittedAt: At(20, 10));

    private static ScriptedComplaint Planned(DeadlineSettings settings, string number, Instant at, string? owner,
        Instant submittedAt, string department = "maintenance")
    {
        var complaint = ScriptedComplaint.Received(settings, number, at, department: department);
        if (owner is not null) complaint.Do(new AssignComplaint(complaint.Id, new StaffMember(owner, null), "Director Chen", at));
        return complaint.Acknowledged(at.Plus(Duration.FromMinutes(1)))
            .Verified(at.Plus(Duration.FromMinutes(2)))
            .Confirmed(at.Plus(Duration.FromMinutes(3)))
            .PlanProposed(at.Plus(Duration.FromMinutes(4)))
            .PlanApproved(1, submittedAt);
    }

    private static IReadOnlyList<ScriptedComplaint> Month(DeadlineSettings settings) =>
        [Stalled(settings), Brief(settings), Short(settings), SalesStalled(settings), Waiting(settings)];

    private async Task<IReadOnlyList<ScriptedComplaint>> RecordAsync()
    {
        var month = Month(Api.Services.GetRequiredService<DeadlineSettings>());
        await November.RecordAsync(Api, month);
        return month;
    }

    /// <summary>Each key's November figure: flagged of closed.</summary>
    private static Dictionary<string, string> Flagged(JsonNode trends) =>
        trends["series"]!.AsArray().ToDictionary(s => s!["key"]!.GetValue<string>(), s =>
        {
            var abuse = s!["periods"]!.AsArray().Single()!["pauseAbuse"]!;
            return $"{abuse["count"]!.GetValue<long>()}/{abuse["of"]!.GetValue<long>()}";
        });

    private static async Task<JsonNode> GetAsync(HttpClient client, string path) =>
        (await client.GetJsonAsync(path)).ShouldBe(HttpStatusCode.OK).Body!;

    [Fact]
    public async Task The_trends_count_the_complaints_paused_most_of_their_time_per_department_and_per_owner()
    {
        await RecordAsync();

        var byDepartment = await GetAsync(Client, Monthly + "&by=department");
        Flagged(byDepartment).ShouldBe(new Dictionary<string, string> { ["maintenance"] = "1/3", ["sales"] = "1/1" });
        await using (var connection = await AnalystSqlTests.AnalystAsync(Api.ConnectionString))
        await using (var query = new NpgsqlCommand(
                         AnalystSqlTests.DocumentedQuery("<!-- analytics-example: pause abuse", "rules-over-time.md"), connection))
        await using (var reader = await query.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            var documented = new Dictionary<string, string>();
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
                documented[reader.GetString(0)] = $"{reader.GetInt64(1)}/{reader.GetInt64(2)}";
            documented.ShouldBe(Flagged(byDepartment));
        }
        var maintenance = byDepartment["series"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == "maintenance")!;
        maintenance["periods"]![0]!["pauseAbuse"]!["value"]!.GetValue<double>().ShouldBe(0.3333);
        Flagged(await GetAsync(Client, Monthly + "&by=owner"))
            .ShouldBe(new Dictionary<string, string> { ["(none)"] = "0/1", ["Sun Li"] = "1/1", ["Wang Wu"] = "1/2" });
        (await Client.GetJsonAsync(Monthly + "&by=pauses")).ShouldBe(HttpStatusCode.BadRequest)
            .Body!["errors"]!["by"].ShouldNotBeNull();
    }

    [Fact]
    public async Task A_complaint_lists_its_pauses_with_the_time_paused_its_share_and_whether_it_is_flagged()
    {
        var month = await RecordAsync();

        var stalled = await GetAsync(Client, $"/api/complaints/{month[0].Id}/pauses");
        stalled["upToDate"]!.GetValue<bool>().ShouldBeTrue();
        (stalled["pausedMinutes"]!.GetValue<long>(), stalled["clockMinutes"]!.GetValue<long>()).ShouldBe((72 * 60, 74 * 60));
        stalled["share"]!.GetValue<double>().ShouldBe(0.973);
        stalled["flagged"]!.GetValue<bool>().ShouldBeTrue();
        stalled["threshold"]!.ToJsonString().ShouldBe("""{"share":0.5,"minimumPausedMinutes":60}""");
        stalled["pauses"]!.ToJsonString().ShouldBe("""
            [{"pause":1,"rule":"D8","round":1,"pausedAt":"2026-11-09T02:00:00Z","resumedAt":"2026-11-12T02:00:00Z","endedAt":"2026-11-12T02:00:00Z","pausedMinutes":4320,"planVersion":1,"department":"maintenance","owner":"Wang Wu"}]
            """);

        var brief = await GetAsync(Client, $"/api/complaints/{month[1].Id}/pauses");
        (brief["pausedMinutes"]!.GetValue<long>(), brief["flagged"]!.GetValue<bool>()).ShouldBe((30, false));
        var @short = await GetAsync(Client, $"/api/complaints/{month[2].Id}/pauses");
        (@short["share"]!.GetValue<double>(), @short["flagged"]!.GetValue<bool>()).ShouldBe((0.75, false));

        var waiting = await GetAsync(Client, $"/api/complaints/{month[4].Id}/pauses");
        (waiting["pausedMinutes"]!.GetValue<long>(), waiting["flagged"]!.GetValue<bool>()).ShouldBe((0, false));
        waiting["clockMinutes"].ShouldBeNull();
        waiting["share"].ShouldBeNull();
        var open = waiting["pauses"]!.AsArray().ShouldHaveSingleItem()!;
        open["resumedAt"].ShouldBeNull();
        open["endedAt"].ShouldBeNull();

        (await Client.GetJsonAsync($"/api/complaints/{Guid.NewGuid()}/pauses")).ShouldBe(HttpStatusCode.NotFound);
        using var intake = Api.ClientFor("Intake Zhao", Roles.Intake);
        (await intake.GetJsonAsync($"/api/complaints/{month[0].Id}/pauses")).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_rebuild_gives_the_same_pauses_and_flags()
    {
        var month = await RecordAsync();
        var trends = (await GetAsync(Client, Monthly + "&by=owner")).ToJsonString();
        var pauses = await Task.WhenAll(month.Select(c => GetAsync(Client, $"/api/complaints/{c.Id}/pauses")));

        var result = await Api.Services.GetRequiredService<ReportsRebuild>()
            .RunAsync(EventSelection.All, keepFailed: false, TestContext.Current.CancellationToken);

        result.Swapped.ShouldBeTrue();
        (await GetAsync(Client, Monthly + "&by=owner")).ToJsonString().ShouldBe(trends);
        var rebuilt = await Task.WhenAll(month.Select(c => GetAsync(Client, $"/api/complaints/{c.Id}/pauses")));
        rebuilt.Select(p => p.ToJsonString()).ShouldBe(pauses.Select(p => p.ToJsonString()));
    }
}

/// <summary>The same month on a host whose threshold is 0.98: only the sales complaint (0.9862) is still flagged.</summary>
[Collection(CodegenCollection.Name)]
public sealed class PauseAbuseThresholdTests
{
    [Fact]
    public async Task A_higher_share_setting_flags_fewer_complaints()
    {
        var connectionString = await TestDatabases.EmptyAsync("complaints_pause_abuse_tests");
        var clock = new TestClock(ComplaintsApi.Start);
        await using var host = TestDatabases.HostOn(connectionString, clock,
            builder => builder.UseSetting("Reporting:PauseAbuse:Share", "0.98"));
        using var client = host.StaffClient();
        var settings = host.Services.GetRequiredService<DeadlineSettings>();
        var (stalled, sales) = (PauseAbuseTests.Stalled(settings), PauseAbuseTests.SalesStalled(settings));
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await stalled.AppendAsync(store);
        await sales.AppendAsync(store);
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var trends = (await client.GetJsonAsync("/api/trends?from=2026-11-01&to=2026-11-30&period=month&by=department"))
            .ShouldBe(HttpStatusCode.OK).Body!;

        trends["series"]!.AsArray().ToDictionary(s => s!["key"]!.GetValue<string>(),
                s => s!["periods"]![0]!["pauseAbuse"]!["count"]!.GetValue<long>())
            .ShouldBe(new Dictionary<string, long> { ["maintenance"] = 0, ["sales"] = 1 });
        var pauses = (await client.GetJsonAsync($"/api/complaints/{stalled.Id}/pauses")).ShouldBe(HttpStatusCode.OK).Body!;
        (pauses["share"]!.GetValue<double>(), pauses["flagged"]!.GetValue<bool>()).ShouldBe((0.973, false));
        pauses["threshold"]!["share"]!.GetValue<double>().ShouldBe(0.98);
    }
}
