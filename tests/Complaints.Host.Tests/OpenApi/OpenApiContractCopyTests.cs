using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.OpenApi;

/// <summary>
/// The repository keeps the OpenAPI document it serves (docs/contract/openapi.json), for clients generated from it
/// and reviewers reading its changes. The served document, and the one the host's build writes, are compared with that
/// copy, so a contract change that did not update the copy fails here, in a clean clone as anywhere.
/// </summary>
public sealed class OpenApiContractCopyTests(ComplaintsApi api) : ApiTest(api)
{
    /// <summary>Set to 1 to write the served document over the copy (then review the diff and commit it).</summary>
    public const string UpdateVariable = "COMPLAINTS_UPDATE_OPENAPI";

    public static string CopyPath => Path.Combine(Repository.Root, "docs", "contract", "openapi.json");

    [Fact]
    public async Task The_served_document_is_the_repositorys_copy()
    {
        using var anonymous = Api.CreateClient();
        var served = (await anonymous.GetJsonAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK).Body!;
        await CompareWithCopyAsync(served, "The served OpenAPI document");
    }

    /// <summary>
    /// The build writes the document with Wolverine.HTTP's <c>openapi</c> command, from the built host and without a
    /// database (src/Complaints.Host/Complaints.Host.csproj), for tools that read it from the build output.
    /// </summary>
    [Fact]
    public async Task The_document_the_build_wrote_is_the_repositorys_copy()
    {
        File.Exists(Repository.BuiltOpenApiDocument).ShouldBeTrue(
            $"The build did not write {Repository.BuiltOpenApiDocument}: build src/Complaints.Host and read its message, " +
            "or run `dotnet src/Complaints.Host/bin/<configuration>/net10.0/Complaints.Host.dll openapi --output <file>`.");
        var built = JsonNode.Parse(await File.ReadAllTextAsync(Repository.BuiltOpenApiDocument, TestContext.Current.CancellationToken))!;

        await CompareWithCopyAsync(built, $"The OpenAPI document the build wrote ({Repository.BuiltOpenApiDocument})");
    }

    private static async Task CompareWithCopyAsync(JsonNode document, string what)
    {
        var ct = TestContext.Current.CancellationToken;
        var text = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1") await File.WriteAllTextAsync(CopyPath, text, ct);

        File.Exists(CopyPath).ShouldBeTrue($"{CopyPath} is missing; run the tests once with {UpdateVariable}=1");
        var copy = JsonNode.Parse(await File.ReadAllTextAsync(CopyPath, ct));
        JsonNode.DeepEquals(document, copy).ShouldBeTrue(
            $"{what} differs from docs/contract/openapi.json. If the contract is meant to change, " +
            $"run `{UpdateVariable}=1 dotnet test tests/Complaints.Host.Tests --filter OpenApiContractCopyTests` and commit the copy.");
    }
}
