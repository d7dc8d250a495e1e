using System.Net;
using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Security;

public sealed class TokenCommandTests(ComplaintsApi api) : ApiTest(api)
{
    [Fact]
    public async Task The_token_command_prints_a_token_that_acts_as_the_named_role()
    {
        var printed = await HostCommand.EngineAsync(Api.ConnectionString, "token", "intake", "--name", "Zhang San");
        printed.ExitCode.ShouldBe(0, printed.ToString());
        // Only the token on standard output, so a script takes it as it is: TOKEN=$(… token intake).
        printed.Output.TrimEnd('\n').ShouldNotContain('\n', customMessage: printed.Output);
        using var client = Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", printed.Output.TrimEnd('\n'));

        var id = (await client.PostJsonAsync("/api/complaints", Bodies.Registration())).ShouldBe(HttpStatusCode.Created).Id;

        (await Client.HistoryAsync(id))[0]!["actor"]!.GetValue<string>().ShouldBe("Zhang San");
        (await client.GetJsonAsync("/api/kpis?from=2026-11-01&to=2026-11-30")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    /// <summary>
    /// The built binary runs in Production unless told otherwise: the refusal says what to do in one line, not which
    /// development settings are missing (as it did), and prints no token even with a development key configured.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Outside_development_the_token_command_says_in_one_line_how_to_get_a_token(bool developmentKey)
    {
        var production = new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production" };
        if (developmentKey)
        {
            production["ConnectionStrings__Marten"] = Api.ConnectionString;
            production["Authentication__Jwt__Issuer"] = "complaints";
            production["Authentication__Jwt__Audience"] = "complaints";
            production["Authentication__Jwt__SigningKey"] = "development-only-key-refused-outside-development-0001";
        }

        var refused = await HostCommand.EngineAsync(production, "token", "intake");

        refused.ExitCode.ShouldBe(1, refused.ToString());
        refused.Output.ShouldBeEmpty();
        refused.Errors.TrimEnd('\n').ShouldNotContain('\n', customMessage: refused.Errors);
        refused.Errors.ShouldContain("tokens are printed only in Development (this is Production)");
        refused.Errors.ShouldContain("ASPNETCORE_ENVIRONMENT=Development");
        refused.Errors.ShouldContain("dotnet run --project src/Complaints.Host -- token");
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Asking_the_token_command_for_help_prints_its_usage(string flag)
    {
        var help = await HostCommand.EngineAsync(Api.ConnectionString, "token", flag);

        help.ExitCode.ShouldBe(0, help.ToString());
        help.Output.ShouldContain("token <role>");
        help.Output.ShouldContain("--department");
        help.Errors.ShouldNotContain("Unknown argument");
    }

    /// <summary>Help in a fresh checkout created and started an embedded PostgreSQL cluster only to print the usage.</summary>
    [Fact]
    public async Task Help_in_development_starts_no_database()
    {
        var checkout = Directory.CreateTempSubdirectory("complaints-help-").FullName;
        try
        {
            var help = await HostCommand.EngineAsync(new Dictionary<string, string>
            {
                ["DOTNET_ENVIRONMENT"] = "Development",
                ["EmbeddedPostgres__DataDirectory"] = Path.Combine(checkout, "postgres")
            }, "token", "--help");

            help.ExitCode.ShouldBe(0, help.ToString());
            help.Output.ShouldContain("token <role>");
            Directory.Exists(Path.Combine(checkout, "postgres")).ShouldBeFalse(help.Errors);
        }
        finally
        {
            Directory.Delete(checkout, recursive: true);
        }
    }

    /// <summary>The claims as an identity provider writes them, so a token made here reads like one of theirs.</summary>
    [Fact]
    public async Task The_printed_token_has_the_claim_types_of_an_identity_providers_token()
    {
        var printed = await HostCommand.EngineAsync(Api.ConnectionString, "token", "department", "--name", "Head Liu",
            "--department", "maintenance");
        printed.ExitCode.ShouldBe(0, printed.ToString());

        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(printed.Output.Trim().Split('.')[1]))!.AsObject();

        payload["roles"].ShouldBeOfType<JsonArray>("roles is an array even for one role")
            .Select(r => r!.GetValue<string>()).ShouldBe(["department"]);
        foreach (var time in new[] { "exp", "iat", "nbf" })
            payload[time]!.GetValueKind().ShouldBe(JsonValueKind.Number, time);
        payload["department"]!.GetValueKind().ShouldBe(JsonValueKind.String);
        payload["name"]!.GetValue<string>().ShouldBe("Head Liu");
        payload["sub"]!.GetValue<string>().ShouldBe("Head Liu");
    }
}
