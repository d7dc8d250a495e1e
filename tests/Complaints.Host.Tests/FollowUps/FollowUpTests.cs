using System.Net;
using System.Text.Json.Nodes;
using Complaints.Host.Deadlines;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Wolverine;

namespace Complaints.Host.Tests.FollowUps;

/// <summary>Follow-ups after closing over HTTP: the clocks a closed complaint shows, their escalation, the record.</summary>
public sealed class FollowUpTests(ComplaintsApi api) : ApiTest(api)
{
    /// <summary>Closed Friday 20 Nov 09:00 in Shanghai: Monday, Tuesday, Wednesday; due when Wednesday 25 Nov ends.</summary>
    private static readonly Instant FirstDue = Instant.FromUtc(2026, 11, 25, 16, 0);

    private static object Reached(bool recurred = false, string? comment = null) => new
    {
        outcome = "reached", scores = new { timeliness = 4, attitude = 5, result = recurred ? 1 : 4 }, recurred, comment,
        by = "Intake Zhao"
    };

    private async Task<Guid> ClosedAsync()
    {
        var id = await Client.RegisterConfirmedAsync();
        await Client.WalkFromPlanToClosureAsync(id, 1);
        return id;
    }

    [Fact]
    public async Task A_closed_complaint_shows_its_first_follow_up_clock_recorded_like_a_deadline()
    {
        var id = await ClosedAsync();

        var f1 = Deadline(await Client.GetJsonAsync($"/api/complaints/{id}"), "F1");
        f1["dueAt"]!.GetValue<string>().ShouldBe("2026-11-25T16:00:00Z");
        f1["measure"]!.GetValue<string>().ShouldBe("working-time");
        f1["metAt"].ShouldBeNull();
        var set = (await Client.HistoryAsync(id)).Last(e => Type(e) == "DeadlineSet")!["data"]!;
        set["rule"]!.GetValue<string>().ShouldBe("F1");
        set["calendar"]!.GetValue<string>().ShouldBe("CN");
        set["policyVersion"]!.GetValue<string>().ShouldMatch(@"^2026-12-02\.1#[0-9a-f]{8}$");
    }

    [Fact]
    public async Task A_missed_follow_up_escalates_and_the_recorded_one_stops_it_and_starts_the_monthly_clock()
    {
        var id = await ClosedAsync();

        Api.Clock.Set(FirstDue);
        await FireAsync(new DeadlineDue(id, "F1", 1, 1, FirstDue));
        var missed = Deadline(await Client.GetJsonAsync($"/api/complaints/{id}"), "F1");
        missed["missed"]!.GetValue<bool>().ShouldBeTrue();
        missed["escalationLevel"]!.GetValue<int>().ShouldBe(1);

        Api.Clock.Set(Instant.FromUtc(2026, 11, 26, 2, 0));
        await Client.Step(id, "follow-ups", Reached());
        // Level 2 would be due one working day (9 h) after the deadline: it finds the clock met.
        await FireAsync(new DeadlineDue(id, "F1", 1, 2, Instant.FromUtc(2026, 11, 26, 9, 30)));

        var complaint = await Client.GetJsonAsync($"/api/complaints/{id}");
        var f1 = Deadline(complaint, "F1");
        f1["metAt"]!.GetValue<string>().ShouldBe("2026-11-26T02:00:00Z");
        f1["escalationLevel"]!.GetValue<int>().ShouldBe(1);
        // A month after Friday 20 November is Sunday 20 December: due when Monday the 21st ends.
        Deadline(complaint, "M1")["dueAt"]!.GetValue<string>().ShouldBe("2026-12-21T16:00:00Z");
        complaint.Text("status").ShouldBe("closed");
        (await Client.HistoryAsync(id)).Count(e => Type(e) == "Escalated" && e!["data"]!["rule"]?.GetValue<string>() == "F1")
            .ShouldBe(1);
    }

    [Fact]
    public async Task A_follow_up_that_reports_recurrence_offers_reopening_and_counts_in_the_reopen_rate()
    {
        var id = await ClosedAsync();

        await Client.Step(id, "follow-ups", Reached(recurred: true, comment: "Noise is back"));

        var complaint = await Client.GetJsonAsync($"/api/complaints/{id}");
        complaint.Body!["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()).First().ShouldBe("reopen");
        await Api.WaitForReportsAsync();
        var month = (await Client.GetJsonAsync("/api/kpis?from=2026-11-01&to=2026-11-30")).ShouldBe(HttpStatusCode.OK)
            .Body!["rows"]![0]!;
        month["reopenRate"]!["count"]!.GetValue<long>().ShouldBe(1);
        month["reopenRate"]!["of"]!.GetValue<long>().ShouldBe(1);
        var report = (await Client.GetJsonAsync($"/api/complaints/{id}/report")).ShouldBe(HttpStatusCode.OK).Body!;
        var followUp = report["report"]!["followUps"]!.AsArray().ShouldHaveSingleItem()!;
        followUp["scores"]!["result"]!.GetValue<int>().ShouldBe(1);
        followUp["recurred"]!.GetValue<bool>().ShouldBeTrue();

        await Client.Step(id, "reopen", new { reason = "Noise is back", by = "Intake Zhao" });
        var reopened = Deadline(await Client.GetJsonAsync($"/api/complaints/{id}"), "M1");
        reopened["withdrawnAt"].ShouldNotBeNull();
    }

    [Fact]
    public async Task The_satisfaction_score_stays_readable_beside_the_follow_ups()
    {
        var id = await ClosedAsync();

        await Client.Step(id, "satisfaction", new { score = 4 });
        await Client.Step(id, "follow-ups", new { outcome = "declined", recurred = false, by = "Intake Zhao" });

        var complaint = await Client.GetJsonAsync($"/api/complaints/{id}");
        complaint.Body!["satisfactionScore"]!.GetValue<int>().ShouldBe(4);
        complaint.Body!["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["record-follow-up", "reopen"]);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"outcome":"reached","recurred":false,"by":"Zhao"}""", "scores" },
        { """{"outcome":"reached","scores":{"timeliness":6,"attitude":5,"result":4},"recurred":false,"by":"Zhao"}""", "scores.timeliness" },
        { """{"outcome":"reached","scores":{"timeliness":5,"attitude":0,"result":4},"recurred":false,"by":"Zhao"}""", "scores.attitude" },
        { """{"outcome":"reached","scores":{"timeliness":5,"attitude":5},"recurred":false,"by":"Zhao"}""", "scores.result" },
        { """{"outcome":"unreachable","scores":{"timeliness":5,"attitude":5,"result":5},"recurred":false,"by":"Zhao"}""", "scores" },
        { """{"outcome":"unreachable","recurred":true,"by":"Zhao"}""", "recurred" },
        { """{"outcome":"declined","by":"Zhao"}""", "recurred" },
        { """{"outcome":"visited","recurred":false,"by":"Zhao"}""", "outcome" },
        { """{"recurred":false,"by":"Zhao"}""", "outcome" },
        { """{"outcome":"declined","recurred":false}""", "by" },
        { """{"outcome":"declined","recurred":false,"by":"Zhao\nLi"}""", "by" },
        { """{"outcome":"declined","recurred":false,"by":"Zhao","comment":"a\u0000b"}""", "comment" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_follow_up_is_refused_naming_the_field_and_records_nothing(string body, string field)
    {
        var id = await ClosedAsync();
        var before = (await Client.HistoryAsync(id)).Count;

        var answer = await Client.SendJsonAsync($"/api/complaints/{id}/follow-ups", body);

        answer.ShouldBe(HttpStatusCode.BadRequest);
        answer.ContentType.ShouldBe("application/problem+json");
        answer.Body!["errors"]!.AsObject().Select(e => e.Key).ShouldContain(field);
        (await Client.HistoryAsync(id)).Count.ShouldBe(before);
    }

    [Fact]
    public async Task A_follow_up_before_closing_is_409_with_the_allowed_actions()
    {
        var id = await Client.RegisterConfirmedAsync();

        var answer = await Client.PostJsonAsync($"/api/complaints/{id}/follow-ups", Reached());

        answer.ShouldBe(HttpStatusCode.Conflict);
        answer.Body!["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["propose-action-plan", .. Domain.ComplaintActions.StaffWork]);
    }

    [Fact]
    public async Task A_follow_up_resent_with_its_idempotency_key_is_recorded_once()
    {
        var id = await ClosedAsync();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "follow-up-1" };

        var first = await Client.PostJsonAsync($"/api/complaints/{id}/follow-ups", Reached(), key);
        var again = await Client.PostJsonAsync($"/api/complaints/{id}/follow-ups", Reached(), key);

        again.Version.ShouldBe(first.ShouldBe(HttpStatusCode.OK).Version);
        (await Client.HistoryAsync(id)).Count(e => Type(e) == "FollowUpRecorded").ShouldBe(1);
    }

    private async Task FireAsync(DeadlineDue due)
    {
        using var scope = Api.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(due, TestContext.Current.CancellationToken);
    }

    private static JsonNode Deadline(Answer complaint, string rule) =>
        complaint.Body!["deadlines"]!.AsArray().Last(d => d!["rule"]!.GetValue<string>() == rule)!;

    private static string Type(JsonNode? e) => e!["type"]!.GetValue<string>();
}
