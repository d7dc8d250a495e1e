using System.Net;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Errors;

/// <summary>Inputs an outside review found answered 500 (one of them after recording the command).</summary>
public sealed class HostileInputTests(ComplaintsApi api) : ApiTest(api)
{
    [Fact]
    public async Task A_correlation_id_that_cannot_be_echoed_is_replaced_and_the_command_answers_normally()
    {
        var id = await Client.RegisterAsync();
        var before = await Client.VersionAsync(id);

        var answer = await Client.PostJsonAsync($"/api/complaints/{id}/acknowledgements",
            new { department = "finance", by = "Head Qian" }, new Dictionary<string, string> { ["X-Correlation-Id"] = "投诉-é" });

        answer.ShouldBe(HttpStatusCode.OK);
        var echoed = answer.Headers.GetValues("X-Correlation-Id").Single();
        echoed.ShouldNotBe("投诉-é");
        (await Client.HistoryAsync(id)).Last()!["correlationId"]!.GetValue<string>().ShouldBe(echoed);
        (await Client.VersionAsync(id)).ShouldBe(before + 1);
    }

    [Fact]
    public async Task Control_characters_in_text_are_400_naming_the_field_and_record_nothing()
    {
        var body = Bodies.Registration();
        body["description"] = "brake\u0000noise";
        (await Client.PostJsonAsync("/api/complaints", body)).ShouldBeProblem(HttpStatusCode.BadRequest)
            .ErrorFields().ShouldContain("description");

        var id = await Client.RegisterAsync();
        var before = await Client.VersionAsync(id);
        (await Client.PostJsonAsync($"/api/complaints/{id}/acknowledgements", new { department = "finance", by = "H\u0000" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields().ShouldContain("by");
        (await Client.VersionAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task Concurrent_retries_with_one_idempotency_key_all_get_the_first_answer()
    {
        var id = await Client.RegisterAsync();
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "ack-" + id };

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Client.PostJsonAsync(
            $"/api/complaints/{id}/acknowledgements", new { department = Bodies.Department, by = "Head Liu" }, headers)));

        answers.Select(a => a.Status).Distinct().ShouldBe([HttpStatusCode.OK],
            string.Join("\n", answers.Select(a => a.Body?.ToJsonString())));
        answers.Select(a => a.Version).Distinct().Count().ShouldBe(1);
        (await Client.HistoryAsync(id)).Count(e => e!["type"]!.GetValue<string>() == "ComplaintAcknowledged").ShouldBe(1);
    }
}
