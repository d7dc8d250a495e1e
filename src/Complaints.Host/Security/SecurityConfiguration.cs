using System.Security.Claims;
using System.Text;
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
            // Every write records who made it: a token must name someone (its subject if it has no name).
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
        if (context.Principal?.Identity is not ClaimsIdentity identity || identity.FindFirst(NameClaim) is not null)
            return Task.CompletedTask;
        if (identity.FindFirst(JwtRegisteredClaimNames.Sub) is { Value.Length: > 0 } subject)
            identity.AddClaim(new Claim(NameClaim, subject.Value));
        else
            context.Fail("The token names no one: it has neither a name nor a sub claim.");
        return Task.CompletedTask;
    }

    public static WebApplication UseComplaintSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
