using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Complaints.Host.Complaints.Ingesting;
using Complaints.Host.Security;
using Complaints.Host.Tests.Infrastructure;
using NodaTime;

namespace Complaints.Host.Tests.Ingesting;

/// <summary>An integrating system (service role) posts what happened as CloudEvents 1.0.</summary>
public sealed class CloudEventsTests(ComplaintsApi api) : ApiTest(api)
{
    internal const string Source = "urn:call-centre:eu-1";
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
        (await service.SendJsonAsync("/api/events", Registration("x").ToJsonString(), contentType: "application/cloudevents+xml"))
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        (await service.SendJsonAsync("/api/events", Registration("x").ToJsonString(), contentType: Single + "; charset=iso-8859-1"))
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        (await service.SendJsonAsync("/api/events", "{not json", contentType: Single)).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await service.SendJsonAsync("/api/events", Registration("x").ToJsonString(), contentType: Batch))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields().ShouldBe(["body"]);
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

    [Fact]
    public async Task Data_with_a_member_the_command_does_not_take_is_refused_alone_while_extension_attributes_are_kept()
    {
        using var service = Api.ClientFor("call-centre", Roles.Service);
        var typo = Registration("call-typo");
        typo["data"]!["summaryy"] = "Brake noise";
        var extended = Registration("call-extended");
        extended["myext"] = "kept";

        var answer = (await service.SendJsonAsync("/api/events", new JsonArray(typo, extended).ToJsonString(), contentType: Batch))
            .ShouldBe(HttpStatusCode.OK);

        var results = Results(answer);
        results.Select(r => r["status"]!.GetValue<int>()).ShouldBe([400, 201]);
        results[0]["problem"]!["errors"]!["data.summaryy"]!.AsArray().Single()!.GetValue<string>()
            .ShouldBe("is not a field of this request");
        // The same refusal as of an HTTP body with the typo (ADR 0042): one problem type for one problem.
        var overHttp = (await Client.PostJsonAsync("/api/complaints", typo["data"]!)).ShouldBe(HttpStatusCode.BadRequest).Body!;
        results[0]["problem"]!["type"]!.GetValue<string>().ShouldBe(overHttp["type"]!.GetValue<string>());
        (await Api.ComplaintCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task An_empty_batch_is_answered_with_no_results()
    {
        using var service = Api.ClientFor("call-centre", Roles.Service);

        var answer = (await service.SendJsonAsync("/api/events", "[]", contentType: Batch)).ShouldBe(HttpStatusCode.OK);

        Results(answer).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_later_event_naming_its_id_twice_is_refused_alone_and_the_events_before_it_are_reported_recorded()
    {
        using var service = Api.ClientFor("call-centre", Roles.Service);
        var batch = $"[{Registration("call-1").ToJsonString()},{WithMembers(Registration("call-2"), "\"id\":\"call-2b\"")}," +
                    $"{Registration("call-3").ToJsonString()}]";

        var answer = (await service.SendJsonAsync("/api/events", batch, contentType: Batch)).ShouldBe(HttpStatusCode.OK);

        var results = Results(answer);
        results.Select(r => r["status"]!.GetValue<int>()).ShouldBe([201, 400, 201]);
        results[0]["answer"]!["id"].ShouldNotBeNull();
        results[1]["problem"]!["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["id"]);
        answer.Body!.ToJsonString().ShouldNotContain("nothing was recorded");
        (await Api.ComplaintCountAsync()).ShouldBe(2);
    }

    /// <summary>
    /// Each defect of one event, sent after a good event in a batch and then alone: refused naming where it is, and
    /// nothing recorded for it. <c>members</c> are written first into the event, raw, after removing <c>replaces</c>.
    /// </summary>
    [Theory]
    [InlineData("source with NUL", @"""source"":""urn:call\u0000centre""", "source", "source")]
    [InlineData("id with NUL", @"""id"":""call\u0000""", "id", "id")]
    [InlineData("id with a right-to-left override", @"""id"":""call-\u202E1-llac""", "id", "id")]
    [InlineData("id with a zero-width space", @"""id"":""call\u200B-1""", "id", "id")]
    [InlineData("id with an escape character", @"""id"":""call\u001B[31m""", "id", "id")]
    [InlineData("id with a C1 control character", @"""id"":""call\u0085""", "id", "id")]
    [InlineData("source with a right-to-left override", @"""source"":""urn:call-centre:\u202Eue""", "source", "source")]
    [InlineData("source with a line break", @"""source"":""urn:call-centre\neu""", "source", "source")]
    [InlineData("subject with a right-to-left override", @"""subject"":""\u202E00000000-0000-0000-0000-000000000000""", null, "subject")]
    [InlineData("subject with a byte-order mark", @"""subject"":""\uFEFFcomplaint""", null, "subject")]
    [InlineData("lone surrogate in an attribute", @"""subject"":""\ud800""", null, "subject")]
    [InlineData("lone surrogate in data", @"""data"":{""description"":""\udc00""}", "data", "data.description")]
    [InlineData("time not RFC 3339", @"""time"":""yesterday""", null, "time")]
    [InlineData("time without offset", @"""time"":""2026-11-20T01:00:00""", null, "time")]
    [InlineData("source not a URI-reference", @"""source"":""call centre eu-1""", "source", "source")]
    [InlineData("source with a bad scheme", @"""source"":""1call:eu""", "source", "source")]
    [InlineData("source longer than 2048 characters", "LONG_SOURCE", "source", "source")]
    [InlineData("no source", "", "source", "source")]
    [InlineData("id longer than 200 characters", "LONG_ID", "id", "id")]
    [InlineData("id not a string", @"""id"":42", "id", "id")]
    [InlineData("specversion 0.3", @"""specversion"":""0.3""", "specversion", "specversion")]
    [InlineData("unknown type", @"""type"":""com.complaints.nonsense""", "type", "type")]
    [InlineData("dataschema not a URI", @"""dataschema"":""schemas/register""", null, "dataschema")]
    [InlineData("extension name with capitals", @"""MyExt"":""x""", null, "MyExt")]
    [InlineData("extension name with a dash", @"""my-ext"":""x""", null, "my-ext")]
    [InlineData("extension name over 20 characters", @"""abcdefghijklmnopqrstu"":""x""", null, "abcdefghijklmnopqrstu")]
    [InlineData("object-valued extension", @"""myext"":{""a"":1}", null, "myext")]
    [InlineData("array-valued extension", @"""myext"":[1]", null, "myext")]
    [InlineData("fractional extension", @"""myext"":1.5", null, "myext")]
    [InlineData("data with data_base64", @"""data_base64"":""e30=""", null, "data_base64")]
    [InlineData("datacontenttype application/jsonx", @"""datacontenttype"":""application/jsonx""", "datacontenttype", "datacontenttype")]
    [InlineData("datacontenttype text/plain", @"""datacontenttype"":""text/plain""", "datacontenttype", "datacontenttype")]
    [InlineData("datacontenttype not a media type", @"""datacontenttype"":""json""", "datacontenttype", "datacontenttype")]
    [InlineData("data not an object", @"""data"":""severity B""", "data", "data")]
    [InlineData("no data", "", "data", "data")]
    public async Task An_invalid_event_is_refused_naming_the_attribute_and_records_nothing(
        string defect, string members, string? replaces, string field)
    {
        using var service = Api.ClientFor("call-centre", Roles.Service);
        var bad = Registration("call-bad");
        if (replaces is not null) bad.Remove(replaces);
        var text = WithMembers(bad, members
            .Replace("LONG_SOURCE", $"\"source\":\"urn:{new string('x', CloudEventReader.MaxAttributeLength - 3)}\"")
            .Replace("LONG_ID", $"\"id\":\"{new string('x', CloudEventReader.MaxIdLength + 1)}\""));

        var batch = (await service.SendJsonAsync("/api/events", $"[{Registration("call-ok").ToJsonString()},{text}]",
            contentType: Batch)).ShouldBe(HttpStatusCode.OK);
        var alone = await service.SendJsonAsync("/api/events", text, contentType: Single);

        Results(batch).Select(r => r["status"]!.GetValue<int>()).ShouldBe([201, 400], defect);
        Results(batch)[1]["problem"]!["errors"]!.AsObject().Select(e => e.Key).ShouldContain(field, defect);
        alone.ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields().ShouldContain(field, defect);
        (await Api.ComplaintCountAsync()).ShouldBe(1);
        (await Api.IdempotencyRecordCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task A_batch_element_that_is_no_event_is_refused_alone()
    {
        using var service = Api.ClientFor("call-centre", Roles.Service);

        var answer = (await service.SendJsonAsync("/api/events", $"[42,{Registration("call-1").ToJsonString()},\"event\"]",
            contentType: Batch)).ShouldBe(HttpStatusCode.OK);

        Results(answer).Select(r => r["status"]!.GetValue<int>()).ShouldBe([400, 201, 400]);
        Results(answer)[0]["problem"]!["errors"]!["event"].ShouldNotBeNull();
        (await Api.ComplaintCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_refused_whole()
    {
        using var service = Api.ClientFor("call-centre", Roles.Service);
        var body = Encoding.UTF8.GetBytes($"[{Registration("call-1").ToJsonString()},{Registration("call-2").ToJsonString()}]");
        body[body.Length - 20] = 0xFF; // inside the second event's description

        (await service.SendBytesAsync("/api/events", body, contentType: Batch))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields().ShouldBe(["body"]);
        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Optional_attributes_that_follow_the_spec_are_accepted()
    {
        using var service = Api.ClientFor("call-centre", Roles.Service);
        var registration = Registration("call-full");
        registration["source"] = "https://call-centre.example/eu-1?desk=7#queue";
        registration["time"] = "2026-11-20T09:30:00.123+08:00";
        registration["dataschema"] = "https://complaints.example/schemas/register";
        registration["datacontenttype"] = "application/json; charset=utf-8";
        registration["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        registration["priority"] = 3;
        registration["urgent"] = true;
        registration["subject"] = null;

        (await service.SendJsonAsync("/api/events", registration.ToJsonString(), contentType: Single))
            .ShouldBe(HttpStatusCode.Created);
        (await Api.ComplaintCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task In_binary_mode_the_headers_are_the_attributes_and_the_body_is_the_command()
    {
        using var service = Api.ClientFor("call-centre", Roles.Service);
        var registration = JsonSerializer.Serialize(Bodies.Registration());

        var created = (await service.SendJsonAsync("/api/events", registration, BinaryHeaders("call-b1", "register")))
            .ShouldBe(HttpStatusCode.Created);
        var again = (await service.SendJsonAsync("/api/events", registration, BinaryHeaders("call-b1", "register")))
            .ShouldBe(HttpStatusCode.Created);
        var acknowledged = await service.SendJsonAsync("/api/events",
            JsonSerializer.Serialize(new { department = "maintenance", by = "Head Liu" }),
            [.. BinaryHeaders("call-b2", "acknowledge"), new("ce-subject", created.Id.ToString()),
                new("ce-time", "2026-11-20T01:00:00Z")]);

        again.Id.ShouldBe(created.Id);
        acknowledged.ShouldBe(HttpStatusCode.OK);
        (await Client.StatusAsync(created.Id)).ShouldBe("awaiting-verification");
        (await Client.HistoryAsync(created.Id)).Lifecycle().First()["causationId"]!.GetValue<string>()
            .ShouldBe($"{Source}#call-b1");
    }

    [Fact]
    public async Task A_binary_mode_event_is_refused_naming_the_attribute_of_its_header_and_records_nothing()
    {
        using var service = Api.ClientFor("call-centre", Roles.Service);
        var registration = JsonSerializer.Serialize(Bodies.Registration());
        var headers = BinaryHeaders("call-b1", "register");
        List<KeyValuePair<string, string>> With(string name, string value) => [.. headers.Where(h => h.Key != name), new(name, value)];

        async Task<IReadOnlyList<string>> Refused(IEnumerable<KeyValuePair<string, string>> sent, string body) =>
            (await service.SendJsonAsync("/api/events", body, sent)).ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields();

        (await Refused([], registration)).ShouldBe(["specversion", "id", "source", "type"]);
        (await Refused(headers.Where(h => h.Key != "ce-specversion"), registration)).ShouldBe(["specversion"]);
        (await Refused(With("ce-time", "yesterday"), registration)).ShouldBe(["time"]);
        (await Refused(With("ce-datacontenttype", "application/json"), registration)).ShouldBe(["datacontenttype"]);
        (await Refused(With("ce-my_ext", "x"), registration)).ShouldBe(["my_ext"]);
        (await Refused(With("ce-source", "call centre"), registration)).ShouldBe(["source"]);
        (await Refused([.. headers, new("ce-id", "call-b9")], registration)).ShouldBe(["id"]);
        (await Refused(With("ce-id", "call%0"), registration)).ShouldBe(["id"]);
        (await Refused(With("ce-id", "call%00b"), registration)).ShouldBe(["id"]);
        (await Refused(With("ce-id", "呼叫-1"), registration)).ShouldBe(["id"]);
        (await Refused(With("ce-type", "com.complaints.acknowledge"), registration)).ShouldBe(["subject"]);
        (await Refused(headers, "[]")).ShouldBe(["data"]);
        (await Refused(headers, """{"description":"\ud800"}""")).ShouldBe(["data.description"]);
        (await service.SendJsonAsync("/api/events", registration, headers, "application/jsonx"))
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        (await service.SendJsonAsync("/api/events", registration, headers, "application/json; charset=utf-16"))
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_call_centre_assigns_an_owner_and_adds_a_note_by_cloud_event()
    {
        using var service = Api.ClientFor("call-centre", Roles.Service);
        var id = await Client.RegisterAsync();
        var batch = new JsonArray(
            Event("assign-1", "com.complaints.assign", new { owner = new { name = "Wang Fang" }, by = "call-centre" }, subject: id.ToString()),
            Event("note-1", "com.complaints.add-note", new { text = "Customer called back", by = "call-centre" }, subject: id.ToString()));

        var answer = (await service.SendJsonAsync("/api/events", batch.ToJsonString(), contentType: Batch)).ShouldBe(HttpStatusCode.OK);

        Results(answer).Select(r => r["status"]!.GetValue<int>()).ShouldBe([200, 200]);
        var complaint = (await Client.GetJsonAsync($"/api/complaints/{id}")).Body!;
        complaint["owner"]!["name"]!.GetValue<string>().ShouldBe("Wang Fang");
        complaint["notes"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_cloud_event_about_the_empty_id_is_404_for_that_element()
    {
        using var service = Api.ClientFor("call-centre", Roles.Service);
        var batch = new JsonArray(
            Event("ack-empty", "com.complaints.acknowledge", new { department = "maintenance", by = "Head Liu" }, subject: Guid.Empty.ToString()),
            Registration("call-after-empty"));

        var answer = (await service.SendJsonAsync("/api/events", batch.ToJsonString(), contentType: Batch)).ShouldBe(HttpStatusCode.OK);

        Results(answer).Select(r => r["status"]!.GetValue<int>()).ShouldBe([404, 201]);
        (await Api.ComplaintCountAsync()).ShouldBe(1);
    }

    internal static JsonObject Registration(string id) => Event(id, "com.complaints.register", Bodies.Registration());

    private static JsonObject Event(string id, string type, object data, string? subject = null, int? plan = null)
    {
        var cloudEvent = new JsonObject
        {
            ["specversion"] = "1.0", ["id"] = id, ["source"] = Source, ["type"] = type,
            ["datacontenttype"] = "application/json", ["data"] = JsonSerializer.SerializeToNode(data)
        };
        if (subject is not null) cloudEvent["subject"] = subject;
        if (plan is not null) cloudEvent["planversion"] = plan.Value.ToString(CultureInfo.InvariantCulture);
        return cloudEvent;
    }

    /// <summary>The event's JSON with <paramref name="members"/> written first, as raw text (duplicates, escapes).</summary>
    private static string WithMembers(JsonObject cloudEvent, string members) =>
        members.Length == 0 ? cloudEvent.ToJsonString() : $"{{{members},{cloudEvent.ToJsonString()[1..]}";

    private static List<KeyValuePair<string, string>> BinaryHeaders(string id, string type) =>
    [
        new("ce-specversion", "1.0"), new("ce-id", id), new("ce-source", Source), new("ce-type", "com.complaints." + type)
    ];

    private static List<JsonNode> Results(Answer answer) => [.. answer.Body!["results"]!.AsArray().Select(r => r!)];
}
