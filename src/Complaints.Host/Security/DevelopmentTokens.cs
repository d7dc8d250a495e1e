using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Complaints.Host.Security;

/// <summary>
/// Signs tokens with the configured key, for development and tests (the <c>token</c> command). Lifetimes follow
/// the system clock, as token validation does.
/// </summary>
public sealed class DevelopmentTokens(JwtOptions options)
{
    /// <summary><paramref name="department"/>: the <c>department</c> claim whose work a department token sees.</summary>
    public string Issue(string name, IEnumerable<string> roles, TimeSpan lifetime, string? department = null)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, name), new(SecurityConfiguration.NameClaim, name) };
        if (!string.IsNullOrWhiteSpace(department)) claims.Add(new Claim(WebConsole.ConsoleUser.DepartmentClaim, department.Trim()));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            // An array even for one role, as identity providers write it (a claim of the subject would be a bare string).
            Claims = new Dictionary<string, object> { [options.RolesClaim] = roles.ToArray() },
            NotBefore = now,
            IssuedAt = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(options.Key, SecurityAlgorithms.HmacSha256)
        });
    }
}
