using System.Net;
using System.Text.Json.Nodes;
using Complaints.Domain;
using Complaints.Host.Tests.Infrastructure;
using static Complaints.Host.Tests.Infrastructure.Recorded;

namespace Complaints.Host.Tests.Idempotency;

public sealed class IdempotencyTests(ComplaintsApi api) : ApiTest(api)
{
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

    private static object Forward() => new { to = "customer service", by = "Regional manager Zhou" };
}
