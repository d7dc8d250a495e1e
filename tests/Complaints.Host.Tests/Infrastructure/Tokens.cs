using System.Net.Http.Headers;
using System.Security.Claims;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Complaints.Host.Tests.Infrastructure;

/// <summary>Clients that call as someone: a bearer token signed with the host's (development) key.</summary>
public static class Tokens
{
    /// <summary>The tests' default caller: every staff role, so a test of the lifecycle is not a test of the roles.</summary>
    public const string Staff = "test-staff";

    public static readonly string[] StaffRoles =
        [Roles.Intake, Roles.Department, Roles.CsLeadership, Roles.GmOffice, Roles.Auditor, Roles.Service];

    public static HttpClient StaffClient(this WebApplicationFactory<Program> host) => host.ClientFor(Staff, StaffRoles);

    public static HttpClient ClientFor(this WebApplicationFactory<Program> host, string name, params string[] roles) =>
        host.ClientWith(host.TokenFor(name, roles));

    /// <summary>A client whose token holds exactly these claims (a subject without a name, a name shared by two subjects).</summary>
    public static HttpClient ClientWithClaims(this WebApplicationFactory<Program> host, params Claim[] claims)
    {
        var options = host.Services.GetRequiredService<JwtOptions>();
        var now = DateTime.UtcNow;
        return host.ClientWith(new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer, Audience = options.Audience, NotBefore = now, Expires = now.AddHours(1),
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(options.Key, SecurityAlgorithms.HmacSha256)
        }));
    }

    public static string TokenFor(this WebApplicationFactory<Program> host, string name, params string[] roles) =>
        host.Services.GetRequiredService<DevelopmentTokens>().Issue(name, roles, TimeSpan.FromHours(1));

    public static HttpClient ClientWith(this WebApplicationFactory<Program> host, string token)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
