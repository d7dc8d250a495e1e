using System.Net;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Lifecycle;

public sealed class LifecycleTests(ComplaintsApi api) : ApiTest(api)
{
    [Fact]
    public async Task A_complaint_goes_from_registration_to_closure_through_every_loop()
    {
        var registered = (await Client.PostJsonAsync("/api/complaints", Bodies.Registration("regional")))
            .ShouldBe(HttpStatusCode.Created);
        var id = registered.Id;
        registered.Text("number").ShouldMatch(@"^CP-2026-\d{6}$");
        registered.Headers.Location!.ToString().ShouldBe($"/api/complaints/{id}");
        (await Client.StatusAsync(id)).ShouldBe("awaiting-forward");

        await Client.Step(id, "forward", new { to = "customer service", by = "Regional manager Zhou" });
        await Client.Step(id, "acknowledgements", new { department = "finance", by = "Head Qian" });
        (await Client.StatusAsync(id)).ShouldBe("awaiting-acknowledgement");
        await Client.Step(id, "acknowledgements", new { department = "Maintenance", by = "Head Liu" });
        await Client.Step(id, "verification", new { valid = true, findings = "Pads fitted wrongly", responsibleParties = new[] { "Workshop 2" }, by = "Head Liu" });
        await Client.Step(id, "confirmation", new { by = "GM Wang" });

        // Loop 1: leadership rejects plan 1, plan 2 is approved by both and goes to the customer.
        (await Client.Step(id, "action-plans", ComplaintSteps.Plan())).Long("planVersion").ShouldBe(1);
        await Client.Step(id, "action-plans/1/approvals", Bodies.Review("cs-leadership", approved: false, "Too vague"));
        (await Client.StatusAsync(id)).ShouldBe("awaiting-action-plan");
        (await Client.Step(id, "action-plans", ComplaintSteps.Plan())).Long("planVersion").ShouldBe(2);
        await Client.Step(id, "action-plans/2/approvals", Bodies.Review("cs-leadership", approved: true));
        (await Client.StatusAsync(id)).ShouldBe("awaiting-plan-approval");
        await Client.Step(id, "action-plans/2/approvals", Bodies.Review("gm-office", approved: true));
        (await Client.StatusAsync(id)).ShouldBe("awaiting-customer-response");

        // Loop 2: the customer rejects plan 2; verification and planning start again and plan 3 is accepted.
        await Client.Step(id, "action-plans/2/customer-response", new { accepted = false, comment = "I want a courtesy car" });
        (await Client.StatusAsync(id)).ShouldBe("awaiting-verification");
        await Client.Step(id, "verification", new { valid = true, findings = "Courtesy car is reasonable", responsibleParties = new[] { "Workshop 2" }, by = "Head Liu" });
        await Client.Step(id, "confirmation", new { by = "GM Wang" });
        (await Client.Step(id, "action-plans", ComplaintSteps.Plan())).Long("planVersion").ShouldBe(3);
        await Client.Step(id, "action-plans/3/approvals", Bodies.Review("gm-office", approved: true));
        await Client.Step(id, "action-plans/3/approvals", Bodies.Review("cs-leadership", approved: true));
        await Client.Step(id, "action-plans/3/customer-response", new { accepted = true });

        // Loop 3: the director rejects the executed actions; they are redone and accepted.
        await Client.Step(id, "execution-reports", new { summary = "Pads replaced", by = "Head Liu" });
        await Client.Step(id, "execution-acceptance", new { accepted = false, comment = "No road test", by = "Director Chen" });
        (await Client.StatusAsync(id)).ShouldBe("awaiting-execution");
        await Client.Step(id, "execution-reports", new { summary = "Pads replaced and road-tested", by = "Head Liu" });
        await Client.Step(id, "execution-acceptance", new { accepted = true, by = "Director Chen" });

        await Client.Step(id, "handling-report", new { summary = "Root cause, actions, prevention", by = "Intake Zhao" });
        await Client.Step(id, "handling-report/approvals", Bodies.Review("cs-leadership", approved: true));
        await Client.Step(id, "handling-report/approvals", Bodies.Review("gm-office", approved: true));
        var closed = await Client.Step(id, "closure", new { sentTo = "li.wei@example.com", by = "Intake Zhao" });
        var satisfied = await Client.Step(id, "satisfaction", new { score = 4, comment = "Fixed in the end" });
        satisfied.Version.ShouldBeGreaterThan(closed.Version);

        var complaint = await Client.GetJsonAsync($"/api/complaints/{id}");
        complaint.Text("status").ShouldBe("closed");
        complaint.Long("version").ShouldBe(satisfied.Version);
        complaint.Headers.ETag!.Tag.ShouldBe($"\"{satisfied.Version}\"");
        complaint.Body!["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["record-follow-up", "reopen"]);
        complaint.Body["satisfactionScore"]!.GetValue<int>().ShouldBe(4);

        var history = (await Client.GetJsonAsync($"/api/complaints/{id}/history")).Body!["events"]!.AsArray();
        history.Count.ShouldBe((int)complaint.Version);
        history.Lifecycle().Where(e => e.Version() > closed.Version).Select(e => e.Type()).ShouldBe(["SatisfactionRecorded"]);
        var types = history.LifecycleTypes();
        types.ShouldContain("ActionPlanRejected");
        types.ShouldContain("CustomerRejected");
        types.ShouldContain("ExecutionRejected");
        types[^2..].ShouldBe(["ComplaintClosed", "SatisfactionRecorded"]);
    }

    [Fact]
    public async Task An_invalid_complaint_is_closed_with_its_reason_and_can_be_reopened()
    {
        var id = await Client.RegisterAsync();
        await Client.Step(id, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });
        await Client.Step(id, "verification", new { valid = false, findings = "The vehicle was never serviced by us", responsibleParties = Array.Empty<string>(), by = "Head Liu" });

        var complaint = await Client.GetJsonAsync($"/api/complaints/{id}");
        complaint.Text("status").ShouldBe("closed-as-invalid");
        complaint.Body!["closedAt"].ShouldNotBeNull();

        await Client.Step(id, "reopen", new { reason = "Customer produced the service invoice", by = "Intake Zhao" });
        (await Client.StatusAsync(id)).ShouldBe("awaiting-verification");
    }

    [Fact]
    public async Task A_closed_complaint_reopens_when_the_problem_recurs_and_is_handled_again()
    {
        var id = await Client.RegisterConfirmedAsync();
        await Client.WalkFromPlanToClosureAsync(id, planVersion: 1);
        await Client.Step(id, "reopen", new { reason = "Noise is back", by = "Intake Zhao" });

        var reopened = await Client.GetJsonAsync($"/api/complaints/{id}");
        reopened.Text("status").ShouldBe("awaiting-verification");
        reopened.Body!["timesReopened"]!.GetValue<int>().ShouldBe(1);
        reopened.Body["closedAt"].ShouldBeNull();

        await Client.Step(id, "verification", new { valid = true, findings = "Caliper worn", responsibleParties = new[] { "Workshop 2" }, by = "Head Liu" });
        await Client.Step(id, "confirmation", new { by = "GM Wang" });
        await Client.WalkFromPlanToClosureAsync(id, planVersion: 2);
        (await Client.StatusAsync(id)).ShouldBe("closed");
    }
}
