using System.Net.Http.Headers;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Host.Tests.Infrastructure;

/// <summary>Clients that call as someone: a bearer token signed with the host's (development) key.</summary>
public static class Tokens
{
    /// <summary>The tests' default caller: every staff role, so a test of the lifecycle is not a test of the roles.</summary>
    public const string Staff = "test-staff";

    public static readonly string[] StaffRoles =
        [Roles.Intake, Roles.Department, Roles.CsLeadership, Roles.GmOffice, Roles.Auditor, Roles.Service];

    public static HttpClient StaffClient(this WebApplicationFactory<Program> host) => host.ClientFor(Staff, StaffRoles);

    public static HttpClient ClientFor(this WebApplicationFactory<Program> host, string name, params string[] roles)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.TokenFor(name, roles));
        return client;
    }

    public static string TokenFor(this WebApplicationFactory<Program> host, string name, params string[] roles) =>
        host.Services.GetRequiredService<DevelopmentTokens>().Issue(name, roles, TimeSpan.FromHours(1));
}
