using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Complaints.Host.Security;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Complaints.Host.Tests.Security;

/// <summary>The role × endpoint matrix of docs/security.md, held against the running host.</summary>
public sealed class AccessTests(ComplaintsApi api) : ApiTest(api)
{
    [Fact]
    public void Every_endpoint_is_in_the_documented_matrix_with_the_policy_it_names()
    {
        var mapped = Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            // The development-only API reference and its assets (docs/security.md).
            .Where(e => !e.RoutePattern.RawText!.TrimStart('/').StartsWith("scalar/", StringComparison.Ordinal))
            // The console's pages have a table of their own there, held by the browser tests (WebConsole/).
            .Where(e => !e.RoutePattern.RawText!.TrimStart('/').StartsWith("console", StringComparison.Ordinal))
            .ToDictionary(
                e => $"{e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single()} /{e.RoutePattern.RawText!.TrimStart('/')}",
                e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null
                    ? "(anonymous)"
                    : e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).SingleOrDefault() ?? "(none)");

        mapped.OrderBy(e => e.Key).ShouldBe(Matrix.Rows.ToDictionary(r => r.Endpoint, r => r.Policy).OrderBy(e => e.Key));
        foreach (var row in Matrix.Rows.Where(r => r.Policy != "(anonymous)"))
            Policies.RolesFor[row.Policy].Order().ShouldBe(row.Roles.Order(), row.Endpoint);
    }

    [Fact]
    public async Task Each_role_is_refused_exactly_where_the_matrix_has_no_tick()
    {
        var complaint = await Client.RegisterAsync();
        var failures = new List<string>();
        foreach (var role in Roles.All)
        {
            using var client = Api.ClientFor($"only-{role}", role);
            foreach (var row in Matrix.Rows.Where(r => r.Policy != "(anonymous)"))
            {
                var status = await CallAsync(client, row.Endpoint, complaint);
                var refused = status == HttpStatusCode.Forbidden;
                if (status == HttpStatusCode.Unauthorized || refused == row.Roles.Contains(role))
                    failures.Add($"{role} on {row.Endpoint}: {(int)status}");
            }
        }
        failures.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("no token")]
    [InlineData("not a token")]
    [InlineData("signed with another key")]
    [InlineData("expired")]
    [InlineData("from another issuer")]
    [InlineData("for another audience")]
    [InlineData("naming no one")]
    public async Task A_missing_or_invalid_token_is_401_everywhere_and_records_nothing(string token)
    {
        using var client = Api.CreateClient();
        if (Forged(token) is { } bearer) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);

        var refused = await client.PostJsonAsync("/api/complaints", Bodies.Registration());

        refused.ShouldBeProblem(HttpStatusCode.Unauthorized);
        refused.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
        (await client.GetJsonAsync("/api/ledger")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await Api.ComplaintCountAsync()).ShouldBe(0);
        (await client.GetJsonAsync("/health/ready")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_caller_cannot_sign_an_approval_for_a_body_whose_role_it_lacks()
    {
        var id = await Client.RegisterConfirmedAsync();
        await Client.Step(id, "action-plans", ComplaintSteps.Plan());
        using var director = Api.ClientFor("Director Chen", Roles.CsLeadership);
        var before = await Client.VersionAsync(id);

        (await director.PostJsonAsync($"/api/complaints/{id}/action-plans/1/approvals", Bodies.Review("gm-office", approved: true)))
            .ShouldBeProblem(HttpStatusCode.Forbidden).Text("detail").ShouldContain("gm-office");
        (await Client.VersionAsync(id)).ShouldBe(before);
        (await director.PostJsonAsync($"/api/complaints/{id}/action-plans/1/approvals", Bodies.Review("cs-leadership", approved: true)))
            .ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_with_only_a_subject_is_recorded_under_its_subject_never_under_the_bodys_name()
    {
        using var client = Api.ClientWithClaims(new Claim("sub", "svc-call-centre"), new Claim("roles", Roles.Intake));

        var id = (await client.PostJsonAsync("/api/complaints", Bodies.Registration())).ShouldBe(HttpStatusCode.Created).Id;

        (await Client.HistoryAsync(id))[0]!["actor"]!.GetValue<string>().ShouldBe("svc-call-centre");
    }

    [Fact]
    public async Task A_403_names_the_roles_that_would_be_allowed()
    {
        using var analyst = Api.ClientFor("Analyst Wu", Roles.Analyst);

        var refused = await analyst.PostJsonAsync("/api/complaints", Bodies.Registration());

        refused.ShouldBeProblem(HttpStatusCode.Forbidden).Text("detail").ShouldContain("intake");
        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    private static async Task<HttpStatusCode> CallAsync(HttpClient client, string endpoint, Guid complaint)
    {
        var parts = endpoint.Split(' ');
        var path = parts[1].Replace("{id}", complaint.ToString()).Replace("{planVersion}", "1").Replace("{month}", "2026-11")
            .Replace("{attachmentId}", Guid.NewGuid().ToString());
        using var request = new HttpRequestMessage(new HttpMethod(parts[0]), path);
        // An empty command: allowed callers get 400 (or 404/409), never 401 or 403.
        if (parts[0] == "POST") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private string? Forged(string kind)
    {
        var options = Api.Services.GetRequiredService<JwtOptions>();
        var now = DateTime.UtcNow;
        var (issuer, audience, key, notBefore, expires) = kind switch
        {
            "no token" => default,
            "not a token" => default,
            "signed with another key" => (options.Issuer, options.Audience, "another-key-another-key-another-key-0001", now, now.AddHours(1)),
            "expired" => (options.Issuer, options.Audience, options.SigningKey, now.AddHours(-2), now.AddHours(-1)),
            "from another issuer" => ("someone-else", options.Audience, options.SigningKey, now, now.AddHours(1)),
            "for another audience" => (options.Issuer, "another-app", options.SigningKey, now, now.AddHours(1)),
            "naming no one" => (options.Issuer, options.Audience, options.SigningKey, now, now.AddHours(1)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind))
        };
        if (kind == "no token") return null;
        if (kind == "not a token") return "not-a-token";
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer, Audience = audience, NotBefore = notBefore, IssuedAt = notBefore, Expires = expires,
            Subject = new ClaimsIdentity(kind == "naming no one"
                ? [new Claim("roles", Roles.Intake)]
                : [new Claim("name", "Mallory"), new Claim("roles", Roles.Intake)]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key!)),
                SecurityAlgorithms.HmacSha256)
        });
    }
}

/// <summary>The role matrix as docs/security.md writes it.</summary>
public static class Matrix
{
    public sealed record Row(string Endpoint, string Policy, IReadOnlyList<string> Roles);

    public static IReadOnlyList<Row> Rows { get; } = Read();

    private static List<Row> Read()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, "docs", "security.md"))
            .SkipWhile(l => l.Trim() != "<!-- role-matrix -->").Skip(1)
            .TakeWhile(l => l.StartsWith('|')).ToList();
        var roles = Cells(lines[0]).Skip(2).ToList();
        return lines.Skip(2).Select(Cells).Select(cells => new Row(cells[0], cells[1],
            [.. roles.Where((_, i) => cells[i + 2] == "✓")])).ToList();
    }

    private static List<string> Cells(string line) => [.. line.Trim().Trim('|').Split('|').Select(c => c.Trim())];
}
