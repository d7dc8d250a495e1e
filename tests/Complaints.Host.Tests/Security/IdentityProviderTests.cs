using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography;
using Complaints.Host.Security;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Complaints.Host.Tests.Security;

/// <summary>
/// Tokens from an OpenID Connect identity provider (<c>Authentication:Jwt:Authority</c>): the engine reads the provider's
/// discovery document and JWKS over HTTP, accepts RS256 and ES256 tokens signed with its keys, finds roles in the
/// configured claim, and keeps the development key and the checks on who a token names.
/// </summary>
[Collection(CodegenCollection.Name)]
public sealed class IdentityProviderTests : IAsyncLifetime
{
    private readonly RsaSecurityKey rsa = new(RSA.Create(2048)) { KeyId = "rsa-2026-12" };
    private readonly ECDsaSecurityKey ecdsa = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "ec-2026-12" };
    private WebApplication provider = null!;
    private WebApplicationFactory<Program> engine = null!;
    private string issuer = "";

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        issuer = $"http://127.0.0.1:{FreePort()}";
        provider = LocalProvider(issuer, JsonWebKeyConverter.ConvertFromRSASecurityKey(rsa),
            JsonWebKeyConverter.ConvertFromECDsaSecurityKey(ecdsa));
        await provider.StartAsync(ct);
        var connectionString = await TestDatabases.OwnAsync("complaints_identity_tests");
        engine = TestDatabases.HostOn(connectionString, new TestClock(ComplaintsApi.Start), builder =>
        {
            builder.UseSetting("Authentication:Jwt:Authority", issuer);
            builder.UseSetting("Authentication:Jwt:RequireHttpsMetadata", "false");
            builder.UseSetting("Authentication:Jwt:RolesClaim", "groups");
        });
    }

    [Fact]
    public async Task An_RS256_token_of_the_provider_registers_a_complaint_recorded_under_its_name()
    {
        using var intake = Client(Token(rsa, SecurityAlgorithms.RsaSha256, "Zhang San", "groups", Roles.Intake, Roles.Auditor));

        var id = (await intake.PostJsonAsync("/api/complaints", Bodies.Registration())).ShouldBe(HttpStatusCode.Created).Id;

        (await intake.HistoryAsync(id))[0]!["actor"]!.GetValue<string>().ShouldBe("Zhang San");
    }

    [Fact]
    public async Task An_ES256_token_of_the_provider_acts_in_the_roles_of_the_configured_claim()
    {
        using var intake = Client(Token(rsa, SecurityAlgorithms.RsaSha256, "Zhang San", "groups", Roles.Intake));
        var id = (await intake.PostJsonAsync("/api/complaints", Bodies.Registration())).ShouldBe(HttpStatusCode.Created).Id;
        using var auditor = Client(Token(ecdsa, SecurityAlgorithms.EcdsaSha256, "Auditor Sun", "groups", Roles.Auditor));
        using var rolesElsewhere = Client(Token(ecdsa, SecurityAlgorithms.EcdsaSha256, "Auditor Sun", "roles", Roles.Auditor));

        (await auditor.GetJsonAsync($"/api/complaints/{id}/integrity")).ShouldBe(HttpStatusCode.OK);
        (await rolesElsewhere.GetJsonAsync($"/api/complaints/{id}/integrity")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_token_signed_with_a_key_the_provider_does_not_serve_or_naming_another_issuer_is_401()
    {
        var stranger = new RsaSecurityKey(RSA.Create(2048)) { KeyId = rsa.KeyId };
        using var forged = Client(Token(stranger, SecurityAlgorithms.RsaSha256, "Mallory", "groups", Roles.Intake));
        using var elsewhere = Client(Token(rsa, SecurityAlgorithms.RsaSha256, "Mallory", "groups", [Roles.Intake],
            issuedBy: "https://login.elsewhere.example"));

        (await forged.PostJsonAsync("/api/complaints", Bodies.Registration())).ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await elsewhere.PostJsonAsync("/api/complaints", Bodies.Registration())).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_provider_token_naming_its_caller_illegibly_is_refused_as_any_token_is()
    {
        using var illegible = Client(Token(rsa, SecurityAlgorithms.RsaSha256, "Mallory\nAdmin", "groups", Roles.Intake));

        var refused = (await illegible.PostJsonAsync("/api/complaints", Bodies.Registration()))
            .ShouldBeProblem(HttpStatusCode.Unauthorized);

        refused.Text("detail").ShouldContain("its name claim must be a single line");
    }

    [Fact]
    public async Task The_development_key_still_signs_tokens_beside_the_provider()
    {
        using var developer = engine.ClientFor("Developer Li", Roles.Intake);

        (await developer.PostJsonAsync("/api/complaints", Bodies.Registration())).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task While_the_provider_cannot_be_reached_its_tokens_cannot_be_checked_and_are_401()
    {
        var connectionString = await TestDatabases.OwnAsync("complaints_identity_tests");
        var nowhere = $"http://127.0.0.1:{FreePort()}";
        await using var cutOff = TestDatabases.HostOn(connectionString, new TestClock(ComplaintsApi.Start), builder =>
        {
            builder.UseSetting("Authentication:Jwt:Authority", nowhere);
            builder.UseSetting("Authentication:Jwt:RequireHttpsMetadata", "false");
        });
        using var client = cutOff.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Token(rsa, SecurityAlgorithms.RsaSha256, "Zhang San", "roles", [Roles.Intake], issuedBy: nowhere));

        (await client.PostJsonAsync("/api/complaints", Bodies.Registration())).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    private string Token(SecurityKey key, string algorithm, string name, string rolesClaim, params string[] roles) =>
        Token(key, algorithm, name, rolesClaim, roles, issuer);

    private string Token(SecurityKey key, string algorithm, string name, string rolesClaim, string[] roles, string? issuedBy)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuedBy ?? issuer,
            Audience = "complaints",
            NotBefore = now,
            Expires = now.AddMinutes(10),
            Subject = new ClaimsIdentity([
                new Claim("sub", "user-" + name.GetHashCode()), new Claim("name", name),
                .. roles.Select(role => new Claim(rolesClaim, role))
            ]),
            SigningCredentials = new SigningCredentials(key, algorithm)
        });
    }

    private HttpClient Client(string token)
    {
        var client = engine.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>An identity provider on loopback: its discovery document and the public half of its signing keys.</summary>
    private static WebApplication LocalProvider(string issuer, params JsonWebKey[] keys)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(issuer);
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["jwks_uri"] = $"{issuer}/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256", "ES256" }
        }));
        app.MapGet("/jwks", () => Results.Json(new
        {
            keys = keys.Select(key => key.Kty == "RSA"
                ? new Dictionary<string, string> { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = key.Kid, ["n"] = key.N, ["e"] = key.E }
                : new Dictionary<string, string> { ["kty"] = "EC", ["use"] = "sig", ["alg"] = "ES256", ["kid"] = key.Kid, ["crv"] = key.Crv, ["x"] = key.X, ["y"] = key.Y })
        }));
        return app;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await engine.DisposeAsync();
        await provider.DisposeAsync();
        rsa.Rsa.Dispose();
        ecdsa.ECDsa.Dispose();
    }
}
