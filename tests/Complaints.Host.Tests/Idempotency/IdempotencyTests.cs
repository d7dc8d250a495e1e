using System.Net;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Complaints.Domain;
using Complaints.Host.Security;
using Complaints.Host.Tests.Infrastructure;
using static Complaints.Host.Tests.Infrastructure.Recorded;

namespace Complaints.Host.Tests.Idempotency;

public sealed class IdempotencyTests(ComplaintsApi api) : ApiTest(api)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task A_retried_registration_answers_the_same_complaint_and_records_it_once()
    {
        var key = Header("Idempotency-Key", "reg-1");

        var first = (await Client.PostJsonAsync("/api/complaints", Bodies.Registration(), key)).ShouldBe(HttpStatusCode.Created);
        var events = await Api.EventCountAsync();
        var retry = (await Client.PostJsonAsync("/api/complaints", Bodies.Registration(), key)).ShouldBe(HttpStatusCode.Created);

        retry.Id.ShouldBe(first.Id);
        retry.Text("number").ShouldBe(first.Text("number"));
        JsonNode.DeepEquals(retry.Body, first.Body).ShouldBeTrue($"{retry.Body?.ToJsonString()} vs {first.Body?.ToJsonString()}");
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        retry.Headers.ETag.ShouldBe(first.Headers.ETag);
        (await Api.ComplaintCountAsync()).ShouldBe(1);
        (await Api.EventCountAsync<ComplaintReceived>()).ShouldBe(1);
        (await Api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task A_retried_step_command_records_one_event()
    {
        var id = await Client.RegisterAsync("regional");
        var key = Header("Idempotency-Key", "fwd-1");

        var first = (await Client.PostJsonAsync($"/api/complaints/{id}/forward", Forward(), key)).ShouldBe(HttpStatusCode.OK);
        var retry = (await Client.PostJsonAsync($"/api/complaints/{id}/forward", Forward(), key)).ShouldBe(HttpStatusCode.OK);

        JsonNode.DeepEquals(retry.Body, first.Body).ShouldBeTrue();
        var history = await Client.HistoryAsync(id);
        history.Count.ShouldBe((int)first.Version);
        history.LifecycleTypes().ShouldBe(["ComplaintReceived", "ComplaintForwarded"]);
        (await Client.VersionAsync(id)).ShouldBe(first.Version);
        (await Client.StatusAsync(id)).ShouldBe("awaiting-acknowledgement");
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_422_and_records_nothing()
    {
        var key = Header("Idempotency-Key", "reg-1");
        await Client.PostJsonAsync("/api/complaints", Bodies.Registration(), key);
        var events = await Api.EventCountAsync();

        var answer = (await Client.PostJsonAsync("/api/complaints", Bodies.Registration(severity: "C"), key))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        answer.Text("detail").ShouldContain("reg-1");
        (await Api.ComplaintCountAsync()).ShouldBe(1);
        (await Api.EventCountAsync<ComplaintReceived>()).ShouldBe(1);
        (await Api.EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task The_same_key_on_a_different_path_is_422_and_records_nothing()
    {
        var key = Header("Idempotency-Key", "shared");
        var id = (await Client.PostJsonAsync("/api/complaints", Bodies.Registration("regional"), key))
            .ShouldBe(HttpStatusCode.Created).Id;
        var before = await Client.VersionAsync(id);

        (await Client.PostJsonAsync($"/api/complaints/{id}/forward", Forward(), key))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        (await Client.VersionAsync(id)).ShouldBe(before);
        (await Client.StatusAsync(id)).ShouldBe("awaiting-forward");
    }

    [Fact]
    public async Task The_same_key_and_body_on_another_complaint_is_422()
    {
        var key = Header("Idempotency-Key", "fwd");
        var first = await Client.RegisterAsync("regional");
        var second = await Client.RegisterAsync("regional");
        await Client.PostJsonAsync($"/api/complaints/{first}/forward", Forward(), key);
        var before = await Client.VersionAsync(second);

        (await Client.PostJsonAsync($"/api/complaints/{second}/forward", Forward(), key))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        (await Client.VersionAsync(second)).ShouldBe(before);
    }

    [Fact]
    public async Task Different_keys_register_two_complaints()
    {
        var first = (await Client.PostJsonAsync("/api/complaints", Bodies.Registration(), Header("Idempotency-Key", "a")))
            .ShouldBe(HttpStatusCode.Created);
        var second = (await Client.PostJsonAsync("/api/complaints", Bodies.Registration(), Header("Idempotency-Key", "b")))
            .ShouldBe(HttpStatusCode.Created);

        second.Id.ShouldNotBe(first.Id);
        second.Text("number").ShouldNotBe(first.Text("number"));
        (await Api.ComplaintCountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task A_replayed_step_answers_its_first_version_after_the_complaint_moved_on()
    {
        var id = await Client.RegisterAsync("regional");
        var registered = await Client.VersionAsync(id);
        var key = Header("Idempotency-Key", "fwd-1");
        var first = (await Client.PostJsonAsync($"/api/complaints/{id}/forward", Forward(), key)).ShouldBe(HttpStatusCode.OK);
        var acknowledged = await Client.Step(id, "acknowledgements", new { department = "finance", by = "Head Qian" });
        first.Version.ShouldBeGreaterThan(registered);
        acknowledged.Version.ShouldBeGreaterThan(first.Version);

        var replay = (await Client.PostJsonAsync($"/api/complaints/{id}/forward", Forward(), key)).ShouldBe(HttpStatusCode.OK);

        replay.Version.ShouldBe(first.Version);
        replay.Id.ShouldBe(id);
        replay.Headers.ETag!.Tag.ShouldBe($"\"{first.Version}\"");
        JsonNode.DeepEquals(replay.Body, first.Body).ShouldBeTrue();
        (await Client.VersionAsync(id)).ShouldBe(acknowledged.Version);
        var history = await Client.HistoryAsync(id);
        history.Count.ShouldBe((int)acknowledged.Version);
        history.LifecycleTypes().ShouldBe(["ComplaintReceived", "ComplaintForwarded", "ComplaintAcknowledged"]);
    }

    [Fact]
    public async Task A_retried_conditional_command_gets_its_first_answer_not_412()
    {
        var id = await Client.RegisterAsync("regional");
        var registered = await Client.GetJsonAsync($"/api/complaints/{id}");
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "fwd-1", ["If-Match"] = registered.Headers.ETag!.Tag };
        var first = (await Client.PostJsonAsync($"/api/complaints/{id}/forward", Forward(), headers)).ShouldBe(HttpStatusCode.OK);
        first.Version.ShouldBeGreaterThan(registered.Version);

        var replay = (await Client.PostJsonAsync($"/api/complaints/{id}/forward", Forward(), headers)).ShouldBe(HttpStatusCode.OK);

        replay.Version.ShouldBe(first.Version);
        var history = await Client.HistoryAsync(id);
        history.Count.ShouldBe((int)first.Version);
        history.LifecycleTypes().ShouldBe(["ComplaintReceived", "ComplaintForwarded"]);
    }

    [Fact]
    public async Task Two_callers_with_the_same_key_and_body_each_get_their_own_answer_and_both_are_recorded()
    {
        using var zhang = Api.ClientFor("Zhang San", Roles.Intake);
        using var li = Api.ClientFor("Li Si", Roles.Intake);
        var key = Header("Idempotency-Key", "registration-1");

        var zhangs = (await zhang.PostJsonAsync("/api/complaints", Bodies.Registration(), key)).ShouldBe(HttpStatusCode.Created);
        var lis = (await li.PostJsonAsync("/api/complaints", Bodies.Registration(), key)).ShouldBe(HttpStatusCode.Created);

        lis.Id.ShouldNotBe(zhangs.Id);
        lis.Text("number").ShouldNotBe(zhangs.Text("number"));
        (await Api.ComplaintCountAsync()).ShouldBe(2);
        (await Api.IdempotencyRecordCountAsync()).ShouldBe(2);
        (await Client.HistoryAsync(zhangs.Id))[0]!["actor"]!.GetValue<string>().ShouldBe("Zhang San");
        (await Client.HistoryAsync(lis.Id))[0]!["actor"]!.GetValue<string>().ShouldBe("Li Si");
        // Each caller's retry still finds its own first answer.
        (await zhang.PostJsonAsync("/api/complaints", Bodies.Registration(), key)).Id.ShouldBe(zhangs.Id);
        (await li.PostJsonAsync("/api/complaints", Bodies.Registration(), key)).Id.ShouldBe(lis.Id);
        (await Api.ComplaintCountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task Another_callers_key_on_a_step_neither_replays_nor_refuses_it()
    {
        var id = await Client.RegisterAsync();
        using var liu = Api.ClientFor("Head Liu", Roles.Department);
        using var qian = Api.ClientFor("Head Qian", Roles.Department);
        var key = Header("Idempotency-Key", "ack");

        var first = (await liu.PostJsonAsync($"/api/complaints/{id}/acknowledgements",
            new { department = "finance", by = "Head Liu" }, key)).ShouldBe(HttpStatusCode.OK);
        var second = (await qian.PostJsonAsync($"/api/complaints/{id}/acknowledgements",
            new { department = "sales", by = "Head Qian" }, key)).ShouldBe(HttpStatusCode.OK);

        second.Version.ShouldBeGreaterThan(first.Version);
        var acknowledged = (await Client.HistoryAsync(id)).Lifecycle().Where(e => e.Type() == "ComplaintAcknowledged").ToList();
        acknowledged.Select(e => e["actor"]!.GetValue<string>()).ShouldBe(["Head Liu", "Head Qian"]);
    }

    /// <summary>The caller is the token's subject: two people of one name are two callers, a renamed one is still one.</summary>
    [Theory]
    [InlineData("staff-0001", "Wang Fang", "staff-0002", "Wang Fang", false)]
    [InlineData("staff-0003", "Chen Jing", "staff-0003", "Chen Jing (CS)", true)]
    public async Task A_key_belongs_to_the_tokens_subject_not_its_name(string firstSubject, string firstName,
        string secondSubject, string secondName, bool sameCaller)
    {
        using var first = Api.ClientWithClaims(new Claim("sub", firstSubject), new Claim("name", firstName),
            new Claim("roles", Roles.Intake));
        using var second = Api.ClientWithClaims(new Claim("sub", secondSubject), new Claim("name", secondName),
            new Claim("roles", Roles.Intake));
        var key = Header("Idempotency-Key", "who-am-i");

        var firsts = (await first.PostJsonAsync("/api/complaints", Bodies.Registration(), key)).ShouldBe(HttpStatusCode.Created);
        var seconds = (await second.PostJsonAsync("/api/complaints", Bodies.Registration(), key)).ShouldBe(HttpStatusCode.Created);

        (seconds.Id == firsts.Id).ShouldBe(sameCaller);
        (await Api.ComplaintCountAsync()).ShouldBe(sameCaller ? 1 : 2);
    }

    [Fact]
    public async Task The_same_body_with_its_members_in_another_order_is_a_retry()
    {
        var key = Header("Idempotency-Key", "reordered");
        var registration = Bodies.Registration();
        var first = (await Client.PostJsonAsync("/api/complaints", registration, key)).ShouldBe(HttpStatusCode.Created);
        var events = await Api.EventCountAsync();
        // Members reversed at the top and inside the nested objects, laid out differently.
        var reordered = new Dictionary<string, object?>(registration.Reverse())
        {
            ["customer"] = new Dictionary<string, string> { ["phone"] = "+86 138 0000 0000", ["name"] = "Li Wei" },
            ["receivedBy"] = new Dictionary<string, string>
            { ["kind"] = "customer-service", ["department"] = "customer-service", ["name"] = "Zhang San" }
        };
        var json = JsonSerializer.Serialize(reordered, Indented);
        json.ShouldNotBe(JsonSerializer.Serialize(registration));

        var retry = (await Client.SendJsonAsync("/api/complaints", json, key)).ShouldBe(HttpStatusCode.Created);

        JsonNode.DeepEquals(retry.Body, first.Body).ShouldBeTrue();
        (await Api.ComplaintCountAsync()).ShouldBe(1);
        (await Api.EventCountAsync()).ShouldBe(events);
        (await Api.IdempotencyRecordCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Reordered_members_with_one_value_changed_is_422_and_records_nothing()
    {
        var key = Header("Idempotency-Key", "reordered-changed");
        var registration = Bodies.Registration();
        await Client.PostJsonAsync("/api/complaints", registration, key);
        var events = await Api.EventCountAsync();
        var changed = new Dictionary<string, object?>(registration.Reverse()) { ["region"] = "cn-north" };

        (await Client.PostJsonAsync("/api/complaints", changed, key)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity)
            .Text("detail").ShouldContain("reordered-changed");

        (await Api.ComplaintCountAsync()).ShouldBe(1);
        (await Api.EventCountAsync()).ShouldBe(events);
    }

    private static object Forward() => new { to = "customer service", by = "Regional manager Zhou" };
}
