using System.Net;
using System.Text.Json.Nodes;
using Complaints.Host.Audit;
using Complaints.Host.Deadlines;
using Complaints.Host.Demo;
using Complaints.Host.Infrastructure.Calendars;
using Complaints.Host.Rules;
using Complaints.Host.Tests.Infrastructure;
using Complaints.Host.Tests.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Npgsql;

namespace Complaints.Host.Tests.Rules;

/// <summary>
/// What an auditor checks of the clocks (docs/rules-over-time.md): a month's recorded deadlines follow from the rules
/// then in force, a corrected calendar is repaired by appending and nothing else, and the reports move only with it.
/// </summary>
public sealed class ClockAuditTests(ComplaintsApi api) : ApiTest(api)
{
    /// <summary>
    /// The shipped calendars with Monday 9 November 2026 made a holiday, as if the first version had missed it (a
    /// temporary copy, as <see cref="PolicyFiles"/> makes).
    /// </summary>
    private readonly string corrected = CorrectedCalendars();

    [Fact]
    public async Task Every_clock_of_a_demo_month_replays_to_the_figures_recorded_and_its_policy_tried_again_changes_nothing()
    {
        var month = await ActivatorUtilities.CreateInstance<DemoMonth>(Api.Services)
            .RecordAsync(new YearMonth(2026, 11), 80, 2026, TestContext.Current.CancellationToken);
        // The month holds every path: on time, late, escalated level by level, paused awaiting the customer, reopened, class A.
        month.Paths.Keys.ShouldBe(Enum.GetValues<DemoPath>(), ignoreOrder: true);
        foreach (var type in new[] { "deadline_missed", "escalated", "deadline_clock_paused", "deadline_clock_resumed", "complaint_reopened" })
            (await Api.ScalarAsync<long>($"select count(*) from complaints.mt_events where type = '{type}'")).ShouldBeGreaterThan(0, type);
        (await Api.ScalarAsync<long>("select count(*) from complaints.mt_events where type = 'escalated' and data->>'reason' = 'class A complaint'"))
            .ShouldBeGreaterThan(0);

        var verified = await HostCommand.EngineAsync(Api.ConnectionString, "audit", "verify", "--clocks", "--from", "2026-11-01", "--to", "2026-11-30");

        verified.ExitCode.ShouldBe(0, verified.ToString());
        verified.Output.ShouldContain("80 complaints");
        verified.Output.ShouldContain("every recorded deadline follows from the rules then in force.");
        verified.Output.ShouldNotContain("CLOCK ");
        foreach (var id in await StreamIdsAsync())
        {
            var replay = (await Client.GetJsonAsync($"/api/complaints/{id}/clocks/replay")).ShouldBe(HttpStatusCode.OK);
            replay.Body!["matches"]!.GetValue<bool>().ShouldBeTrue(replay.Body.ToJsonString());
            replay.Body["deadlines"]!.AsArray().ShouldNotBeEmpty();
        }

        // The what-if of the same month: the policy in force changes nothing anywhere, a shorter D3 misses more.
        var shipped = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Deadlines", "policy.json"),
            TestContext.Current.CancellationToken))!;
        var shorter = shipped.DeepClone();
        shorter["rules"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == "D3")!["length"] = "PT10M";
        var same = (await Client.PostJsonAsync("/api/policies/what-if", new { policy = shipped, from = "2026-11-01", to = "2026-11-30" }))
            .ShouldBe(HttpStatusCode.OK);
        var tried = (await Client.PostJsonAsync("/api/policies/what-if", new { policy = shorter, from = "2026-11-01", to = "2026-11-30" }))
            .ShouldBe(HttpStatusCode.OK);
        same.Long("complaints").ShouldBe(80);
        same.Body!["rows"]!.AsArray().Count.ShouldBeGreaterThan(8);
        same.Body["rows"]!.AsArray().ShouldAllBe(r => r!["lateDifference"]!.GetValue<long>() == 0
                                                      && r["escalationsDifference"]!.GetValue<long>() == 0
                                                      && r["recorded"]!.ToJsonString() == r["candidate"]!.ToJsonString());
        tried.Body!["rows"]!.AsArray()[0]!["lateDifference"]!.GetValue<long>().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_corrected_calendar_recounts_only_the_clocks_it_moves_and_changes_nothing_recorded()
    {
        var month = await RecordMonthAsync();
        var stored = await EventsAsync();

        var dryRun = await HostCommand.EngineAsync(Corrected(), "clocks", "repair", "--from", "2026-11-01", "--to", "2026-11-30");

        dryRun.ExitCode.ShouldBe(0, dryRun.ToString());
        dryRun.Output.ShouldContain("5 complaints checked: 8 clocks of 2 complaints to repair (dry run");
        dryRun.Output.ShouldContain($"WOULD REPAIR {month.Rejected} D3#1: due 2026-11-09T07:00:00Z -> 2026-11-10T01:30:00Z, late True -> False");
        (await EventsAsync()).ShouldBe(stored);

        var repaired = await RepairAsync();

        repaired.Complaints.ShouldBe(5);
        // Monday 9 November off: a clock started that day starts at 08:30 on the Tuesday; class A counts clock hours.
        repaired.Planned.SelectMany(p => p.Recomputed.Select(r => (p.Id, r.Rule, r.Round, r.RecordedDueAt, r.DueAt, r.RecordedLate, r.Late)))
            .ShouldBe(Expected(month), ignoreOrder: true);
        var after = await EventsAsync();
        after.Take(stored.Count).ShouldBe(stored);
        after.Skip(stored.Count).ShouldAllBe(e => e.Contains("|deadline_recomputed|"));
        after.Count.ShouldBe(stored.Count + 8);
        (await Api.ScalarAsync<string>("select string_agg(distinct data->>'reason' || ' ' || (data->>'calendarVersion'), '; ') " +
                                       "from complaints.mt_events where type = 'deadline_recomputed'"))
            .ShouldBe($"holiday of 2026-11-09 was missing {CalendarFiles.Load(corrected).For("cn-east").Version}");
        var chains = await HostCommand.EngineAsync(Api.ConnectionString, "audit", "verify");
        chains.ExitCode.ShouldBe(0, chains.ToString());
        chains.Output.ShouldContain("every hash chain holds.");

        (await RepairAsync()).Planned.ShouldBeEmpty();
        (await EventsAsync()).ShouldBe(after);
    }

    [Fact]
    public async Task The_reports_stay_as_recorded_after_a_calendar_change_until_a_repair_and_then_only_the_repaired_view_moves()
    {
        var month = await RecordMonthAsync();
        var readModels = await ReadModels.ReadAsync(Api);
        var recorded = await KpisAsync("recorded");
        (await KpisAsync("repaired")).ShouldBe(recorded);

        // The calendar file is corrected and the reports are rebuilt by a process started on it.
        var rebuilt = await HostCommand.EngineAsync(Corrected(), "reports", "rebuild");

        rebuilt.ExitCode.ShouldBe(0, rebuilt.ToString());
        (await ReadModels.ReadAsync(Api)).ShouldEqual(readModels);
        (await KpisAsync("recorded")).ShouldBe(recorded);
        (await KpisAsync("repaired")).ShouldBe(recorded);

        // The operator's dry run, then the repair (docs/rules-over-time.md, section 3).
        (await HostCommand.EngineAsync(Corrected(), "clocks", "repair", "--from", "2026-11-01", "--to", "2026-11-30")).ExitCode.ShouldBe(0);
        await RepairAsync();
        await Api.WaitForReportsAsync();

        (await KpisAsync("recorded")).ShouldBe(recorded);
        var repaired = JsonNode.Parse(await KpisAsync("repaired"))!;
        var before = JsonNode.Parse(recorded)!;
        // D3 of the rejected complaint was missed by half an hour on a day that was a holiday: on time once repaired.
        OnTime(repaired, "D3").ShouldBe(new[] { 4L, 5L });
        OnTime(before, "D3").ShouldBe(new[] { 3L, 5L });
        (await Api.ScalarAsync<long>(
            $"select count(*) from analytics.deadlines where complaint_id = '{month.Rejected}' and rule = 'D3' and repaired_on_time"))
            .ShouldBe(1);
    }

    /// <summary>November's four complaints and a class A one received the same Monday morning.</summary>
    private async Task<(Guid OnTime, Guid Rejected, Guid Overdue, Guid Invalid, Guid ClassA)> RecordMonthAsync()
    {
        var settings = Api.Services.GetRequiredService<DeadlineSettings>();
        var classA = ScriptedComplaint.Received(settings, "CP-2026-000005", November.At(9, 9), severity: "A")
            .Acknowledged(November.At(9, 9, 20))
            .Verified(November.At(9, 10))
            .Confirmed(November.At(9, 10, 30));
        var month = new List<ScriptedComplaint>(November.All(settings)) { classA };
        await November.RecordAsync(Api, month);
        // Scripted histories have no timers firing: the repairs run just after the month's last event, before any of
        // their running clocks (the follow-ups after closing) falls due, so their recorded history is what a live
        // engine would hold then.
        Api.Clock.Set(November.At(16, 11, 30));
        return (month[0].Id, month[1].Id, month[2].Id, month[3].Id, classA.Id);
    }

    /// <summary>
    /// Worked by hand from the procedure's events (Shanghai 08:30–17:30, UTC+8): a working-time clock started on the
    /// holiday counts from 08:30 on Tuesday 10 November. The overdue and the invalid complaint start later, the class A
    /// one counts clock hours: none of theirs moves.
    /// </summary>
    private static IEnumerable<(Guid, string, int, Instant, Instant, bool, bool)> Expected(
        (Guid OnTime, Guid Rejected, Guid Overdue, Guid Invalid, Guid ClassA) month)
    {
        static Instant At(int day, int hour, int minute = 0) => November.At(day, hour, minute);
        return
        [
            // Received 09:00: D3 1 h, D4 2 h, D6 8 h from receipt; D5 1 h from verification at 10:30.
            (month.OnTime, "D3", 1, At(9, 10), At(10, 9, 30), false, false),
            (month.OnTime, "D4", 1, At(9, 11), At(10, 10, 30), false, false),
            (month.OnTime, "D5", 1, At(9, 11, 30), At(10, 9, 30), false, false),
            (month.OnTime, "D6", 1, At(9, 17), At(10, 16, 30), false, false),
            // Received 14:00, acknowledged 15:30 after D3 fell due at 15:00: in time once the Monday is off.
            (month.Rejected, "D3", 1, At(9, 15), At(10, 9, 30), true, false),
            (month.Rejected, "D4", 1, At(9, 16), At(10, 10, 30), false, false),
            (month.Rejected, "D5", 1, At(9, 16, 45), At(10, 9, 30), false, false),
            // 3.5 h on the Monday and 4.5 h on the Tuesday before; 8 h from Tuesday 08:30 now.
            (month.Rejected, "D6", 1, At(10, 13), At(10, 16, 30), false, false),
        ];
    }

    private Task<RepairResult> RepairAsync()
    {
        // The repair as `clocks repair --apply` runs it after the dry run recorded the corrected version, on a node
        // started on the corrected files, on the test's clock.
        var files = new DeadlineOptions { CalendarDirectory = corrected };
        var history = new RuleHistory(DeadlineSettings.Load(files), Api.Services, Api.Clock, NullLogger<RuleHistory>.Instance);
        return ActivatorUtilities.CreateInstance<ClockRepairs>(Api.Services, history).RunAsync(
            new EventSelection(RegisteredFrom: November.At(1, 0), RegisteredTo: November.At(30, 23)),
            "holiday of 2026-11-09 was missing", apply: true, TestContext.Current.CancellationToken);
    }

    private Dictionary<string, string> Corrected() => new()
    {
        ["ConnectionStrings__Marten"] = Api.ConnectionString,
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["Projections__Distribution"] = "solo",
        ["Deadlines__CalendarDirectory"] = corrected
    };

    private async Task<string> KpisAsync(string clocks)
    {
        var answer = (await Client.GetJsonAsync($"/api/kpis?from=2026-11-01&to=2026-11-30&clocks={clocks}")).ShouldBe(HttpStatusCode.OK);
        answer.Body!["clocks"] = null;
        return answer.Body.ToJsonString();
    }

    /// <summary>The rule's on-time count and the clocks that ended, from the whole period's row.</summary>
    private static long[] OnTime(JsonNode kpis, string rule)
    {
        var share = kpis["rows"]!.AsArray().Single()!["onTimeByRule"]![rule]!;
        return [share["count"]!.GetValue<long>(), share["of"]!.GetValue<long>()];
    }

    /// <summary>Every stored event as its row reads, in order: what an altered byte would show in.</summary>
    private async Task<List<string>> EventsAsync()
    {
        await using var connection = new NpgsqlConnection(Api.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("""
            select concat_ws('|', seq_id, id, stream_id, version, type, data::text, timestamp, headers::text, correlation_id, causation_id)
            from complaints.mt_events order by seq_id
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken)) rows.Add(reader.GetString(0));
        return rows;
    }

    private async Task<List<Guid>> StreamIdsAsync()
    {
        await using var connection = new NpgsqlConnection(Api.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("select id from complaints.mt_streams order by id", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken)) ids.Add(reader.GetGuid(0));
        return ids;
    }

    private static string CorrectedCalendars()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "calendars");
        var copy = Directory.CreateTempSubdirectory("complaints-corrected-calendars-").FullName;
        foreach (var file in Directory.EnumerateFiles(shipped, "*.json", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var year = Path.Combine(copy, "CN", "2026.json");
        var calendar = JsonNode.Parse(File.ReadAllText(year))!;
        calendar["holidays"]!.AsArray().Add(new JsonObject
        {
            ["from"] = "2026-11-09", ["to"] = "2026-11-09", ["name"] = "Holiday the first version missed"
        });
        File.WriteAllText(year, calendar.ToJsonString());
        return copy;
    }
}
