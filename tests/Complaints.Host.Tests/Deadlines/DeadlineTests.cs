using System.Text.Json.Nodes;
using Complaints.Host.Deadlines;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using Wolverine;

namespace Complaints.Host.Tests.Deadlines;

public sealed class DeadlineTests(ComplaintsApi api) : ApiTest(api)
{
    /// <summary>Friday 2026-11-20 17:00 in Shanghai.</summary>
    private static readonly Instant FridayFivePmShanghai = Instant.FromUtc(2026, 11, 20, 9, 0);

    [Fact]
    public async Task A_complaint_received_friday_at_five_shows_its_acknowledgement_due_monday_at_nine()
    {
        Api.Clock.Set(FridayFivePmShanghai);
        var id = await Client.RegisterAsync();

        var d3 = Deadline(await Client.GetJsonAsync($"/api/complaints/{id}"), "D3");
        d3["dueAt"]!.GetValue<string>().ShouldBe("2026-11-23T01:00:00Z");
        d3["missed"]!.GetValue<bool>().ShouldBeFalse();
        d3["escalationLevel"]!.GetValue<int>().ShouldBe(0);
        d3["metAt"].ShouldBeNull();
    }

    [Fact]
    public async Task A_class_A_complaint_is_due_at_six_the_same_friday_and_reaches_the_gm_office_at_once()
    {
        Api.Clock.Set(FridayFivePmShanghai);
        var body = Bodies.Registration(severity: "A");
        var id = (await Client.PostJsonAsync("/api/complaints", body)).Id;

        var complaint = await Client.GetJsonAsync($"/api/complaints/{id}");
        Deadline(complaint, "D3")["dueAt"]!.GetValue<string>().ShouldBe("2026-11-20T10:00:00Z");
        complaint.Body!["escalationLevel"]!.GetValue<int>().ShouldBe(4);
        var escalated = (await Client.HistoryAsync(id)).Single(e => Type(e) == "Escalated")!["data"]!;
        escalated["to"]!.GetValue<string>().ShouldBe("gm-office");
        escalated["reason"]!.GetValue<string>().ShouldBe("class A complaint");
    }

    [Fact]
    public async Task A_missed_deadline_escalates_level_by_level_in_the_history_until_the_step_is_done()
    {
        Api.Clock.Set(FridayFivePmShanghai);
        var id = await Client.RegisterAsync();
        var due = InstantOf(Deadline(await Client.GetJsonAsync($"/api/complaints/{id}"), "D3")["dueAt"]);

        Api.Clock.Set(due);
        await FireAsync(new DeadlineDue(id, "D3", 1, 1, due));
        var level1 = Deadline(await Client.GetJsonAsync($"/api/complaints/{id}"), "D3");
        level1["missed"]!.GetValue<bool>().ShouldBeTrue();
        level1["escalationLevel"]!.GetValue<int>().ShouldBe(1);

        // Level 2 is due one working hour after the deadline: Monday 10:00 Shanghai.
        var level2At = Instant.FromUtc(2026, 11, 23, 2, 0);
        Api.Clock.Set(level2At);
        await FireAsync(new DeadlineDue(id, "D3", 1, 2, level2At));
        await FireAsync(new DeadlineDue(id, "D3", 1, 2, level2At));

        await Client.Step(id, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });
        var level3At = Instant.FromUtc(2026, 11, 23, 3, 0);
        Api.Clock.Set(level3At);
        await FireAsync(new DeadlineDue(id, "D3", 1, 3, level3At));

        var history = await Client.HistoryAsync(id);
        history.Where(e => Type(e) is "DeadlineMissed" or "Escalated" or "DeadlineMet" && Rule(e) == "D3")
            .Select(e => $"{Type(e)}:{e!["data"]!["level"]?.GetValue<int>()}")
            .ShouldBe(["DeadlineMissed:", "Escalated:1", "Escalated:2", "DeadlineMet:"]);
        history.Where(e => Type(e) == "Escalated").Select(e => e!["actor"]!.GetValue<string>()).Distinct()
            .ShouldBe([DeadlineWatch.Actor]);
        var d3 = Deadline(await Client.GetJsonAsync($"/api/complaints/{id}"), "D3");
        d3["escalationLevel"]!.GetValue<int>().ShouldBe(2);
        d3["metAt"].ShouldNotBeNull();
    }

    [Fact]
    public async Task A_complaint_found_invalid_stops_its_clocks_and_late_timers_change_nothing()
    {
        var id = await Client.RegisterAsync();
        await Client.Step(id, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });
        await Client.Step(id, "verification", new { valid = false, findings = "Not our vehicle", responsibleParties = Array.Empty<string>(), by = "Head Liu" });
        var before = (await Client.HistoryAsync(id)).Count;

        var deadlines = (await Client.GetJsonAsync($"/api/complaints/{id}")).Body!["deadlines"]!.AsArray();
        deadlines.ShouldAllBe(d => d!["metAt"] != null || d["withdrawnAt"] != null);
        Api.Clock.Advance(Duration.FromDays(30));
        await FireAsync(new DeadlineDue(id, "D6", 1, 1, Api.Clock.GetCurrentInstant()));

        (await Client.HistoryAsync(id)).Count.ShouldBe(before);
    }

    [Fact]
    public async Task Timers_of_one_complaint_falling_due_together_are_each_recorded_once()
    {
        Api.Clock.Set(FridayFivePmShanghai);
        var id = await Client.RegisterAsync();
        var due = (await Client.GetJsonAsync($"/api/complaints/{id}")).Body!["deadlines"]!.AsArray()
            .Where(d => d!["rule"]!.GetValue<string>() is "D3" or "D4" or "D6")
            .Select(d => new DeadlineDue(id, d!["rule"]!.GetValue<string>(), 1, 1, InstantOf(d["dueAt"])))
            .ToList();
        Api.Clock.Set(due.Max(d => d.At));

        using (var scope = Api.Services.CreateScope())
        {
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            await Task.WhenAll(due.Concat(due).Select(d => bus.PublishAsync(d).AsTask()));
        }

        var patience = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (Missed(await Client.HistoryAsync(id)).Intersect(due.Select(d => d.Rule)).Count() < due.Count &&
               DateTime.UtcNow < patience)
            await Task.Delay(100, TestContext.Current.CancellationToken);
        var history = await Client.HistoryAsync(id);
        // The clock also stands past D7's due instant and D3's and D4's next levels, so those may follow
        // (the watch schedules what is due); whatever is recorded, nothing may be recorded twice.
        var missed = Missed(history);
        missed.ShouldBeUnique();
        missed.ShouldBeSubsetOf(["D3", "D4", "D6", "D7"]);
        missed.ShouldContain("D3");
        missed.ShouldContain("D4");
        missed.ShouldContain("D6");
        history.Where(e => Type(e) == "Escalated")
            .Select(e => (Rule(e), e!["data"]!["level"]!.GetValue<int>())).ShouldBeUnique();
    }

    [Fact]
    public async Task A_registration_is_answered_with_its_timers_already_stored_beside_its_events()
    {
        Api.Clock.Set(FridayFivePmShanghai);
        var id = await Client.RegisterAsync();

        // Read at once: nothing had time to run after the command's own commit (docs/adr/0020).
        var timers = await ScheduledTimersAsync(id);
        var deadlines = (await Client.GetJsonAsync($"/api/complaints/{id}")).Body!["deadlines"]!.AsArray();
        timers.ShouldBe(deadlines.Select(d => d!["rule"]!.GetValue<string>()), ignoreOrder: true);
        timers.ShouldBe(["D3", "D4", "D6", "D7", "D8"], ignoreOrder: true);
    }

    [Fact]
    public async Task Timers_an_older_engine_asked_its_watch_for_are_still_armed_after_an_upgrade()
    {
        var id = Guid.CreateVersion7();
        var due = Api.Clock.GetCurrentInstant() + Duration.FromHours(1);

        using (var scope = Api.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(
                new WatchDeadlines(id, [new Domain.Deadlines.DeadlineTimer("D3", 1, 1, due)]), TestContext.Current.CancellationToken);

        (await ScheduledTimersAsync(id)).ShouldBe(["D3"]);
    }

    /// <summary>The rules of the deadline timers waiting for the complaint, one per timer.</summary>
    private async Task<List<string>> ScheduledTimersAsync(Guid id)
    {
        await using var connection = Api.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            select body from complaints.wolverine_incoming_envelopes
            where status = 'Scheduled' and message_type = 'Complaints.Host.Deadlines.DeadlineDue'
            """;
        var rules = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            // The stored envelope carries the message as JSON among its own fields.
            var body = System.Text.Encoding.UTF8.GetString(reader.GetFieldValue<byte[]>(0));
            if (body.Contains($"\"complaintId\":\"{id}\"", StringComparison.Ordinal))
                rules.Add(System.Text.RegularExpressions.Regex.Match(body, "\"rule\":\"(D\\d)\"").Groups[1].Value);
        }
        return rules;
    }

    private static List<string> Missed(JsonArray history) =>
        history.Where(e => Type(e) == "DeadlineMissed").Select(e => Rule(e)!).ToList();

    private async Task FireAsync(DeadlineDue due)
    {
        using var scope = Api.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(due, TestContext.Current.CancellationToken);
    }

    private static JsonNode Deadline(Answer complaint, string rule) =>
        complaint.Body!["deadlines"]!.AsArray().Last(d => d!["rule"]!.GetValue<string>() == rule)!;

    private static Instant InstantOf(JsonNode? node) => InstantPattern.ExtendedIso.Parse(node!.GetValue<string>()).Value;

    private static string Type(JsonNode? e) => e!["type"]!.GetValue<string>();

    private static string? Rule(JsonNode? e) => e!["data"]!["rule"]?.GetValue<string>();
}
