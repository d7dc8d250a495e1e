using System.Security.Claims;
using System.Text;
using Complaints.Domain;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Complaints.Host.Security;

/// <summary>Where tokens come from and how they are signed: configuration only (docs/security.md).</summary>
public sealed class JwtOptions
{
    /// <summary>Keys starting with this are for development and are refused anywhere else.</summary>
    public const string DevelopmentKeyPrefix = "development-";

    public const int MinimumKeyBytes = 32;

    public string Issuer { get; set; } = "";
    public string Audience { get; set; } = "";
    public string SigningKey { get; set; } = "";

    public SymmetricSecurityKey Key => new(Encoding.UTF8.GetBytes(SigningKey));

    public bool IsDevelopmentKey => SigningKey.TrimStart().StartsWith(DevelopmentKeyPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Refuses to start without a usable key, or with a development key outside development.</summary>
    public void Validate(bool development)
    {
        if (string.IsNullOrWhiteSpace(Issuer) || string.IsNullOrWhiteSpace(Audience))
            throw new InvalidOperationException("Authentication:Jwt:Issuer and Authentication:Jwt:Audience must be configured.");
        if (Encoding.UTF8.GetByteCount(SigningKey) < MinimumKeyBytes)
            throw new InvalidOperationException(
                $"Authentication:Jwt:SigningKey must be configured with at least {MinimumKeyBytes} bytes.");
        if (IsDevelopmentKey && !development)
            throw new InvalidOperationException(
                "Authentication:Jwt:SigningKey is a development key; configure a production key outside Development.");
    }
}

/// <summary>A token the engine verified but refuses (HTTP 401 naming the reason).</summary>
public sealed class TokenRefusedException(string reason) : Exception(reason);

public static class SecurityConfiguration
{
    public const string RolesClaim = "roles";
    public const string NameClaim = "name";

    public static WebApplicationBuilder AddComplaintSecurity(this WebApplicationBuilder builder)
    {
        var jwt = builder.Configuration.GetSection("Authentication:Jwt").Get<JwtOptions>() ?? new JwtOptions();
        jwt.Validate(builder.Environment.IsDevelopment());
        builder.Services.AddSingleton(jwt);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = jwt.Issuer,
                ValidAudience = jwt.Audience,
                IssuerSigningKey = jwt.Key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = NameClaim,
                RoleClaimType = RolesClaim
            };
            // Every write records who made it: a token must name someone (its subject if it has no name), legibly.
            options.Events = new JwtBearerEvents { OnTokenValidated = RequireSomeone };
        });
        builder.Services.AddAuthorizationBuilder()
            // An endpoint that forgot its policy still needs a valid token.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.Configure<AuthorizationOptions>(options =>
        {
            foreach (var (policy, roles) in Policies.RolesFor)
                options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        });
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationProblems>();
        builder.Services.AddSingleton<DevelopmentTokens>();
        return builder;
    }

    private static Task RequireSomeone(TokenValidatedContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity) return Task.CompletedTask;
        if (Refusal(identity) is { } reason) context.Fail(new TokenRefusedException(reason));
        else if (identity.FindFirst(NameClaim) is null)
            identity.AddClaim(new Claim(NameClaim, identity.FindFirst(JwtRegisteredClaimNames.Sub)!.Value));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Why a correctly signed token still cannot be recorded as the actor of a write, or null: its name and sub must
    /// be single lines of at most <see cref="Validator.MaxLineLength"/> characters, one of them present.
    /// </summary>
    public static string? Refusal(ClaimsIdentity identity)
    {
        var names = identity.FindAll(c => c.Type is NameClaim or JwtRegisteredClaimNames.Sub).ToList();
        if (names.Count == 0) return "The token names no one: it has neither a name nor a sub claim.";
        var v = new Validator();
        foreach (var claim in names)
            if (string.IsNullOrWhiteSpace(claim.Value)) v.Add(claim.Type, "is blank");
            else v.Line(claim.Value, claim.Type);
        return v.Errors.Count == 0
            ? null
            : "The token cannot name the actor: " +
              string.Join("; ", v.Errors.Select(e => $"its {e.Key} claim {string.Join(" and ", e.Value)}")) + ".";
    }

    public static WebApplication UseComplaintSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
