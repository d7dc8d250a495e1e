using System.Net;
using System.Text.Json.Nodes;
using Complaints.Host.Deadlines;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Complaints.Host.Tests.Rules;

/// <summary>Rules over time over HTTP (docs/rules-over-time.md): stored versions, replay, what-if.</summary>
public sealed class RulesOverTimeTests(ComplaintsApi api) : ApiTest(api)
{
    private DeadlineSettings Settings => Api.Services.GetRequiredService<DeadlineSettings>();

    [Fact]
    public async Task The_versions_a_deadline_names_can_be_fetched_with_their_content()
    {
        var calendar = Settings.Calendars.All.First();

        var stored = (await Client.GetJsonAsync($"/api/rules/calendar/{Uri.EscapeDataString(calendar.Version)}")).ShouldBe(HttpStatusCode.OK);
        var policy = (await Client.GetJsonAsync($"/api/rules/deadline-policy/{Uri.EscapeDataString(Settings.Policy.Version)}")).ShouldBe(HttpStatusCode.OK);

        stored.Text("name").ShouldBe(calendar.Id);
        stored.Text("sha256").Length.ShouldBe(64);
        stored.Body!["content"]!["years"]!.AsArray().Count.ShouldBe(calendar.Years.Count);
        policy.Body!["content"]!["rules"]!.AsArray().Count.ShouldBe(Settings.Policy.Rules.Count);
    }

    [Theory]
    [InlineData("/api/rules/weather/1")]
    [InlineData("/api/rules/calendar/CN%40none%2300000000")]
    public async Task An_unknown_kind_or_version_is_a_problem_not_found(string path)
    {
        var answer = await Client.GetJsonAsync(path);

        answer.ShouldBe(HttpStatusCode.NotFound);
        answer.ContentType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Replay_gives_back_every_recorded_deadline_of_a_complaint()
    {
        var id = await Client.RegisterAsync();
        Api.Clock.Advance(Duration.FromMinutes(30));
        await Client.Step(id, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });

        var replay = (await Client.GetJsonAsync($"/api/complaints/{id}/clocks/replay")).ShouldBe(HttpStatusCode.OK);

        replay.Body!["matches"]!.GetValue<bool>().ShouldBeTrue(replay.Body.ToJsonString());
        var d3 = replay.Body["deadlines"]!.AsArray().Single(d => d!["rule"]!.GetValue<string>() == "D3")!;
        d3["recorded"]!["metAt"]!.GetValue<string>().ShouldBe(d3["recomputed"]!["metAt"]!.GetValue<string>());
        d3["recorded"]!["calendarVersion"]!.GetValue<string>().ShouldBe(Settings.Calendars.For("cn-east").Version);
        (await Client.GetJsonAsync($"/api/complaints/{Guid.NewGuid()}/clocks/replay")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task What_if_with_the_same_policy_changes_nothing_and_with_a_shorter_D3_misses_more()
    {
        var id = await Client.RegisterAsync();
        Api.Clock.Advance(Duration.FromMinutes(30));
        await Client.Step(id, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });
        var shipped = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Deadlines", "policy.json"),
            TestContext.Current.CancellationToken))!;
        var shorter = shipped.DeepClone();
        shorter["rules"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == "D3")!["length"] = "PT10M";

        var same = (await Client.PostJsonAsync("/api/policies/what-if", new { policy = shipped, from = "2026-11-20", to = "2026-11-20" }))
            .ShouldBe(HttpStatusCode.OK);
        var tried = (await Client.PostJsonAsync("/api/policies/what-if", new { policy = shorter, from = "2026-11-20", to = "2026-11-20" }))
            .ShouldBe(HttpStatusCode.OK);

        same.Long("complaints").ShouldBe(1);
        same.Body!["rows"]!.AsArray().ShouldAllBe(r => r!["lateDifference"]!.GetValue<long>() == 0
                                                       && r["escalationsDifference"]!.GetValue<long>() == 0);
        var d3 = tried.Body!["rows"]!.AsArray().First(r => r!["rule"]?.GetValue<string>() == "D3" && r["department"] is null)!;
        d3["recorded"]!["late"]!.GetValue<long>().ShouldBe(0);
        d3["candidate"]!["late"]!.GetValue<long>().ShouldBe(1);
        d3["lateDifference"]!.GetValue<long>().ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"policy": {"version": "x", "rules": [{"id": "D3", "lenght": "PT1H"}]}, "from": "2026-11-01", "to": "2026-11-30"}""", "policy")]
    [InlineData("""{"policy": "not a policy", "from": "2026-11-01", "to": "2026-11-30"}""", "policy")]
    // A length NodaTime cannot hold as a duration was a 500 (OverflowException).
    [InlineData("""{"policy": {"version": "x", "rules": [{"id": "D3", "length": "P3650000D"}]}, "from": "2026-11-01", "to": "2026-11-30"}""", "policy")]
    [InlineData("""{"policy": {}, "from": "2026-11-31", "to": "2026-11-30"}""", "from")]
    [InlineData("""{"policy": {}, "from": "2020-01-01", "to": "2026-11-30"}""", "to")]
    public async Task A_candidate_or_period_that_cannot_be_tried_is_a_validation_problem(string body, string field)
    {
        var answer = await Client.SendJsonAsync("/api/policies/what-if", body);

        answer.ShouldBe(HttpStatusCode.BadRequest);
        answer.ContentType.ShouldBe("application/problem+json");
        answer.Body!["errors"]![field].ShouldNotBeNull(answer.Body.ToJsonString());
    }
}
