using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.OpenApi;

public sealed partial class OpenApiTests(ComplaintsApi api) : ApiTest(api)
{
    [Fact]
    public async Task The_document_describes_every_path_and_verb_of_the_contract_with_bodies_and_answers()
    {
        using var anonymous = Api.CreateClient();
        var document = (await anonymous.GetJsonAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK).Body!;
        var paths = document["paths"]!.AsObject();
        // Parameter names may differ ({yyyy-MM} in the contract is {month} here); places may not.
        var documented = paths.SelectMany(p => p.Value!.AsObject().Select(o => $"{o.Key.ToUpperInvariant()} {Shape(p.Key)}")).ToHashSet();

        var missing = ContractOperations()
            .Where(op => !documented.Contains($"{op.Verb} {Shape(op.Path)}"))
            .Select(op => $"{op.Verb} {op.Path}").ToList();

        missing.ShouldBeEmpty();
        foreach (var (path, item) in paths)
            foreach (var (verb, operation) in item!.AsObject())
            {
                if (verb == "post") operation!["requestBody"].ShouldNotBeNull($"{verb} {path} has no request body");
                // Wolverine also lists 204 for endpoints that write their own answer; it has no body by definition.
                var success = operation!["responses"]!.AsObject().Where(r => r.Key.StartsWith('2') && r.Key != "204").ToList();
                success.ShouldNotBeEmpty($"{verb} {path} has no success answer");
                foreach (var (code, answer) in success)
                {
                    var content = answer!["content"]?.AsObject();
                    content.ShouldNotBeNull($"{verb} {path} {code} has no content");
                    content.ToJsonString().ShouldNotContain("IResult", customMessage: $"{verb} {path} {code} has no real schema");
                }
            }
        foreach (var (path, item) in paths)
            foreach (var (verb, operation) in item!.AsObject())
            {
                var answers = operation!["responses"]!.AsObject();
                var open = operation["security"] is JsonArray { Count: 0 };
                answers["400"]!["content"]!["application/problem+json"].ShouldNotBeNull($"{verb} {path}");
                if (!open) new[] { "401", "403" }.ShouldAllBe(code => answers[code] != null, $"{verb} {path}");
                if (verb == "post")
                    operation["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>())
                        .ShouldContain("Idempotency-Key", $"{verb} {path}");
            }
        paths["/health/ready"]!["get"]!["security"]!.AsArray().ShouldBeEmpty();
        document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>().ShouldBe("bearer");
    }

    [Fact]
    public async Task The_cloud_events_operation_requires_only_what_the_spec_requires_in_each_mode()
    {
        using var anonymous = Api.CreateClient();
        var document = (await anonymous.GetJsonAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK).Body!;
        var operation = document["paths"]!["/api/events"]!["post"]!;
        var content = operation["requestBody"]!["content"]!;

        foreach (var cloudEvent in new[] { content["application/cloudevents+json"]!["schema"], content["application/cloudevents-batch+json"]!["schema"]!["items"] })
        {
            cloudEvent!["required"].Strings().Order().ShouldBe(["id", "source", "specversion", "type"]);
            cloudEvent["properties"]!.AsObject().Select(p => p.Key).ShouldBeSubsetOf(
                ["specversion", "id", "source", "type", "subject", "planversion", "time", "dataschema", "datacontenttype", "data"]);
        }
        content["application/json"]!["schema"]!["type"]!.GetValue<string>().ShouldBe("object");
        var headers = operation["parameters"]!.AsArray().Where(p => p!["in"]!.GetValue<string>() == "header")
            .Select(p => p!["name"]!.GetValue<string>()).ToList();
        headers.ShouldContain("ce-specversion");
        headers.ShouldContain("ce-subject");
        headers.ShouldContain("ce-planversion");
        // A result carries an answer or a problem, and an element without a readable id or source has neither.
        var result = document["components"]!["schemas"]!["CloudEventResult"]!;
        result["required"].Strings().ShouldBe(["status"]);
    }

    [Fact]
    public async Task Development_serves_a_browsable_reference()
    {
        using var anonymous = Api.CreateClient();

        var page = await anonymous.GetAsync("/scalar", TestContext.Current.CancellationToken);

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("Scalar API Reference");
    }

    private static string Shape(string path) => Parameter().Replace(path, "{}");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();

    /// <summary>Every "VERB /path" the contract's tables name, without query strings.</summary>
    private static List<(string Verb, string Path)> ContractOperations() =>
        OperationsIn(File.ReadAllText(Path.Combine(Repository.Root, "docs", "contract", "http-contract.md")));

    private static List<(string Verb, string Path)> OperationsIn(string contract) =>
        [.. Operation().Matches(contract).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).Distinct()];

    [GeneratedRegex(@"^\| (GET|POST|PUT|DELETE) (/[^ ?|]+)", RegexOptions.Multiline)]
    private static partial Regex Operation();
}
