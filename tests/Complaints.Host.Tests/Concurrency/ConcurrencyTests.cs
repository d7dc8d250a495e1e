using System.Net;
using Complaints.Domain;
using Complaints.Host.Tests.Infrastructure;
using static Complaints.Host.Tests.Infrastructure.Recorded;

namespace Complaints.Host.Tests.Concurrency;

public sealed class ConcurrencyTests(ComplaintsApi api) : ApiTest(api)
{
    private static readonly string[] OtherDepartments =
        ["finance", "sales", "hr", "legal", "it", "fleet", "purchasing", "quality", "logistics", "marketing", "insurance", "parts"];

    [Fact]
    public async Task Concurrent_confirmations_let_exactly_one_through_and_refuse_the_rest_with_409()
    {
        var id = await Client.RegisterAsync();
        await Client.Step(id, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });
        await Client.Step(id, "verification", new { valid = true, findings = "Confirmed", responsibleParties = new[] { "Workshop 2" }, by = "Head Liu" });

        var answers = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            Client.PostJsonAsync($"/api/complaints/{id}/confirmation", new { by = $"GM deputy {i}" })));

        answers.Count(a => a.Status == HttpStatusCode.OK).ShouldBe(1, Describe(answers));
        foreach (var refused in answers.Where(a => a.Status != HttpStatusCode.OK))
            refused.ShouldBeProblem(HttpStatusCode.Conflict);
        var confirmed = answers.Single(a => a.Status == HttpStatusCode.OK);
        var history = await Client.HistoryAsync(id);
        var types = history.LifecycleTypes();
        types.Count(t => t == "ComplaintConfirmed").ShouldBe(1);
        types.Count.ShouldBe(4);
        history.Count.ShouldBe((int)confirmed.Version);
        (await Client.VersionAsync(id)).ShouldBe(confirmed.Version);
        (await Client.StatusAsync(id)).ShouldBe("awaiting-action-plan");
    }

    [Fact]
    public async Task Concurrent_acknowledgements_by_different_departments_are_all_recorded_without_gaps()
    {
        var id = await Client.RegisterAsync();
        var before = await Client.VersionAsync(id);

        var answers = await Task.WhenAll(OtherDepartments.Select(department =>
            Client.PostJsonAsync($"/api/complaints/{id}/acknowledgements", new { department, by = $"Head of {department}" })));

        // Acknowledgements by departments that are not responsible meet no deadline, so each records exactly one event.
        var expectedVersions = Enumerable.Range(1, OtherDepartments.Length).Select(v => before + v).ToList();
        answers.Select(a => a.Status).ShouldAllBe(s => s == HttpStatusCode.OK, Describe(answers));
        answers.Select(a => a.Version).Order().ShouldBe(expectedVersions);
        var acknowledged = (await Client.HistoryAsync(id)).Where(e => e.Type() == "ComplaintAcknowledged").ToList();
        acknowledged.Select(e => e!["version"]!.GetValue<long>()).ShouldBe(expectedVersions);
        var complaint = await Client.GetJsonAsync($"/api/complaints/{id}");
        complaint.Version.ShouldBe(expectedVersions[^1]);
        complaint.Text("status").ShouldBe("awaiting-acknowledgement");
        complaint.Body!["acknowledgedBy"].Strings().ShouldBe(OtherDepartments, ignoreOrder: true);
    }

    [Fact]
    public async Task Two_writers_with_the_same_if_match_get_one_success_and_one_412()
    {
        var id = await Client.RegisterAsync();
        var registered = await Client.GetJsonAsync($"/api/complaints/{id}");
        var ifMatch = registered.Headers.ETag!.Tag;

        var answers = await Task.WhenAll(new[] { "finance", "sales" }.Select(department =>
            Client.PostJsonAsync($"/api/complaints/{id}/acknowledgements", new { department, by = $"Head of {department}" },
                Header("If-Match", ifMatch))));

        answers.Select(a => a.Status).ShouldBe([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], ignoreOrder: true,
            Describe(answers));
        answers.Single(a => a.Status == HttpStatusCode.PreconditionFailed).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        var acknowledged = answers.Single(a => a.Status == HttpStatusCode.OK);
        acknowledged.Version.ShouldBeGreaterThan(registered.Version);
        var history = await Client.HistoryAsync(id);
        history.Count.ShouldBe((int)acknowledged.Version);
        history.LifecycleTypes().ShouldBe(["ComplaintReceived", "ComplaintAcknowledged"]);
        (await Client.VersionAsync(id)).ShouldBe(acknowledged.Version);
    }

    [Fact]
    public async Task The_same_idempotency_key_sent_concurrently_registers_one_complaint()
    {
        var answers = await Task.WhenAll(Enumerable.Range(1, 5).Select(_ =>
            Client.PostJsonAsync("/api/complaints", Bodies.Registration(), Header("Idempotency-Key", "burst"))));

        answers.Select(a => a.Status).ShouldAllBe(s => s == HttpStatusCode.Created, Describe(answers));
        answers.Select(a => a.Id).Distinct().Count().ShouldBe(1);
        answers.Select(a => a.Text("number")).Distinct().Count().ShouldBe(1);
        (await Api.ComplaintCountAsync()).ShouldBe(1);
        (await Api.EventCountAsync<ComplaintReceived>()).ShouldBe(1);
        (await Api.EventCountAsync()).ShouldBe((int)await Client.VersionAsync(answers[0].Id));
        (await Api.IdempotencyRecordCountAsync()).ShouldBe(1);
    }

    private static string Describe(IEnumerable<Answer> answers) =>
        string.Join("\n", answers.Select(a => $"{(int)a.Status} {a.Body?.ToJsonString()}"));
}
