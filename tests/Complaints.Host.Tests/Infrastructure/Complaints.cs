namespace Complaints.Host.Tests.Infrastructure;

/// <summary>Request bodies of the contract, valid unless a test changes them.</summary>
public static class Bodies
{
    public const string Department = "maintenance";

    public static Dictionary<string, object?> Registration(string receiverKind = "customer-service", string severity = "B") => new()
    {
        ["severity"] = severity,
        ["category"] = "repair-workmanship",
        ["responsibleDepartment"] = Department,
        ["region"] = "cn-east",
        ["channel"] = "phone",
        ["description"] = "Brake noise returned two days after the repair of order RO-2291.",
        ["customerExpectation"] = "Repair again free of charge and a courtesy car",
        ["requestedResolutionDate"] = "2026-11-30",
        ["customer"] = new { name = "Li Wei", phone = "+86 138 0000 0000" },
        ["receivedBy"] = new { name = "Zhang San", department = "customer-service", kind = receiverKind }
    };

    public static object Review(string approver, bool approved, string? comment = null) =>
        new { approver, approved, comment, by = approver == "gm-office" ? "GM Wang" : "Director Chen" };
}

public static class ComplaintSteps
{
    public static async Task<Guid> RegisterAsync(this HttpClient client, string receiverKind = "customer-service") =>
        (await client.PostJsonAsync("/api/complaints", Bodies.Registration(receiverKind))).ShouldBe(System.Net.HttpStatusCode.Created).Id;

    /// <summary>Registers a complaint and walks it to the step where a plan is awaited.</summary>
    public static async Task<Guid> RegisterConfirmedAsync(this HttpClient client,
        Dictionary<string, object?>? registration = null)
    {
        var id = registration is null
            ? await client.RegisterAsync()
            : (await client.PostJsonAsync("/api/complaints", registration)).ShouldBe(System.Net.HttpStatusCode.Created).Id;
        await client.Step(id, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });
        await client.Step(id, "verification", new { valid = true, findings = "Confirmed", responsibleParties = new[] { "Workshop 2" }, by = "Head Liu" });
        await client.Step(id, "confirmation", new { by = "GM Wang" });
        return id;
    }

    /// <summary>From an awaited plan to a closed complaint: approvals, customer, execution, report, closure.</summary>
    public static async Task WalkFromPlanToClosureAsync(this HttpClient client, Guid id, int planVersion,
        string sentTo = "li.wei@example.com")
    {
        await client.Step(id, "action-plans", Plan());
        await client.Step(id, $"action-plans/{planVersion}/approvals", Bodies.Review("cs-leadership", approved: true));
        await client.Step(id, $"action-plans/{planVersion}/approvals", Bodies.Review("gm-office", approved: true));
        await client.Step(id, $"action-plans/{planVersion}/customer-response", new { accepted = true });
        await client.Step(id, "execution-reports", new { summary = "Done", by = "Head Liu" });
        await client.Step(id, "execution-acceptance", new { accepted = true, by = "Director Chen" });
        await client.Step(id, "handling-report", new { summary = "Report", by = "Intake Zhao" });
        await client.Step(id, "handling-report/approvals", Bodies.Review("gm-office", approved: true));
        await client.Step(id, "handling-report/approvals", Bodies.Review("cs-leadership", approved: true));
        await client.Step(id, "closure", new { sentTo, by = "Intake Zhao" });
    }

    public static object Plan() => new
    {
        rootCause = "Pads fitted without torque check",
        correctiveActions = "Refit pads, road test",
        preventiveActions = "Torque checklist in workshop 2",
        by = "Head Liu"
    };

    public static async Task<Answer> Step(this HttpClient client, Guid id, string path, object body) =>
        (await client.PostJsonAsync($"/api/complaints/{id}/{path}", body)).ShouldBe(System.Net.HttpStatusCode.OK);

    public static async Task<string> StatusAsync(this HttpClient client, Guid id) =>
        (await client.GetJsonAsync($"/api/complaints/{id}")).Text("status");
}
