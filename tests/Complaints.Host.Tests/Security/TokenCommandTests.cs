using System.Net;
using System.Net.Http.Headers;
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

    [Fact]
    public async Task Outside_development_the_host_refuses_a_development_key_and_prints_no_token()
    {
        var production = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Marten"] = Api.ConnectionString,
            ["Authentication__Jwt__Issuer"] = "complaints",
            ["Authentication__Jwt__Audience"] = "complaints",
            ["Authentication__Jwt__SigningKey"] = "development-only-key-refused-outside-development-0001"
        };

        var refused = await HostCommand.EngineAsync(production, "token", "intake");

        refused.ExitCode.ShouldNotBe(0);
        (refused.Output + refused.Errors).ShouldContain("development key");
        refused.Output.ShouldNotContain("eyJ");
    }
}
