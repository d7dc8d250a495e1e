using Complaints.Host.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Host.Security;

/// <summary>
/// 401 and 403 answer problem+json like every other refusal, naming what was missing (the console's pages redirect instead). (Not named "…Handler":
/// Wolverine would take it for a message handler.)
/// </summary>
public sealed class AuthorizationProblems(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler allowed = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy,
        PolicyAuthorizationResult result)
    {
        // A browser on the console is sent to sign in, or to the page saying which roles it lacks.
        if (WebConsole.ConsoleConfiguration.Serves(http))
            await allowed.HandleAsync(next, http, policy, result);
        else if (result.Challenged)
        {
            await http.ChallengeAsync(JwtBearerDefaults.AuthenticationScheme); // sets WWW-Authenticate: Bearer …
            // The result of this request's authentication, kept by the handler: only our own reasons are shown.
            var refusal = (await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme)).Failure as TokenRefusedException;
            await WriteAsync(http, ProblemMapping.Problem(StatusCodes.Status401Unauthorized, "unauthenticated",
                "Authentication required",
                refusal?.Message ?? "Send a valid bearer token (issuer, audience, lifetime and signature are checked)."));
        }
        else if (result.Forbidden)
        {
            var roles = policy.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>()
                .SelectMany(r => r.AllowedRoles).Distinct();
            await WriteAsync(http, ProblemMapping.Problem(StatusCodes.Status403Forbidden, "forbidden", "Role not allowed",
                $"This needs one of the roles: {string.Join(", ", roles)}."));
        }
        else
            await allowed.HandleAsync(next, http, policy, result);
    }

    private async Task WriteAsync(HttpContext http, ProblemDetails problem)
    {
        http.Response.StatusCode = problem.Status!.Value;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
