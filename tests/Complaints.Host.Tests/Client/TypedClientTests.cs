using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Complaints.Client;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Client;

/// <summary>The typed client (src/Complaints.Client) as an internal service uses it, and checked against the served contract.</summary>
public sealed partial class TypedClientTests(ComplaintsApi api) : ApiTest(api)
{
    [Fact]
    public async Task Every_operation_and_body_member_the_client_sends_is_in_the_served_document()
    {
        using var anonymous = Api.CreateClient();
        var document = (await anonymous.GetJsonAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK).Body!;
        var schemas = document["components"]!["schemas"]!;

        foreach (var (verb, path, body) in ComplaintsClient.Operations)
        {
            var operation = document["paths"]![path]?[verb.ToLowerInvariant()];
            operation.ShouldNotBeNull($"{verb} {path} is not in the served document");
            if (body is null) continue;
            var reference = operation["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
            var properties = schemas[reference.Split('/')[^1]]!["properties"]!.AsObject().Select(p => p.Key).ToList();
            Members(body).ShouldBeSubsetOf(properties, $"{verb} {path} sends members the contract does not read");
            var required = schemas[reference.Split('/')[^1]]!["required"].Strings();
            // A member the contract requires without a default is one the client's record requires too.
            Required(body).ShouldBeSubsetOf(required, $"{verb} {path}");
        }
        // The paths the client builds by hand are the operations it lists.
        var built = PathTemplate().Matches(await File.ReadAllTextAsync(
                Path.Combine(Repository.Root, "src", "Complaints.Client", "ComplaintsClient.cs"), TestContext.Current.CancellationToken))
            .Select(m => "/" + Placeholder().Replace(m.Groups[1].Value, "{}")).Distinct();
        built.ShouldBeSubsetOf(ComplaintsClient.Operations.Select(o => Placeholder().Replace(o.Path, "{}")));
    }

    [Fact]
    public async Task A_service_walks_a_complaint_to_closure_with_the_client_retrying_safely_and_guarding_its_version()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = new ComplaintsClient(Client);
        var retry = CommandOptions.Idempotent(correlationId: "client-walk");

        var registered = await client.RegisterAsync(Registration(), retry, ct);
        (await client.RegisterAsync(Registration(), retry, ct)).ShouldBe(registered, "the same key answers the first answer");
        var id = registered.Id;
        registered.Number.ShouldNotBeNullOrEmpty();

        var acknowledged = await client.AcknowledgeAsync(id, new Acknowledgement(Bodies.Department, "Head Liu"),
            new CommandOptions(IfMatchVersion: registered.Version), ct);
        var stale = await Should.ThrowAsync<ComplaintsProblemException>(() => client.VerifyAsync(id,
            new Verification(true, "Confirmed", ["Workshop 2"], "Head Liu"), new CommandOptions(IfMatchVersion: registered.Version), ct));
        stale.Status.ShouldBe(HttpStatusCode.PreconditionFailed);
        stale.Type.ShouldBe("stale-version");
        await client.VerifyAsync(id, new Verification(true, "Confirmed", ["Workshop 2"], "Head Liu"),
            new CommandOptions(IfMatchVersion: acknowledged.Version), ct);
        await client.ConfirmAsync(id, new Confirmation("GM Wang"), ct: ct);
        var plan = await client.ProposePlanAsync(id, new ActionPlan("Pads fitted without torque check", "Refit pads",
            "Torque checklist", "Head Liu"), ct: ct);
        var version = plan.PlanVersion!.Value;
        await client.ReviewPlanAsync(id, version, new Review("cs-leadership", true, "Director Chen"), ct: ct);
        await client.ReviewPlanAsync(id, version, new Review("gm-office", true, "GM Wang"), ct: ct);
        await client.RecordCustomerAnswerAsync(id, version, new CustomerAnswer(true), ct: ct);
        await client.ReportExecutionAsync(id, new StepReport("Done", "Head Liu"), ct: ct);
        await client.ReviewExecutionAsync(id, new ExecutionReview(true, "Director Chen"), ct: ct);
        await client.CompileReportAsync(id, new StepReport("Report", "Intake Zhao"), ct: ct);
        await client.ReviewReportAsync(id, new Review("gm-office", true, "GM Wang"), ct: ct);
        await client.ReviewReportAsync(id, new Review("cs-leadership", true, "Director Chen"), ct: ct);
        var refused = await Should.ThrowAsync<ComplaintsProblemException>(() =>
            client.ReopenAsync(id, new Reopening("Not yet closed", "Intake Zhao"), ct: ct));
        refused.Status.ShouldBe(HttpStatusCode.Conflict);
        refused.AllowedActions.ShouldContain("close");
        await client.CloseAsync(id, new Closure("li.wei@example.com", "Intake Zhao"), ct: ct);

        var complaint = await client.GetAsync(id, ct);
        complaint.Status.ShouldBe("closed");
        complaint.Number.ShouldBe(registered.Number);
        (await client.HistoryAsync(id, ct))[0]!["type"]!.GetValue<string>().ShouldBe("ComplaintReceived");
    }

    [Fact]
    public async Task A_service_sends_commands_as_cloud_events_built_by_the_client()
    {
        var ct = TestContext.Current.CancellationToken;
        using var service = Api.ClientFor("call-centre", Host.Security.Roles.Service);
        var client = new ComplaintsClient(service);

        var registered = (await client.SendEventsAsync([CloudEvents.Register("urn:call-centre:test", "call-1", Registration())], ct)).Single();
        registered.Status.ShouldBe(201, registered.Problem?.ToJsonString());
        var id = registered.Answer!.Id;
        var results = await client.SendEventsAsync([
            CloudEvents.Command("urn:call-centre:test", "call-2", "acknowledge", id, new Acknowledgement(Bodies.Department, "Head Liu")),
            CloudEvents.Command("urn:call-centre:test", "call-3", "close", id, new Closure("li.wei@example.com", "Agent 7"))
        ], ct);

        results[0].Status.ShouldBe(200);
        results[0].Answer!.Version.ShouldBeGreaterThan(registered.Answer.Version);
        results[1].Status.ShouldBe(403, "a service token may not close");
        (await client.GetAsync(id, ct)).Status.ShouldBe("awaiting-verification");
    }

    private static Registration Registration() =>
        JsonSerializer.Deserialize<Registration>(JsonSerializer.Serialize(Bodies.Registration()), ComplaintsClient.Json)!;

    private static IEnumerable<string> Members(Type body) =>
        body.GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));

    private static IEnumerable<string> Required(Type body) =>
        body.GetConstructors().Single().GetParameters().Where(p => !p.HasDefaultValue)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!));

    [GeneratedRegex(@"\$?""(api/[^""]*)""")]
    private static partial Regex PathTemplate();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();
}
