using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Complaints.Host.Security;
using Complaints.Host.Tests.Infrastructure;
using NodaTime;

namespace Complaints.Host.Tests.Ingesting;

/// <summary>An integrating system (service role) posts what happened as CloudEvents 1.0.</summary>
public sealed class CloudEventsTests(ComplaintsApi api) : ApiTest(api)
{
    private const string Source = "urn:call-centre:eu-1";
    private const string Batch = "application/cloudevents-batch+json";
    private const string Single = "application/cloudevents+json";

    [Fact]
    public async Task A_batch_posted_twice_records_each_complaint_once()
    {
        using var service = Api.ClientFor("call-centre", Roles.Service);
        var batch = new JsonArray(Registration("call-1"), Registration("call-2"), Registration("call-3"));

        var first = await service.SendJsonAsync("/api/events", batch.ToJsonString(), contentType: Batch);
        var again = await service.SendJsonAsync("/api/events", batch.ToJsonString(), contentType: Batch);

        first.ShouldBe(HttpStatusCode.OK);
        var ids = Results(first).Select(r => r["answer"]!["id"]!.GetValue<Guid>()).ToList();
        Results(first).Select(r => r["status"]!.GetValue<int>()).ShouldAllBe(s => s == 201);
        Results(again).Select(r => r["answer"]!["id"]!.GetValue<Guid>()).ShouldBe(ids);
        (await Api.ComplaintCountAsync()).ShouldBe(3);
        ids.Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public async Task An_invalid_event_in_a_batch_records_nothing_and_does_not_sink_the_others()
    {
        using var service = Api.ClientFor("call-centre", Roles.Service);
        var invalid = Registration("call-bad");
        invalid["data"]!["severity"] = "Z";
        var unknownComplaint = Event("ack-1", "com.complaints.acknowledge", new { department = "maintenance", by = "Head Liu" },
            subject: Guid.CreateVersion7().ToString());
        var noType = Registration("call-untyped");
        noType.Remove("type");
        var batch = new JsonArray(Registration("call-ok"), invalid, unknownComplaint, noType);

        var answer = (await service.SendJsonAsync("/api/events", batch.ToJsonString(), contentType: Batch)).ShouldBe(HttpStatusCode.OK);

        var results = Results(answer);
        results.Select(r => r["status"]!.GetValue<int>()).ShouldBe([201, 400, 404, 400]);
        results.Select(r => r["id"]!.GetValue<string>()).ShouldBe(["call-ok", "call-bad", "ack-1", "call-untyped"]);
        results[1]["problem"]!["errors"]!.AsObject().Select(e => e.Key).ShouldContain("severity");
        results[3]["problem"]!["errors"]!["type"].ShouldNotBeNull();
        (await Api.ComplaintCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_id_from_the_same_source_with_another_payload_is_refused_and_a_year_later_still_known()
    {
        using var service = Api.ClientFor("call-centre", Roles.Service);
        var original = Registration("call-7");
        var created = (await service.SendJsonAsync("/api/events", original.ToJsonString(), contentType: Single))
            .ShouldBe(HttpStatusCode.Created);
        var changed = Registration("call-7");
        changed["data"]!["description"] = "Something else entirely";

        (await service.SendJsonAsync("/api/events", changed.ToJsonString(), contentType: Single))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        Api.Clock.Advance(Duration.FromDays(400));
        (await service.SendJsonAsync("/api/events", original.ToJsonString(), contentType: Single))
            .ShouldBe(HttpStatusCode.Created).Id.ShouldBe(created.Id);
        var otherSource = Registration("call-7");
        otherSource["source"] = "urn:call-centre:ap-2";
        otherSource["data"]!["requestedResolutionDate"] = "2028-01-31"; // a new complaint, received 400 days later
        (await service.SendJsonAsync("/api/events", otherSource.ToJsonString(), contentType: Single))
            .ShouldBe(HttpStatusCode.Created).Id.ShouldNotBe(created.Id);
        (await Api.ComplaintCountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task Every_command_of_the_contract_can_arrive_as_a_cloud_event()
    {
        // Each event needs the roles its HTTP endpoint needs: this system acts for intake and both approving bodies.
        using var system = Api.ClientFor("workshop-system", Roles.Service, Roles.Intake, Roles.CsLeadership, Roles.GmOffice);
        var byRegion = Event("r-1", "com.complaints.register", Bodies.Registration(receiverKind: "regional"));
        var id = (await system.SendJsonAsync("/api/events", byRegion.ToJsonString(), contentType: Single))
            .ShouldBe(HttpStatusCode.Created).Id;
        var steps = new (string Type, object Data, int? Plan)[]
        {
            ("forward", new { to = "customer-service", by = "Zhou" }, null),
            ("acknowledge", new { department = "maintenance", by = "Head Liu" }, null),
            ("verify", new { valid = true, findings = "Pads worn", responsibleParties = new[] { "Workshop 2" }, by = "Head Liu" }, null),
            ("confirm", new { by = "GM Wang" }, null),
            ("propose-action-plan", ComplaintSteps.Plan(), null),
            ("review-action-plan", Bodies.Review("cs-leadership", approved: true), 1),
            ("review-action-plan", Bodies.Review("gm-office", approved: true), 1),
            ("record-customer-response", new { accepted = true }, 1),
            ("report-execution", new { summary = "Pads replaced", by = "Head Liu" }, null),
            ("review-execution", new { accepted = true, by = "Director Chen" }, null),
            ("compile-handling-report", new { summary = "Resolved", by = "Intake Zhao" }, null),
            ("review-handling-report", Bodies.Review("cs-leadership", approved: true), null),
            ("review-handling-report", Bodies.Review("gm-office", approved: true), null),
            ("close", new { sentTo = "li.wei@example.com", by = "Intake Zhao" }, null),
            ("record-satisfaction", new { score = 4 }, null),
            ("reopen", new { reason = "Noise is back", by = "Intake Zhao" }, null)
        };
        var batch = new JsonArray([.. steps.Select((s, i) =>
            (JsonNode)Event($"step-{i}", "com.complaints." + s.Type, s.Data, id.ToString(), s.Plan))]);

        var answer = (await system.SendJsonAsync("/api/events", batch.ToJsonString(), contentType: Batch)).ShouldBe(HttpStatusCode.OK);

        Results(answer).Select(r => r["status"]!.GetValue<int>()).ShouldAllBe(s => s == 200, answer.Body!.ToJsonString());
        (await Client.StatusAsync(id)).ShouldBe("awaiting-verification");
        (await Client.HistoryAsync(id)).Lifecycle().First()["causationId"]!.GetValue<string>().ShouldBe($"{Source}#r-1");
    }

    [Fact]
    public async Task A_cloud_event_does_not_widen_what_the_posting_token_may_do()
    {
        var id = await Client.RegisterConfirmedAsync();
        using var service = Api.ClientFor("call-centre", Roles.Service);
        var before = await Client.VersionAsync(id);
        var batch = new JsonArray(
            Event("c-1", "com.complaints.propose-action-plan", ComplaintSteps.Plan(), id.ToString()),
            Event("c-2", "com.complaints.review-action-plan", Bodies.Review("gm-office", approved: true), id.ToString(), plan: 1),
            Event("c-3", "com.complaints.reopen", new { reason = "x", by = "y" }, id.ToString()));

        var answer = (await service.SendJsonAsync("/api/events", batch.ToJsonString(), contentType: Batch)).ShouldBe(HttpStatusCode.OK);

        Results(answer).Select(r => r["status"]!.GetValue<int>()).ShouldBe([200, 403, 403]);
        Results(answer)[1]["problem"]!["detail"]!.GetValue<string>().ShouldContain("gm-office");
        (await Client.VersionAsync(id)).ShouldBe(before + 1);
    }

    [Fact]
    public async Task Only_the_service_role_posts_events_and_only_as_cloud_events()
    {
        using var intake = Api.ClientFor("Zhang San", Roles.Intake);
        using var service = Api.ClientFor("call-centre", Roles.Service);

        (await intake.SendJsonAsync("/api/events", Registration("x").ToJsonString(), contentType: Single))
            .ShouldBeProblem(HttpStatusCode.Forbidden);
        (await service.SendJsonAsync("/api/events", Registration("x").ToJsonString(), contentType: "text/plain"))
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        (await service.SendJsonAsync("/api/events", "[]", contentType: Batch)).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await service.SendJsonAsync("/api/events", "{not json", contentType: Single)).ShouldBeProblem(HttpStatusCode.BadRequest);
        var huge = new JsonArray([.. Enumerable.Range(0, 80).Select(i =>
        {
            var registration = Registration($"big-{i}");
            registration["data"]!["description"] = new string('x', 1000);
            return (JsonNode)registration;
        })]);
        huge.ToJsonString().Length.ShouldBeGreaterThan(65536); // the test host's body limit
        (await service.SendJsonAsync("/api/events", huge.ToJsonString(), contentType: Batch))
            .ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    private static JsonObject Registration(string id) => Event(id, "com.complaints.register", Bodies.Registration());

    private static JsonObject Event(string id, string type, object data, string? subject = null, int? plan = null)
    {
        var cloudEvent = new JsonObject
        {
            ["specversion"] = "1.0", ["id"] = id, ["source"] = Source, ["type"] = type,
            ["datacontenttype"] = "application/json", ["data"] = JsonSerializer.SerializeToNode(data)
        };
        if (subject is not null) cloudEvent["subject"] = subject;
        if (plan is not null) cloudEvent["planversion"] = plan.ToString();
        return cloudEvent;
    }

    private static List<JsonNode> Results(Answer answer) => [.. answer.Body!["results"]!.AsArray().Select(r => r!)];
}
