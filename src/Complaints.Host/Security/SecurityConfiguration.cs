using System.Security.Claims;
using System.Text;
using Complaints.Domain;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Complaints.Host.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Complaints.Host.Security;

/// <summary>Where tokens come from and how they are signed: configuration only (docs/security.md).</summary>
public sealed class JwtOptions
{
    /// <summary>Keys starting with this are for development and are refused anywhere else.</summary>
    public const string DevelopmentKeyPrefix = "development-";

    public const int MinimumKeyBytes = 32;

    /// <summary>The <c>iss</c> of tokens signed with <see cref="SigningKey"/>; an identity provider's comes from its discovery document.</summary>
    public string Issuer { get; set; } = "";
    public string Audience { get; set; } = "";

    /// <summary>A shared HS256 key (a development key, or a service's own); optional once <see cref="Authority"/> is set.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>
    /// An OpenID Connect identity provider: its discovery document (<c>/.well-known/openid-configuration</c>) names the
    /// issuer and the JWKS whose keys sign its tokens (RS256 or ES256).
    /// </summary>
    public Uri? Authority { get; set; }

    /// <summary>Only for a local test provider: fetch the discovery document and keys over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim holding the caller's roles (a string or an array of strings), e.g. <c>groups</c>.</summary>
    public string RolesClaim { get; set; } = SecurityConfiguration.DefaultRolesClaim;

    public SymmetricSecurityKey Key => new(Encoding.UTF8.GetBytes(SigningKey));

    public bool HasSigningKey => SigningKey.Length > 0;

    public bool IsDevelopmentKey => SigningKey.TrimStart().StartsWith(DevelopmentKeyPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>What stops the host at start: no way to check tokens, a weak key, or a development key outside development.</summary>
    public IEnumerable<string> Problems(bool development)
    {
        if (string.IsNullOrWhiteSpace(Audience)) yield return "Audience must be configured.";
        if (Authority is null && !HasSigningKey)
            yield return "Authority (an OpenID Connect identity provider) or SigningKey must be configured.";
        if (HasSigningKey && string.IsNullOrWhiteSpace(Issuer))
            yield return "Issuer must be configured for tokens signed with SigningKey.";
        if (HasSigningKey && Encoding.UTF8.GetByteCount(SigningKey) < MinimumKeyBytes)
            yield return $"SigningKey must have at least {MinimumKeyBytes} bytes.";
        if (IsDevelopmentKey && !development)
            yield return "SigningKey is a development key; configure a production key outside Development.";
        if (Authority is { } authority && (!authority.IsAbsoluteUri || authority.Scheme is not ("https" or "http")))
            yield return $"Authority must be an absolute https URL (is {authority}).";
        else if (Authority is { Scheme: "http" } && RequireHttpsMetadata)
            yield return "Authority must use https (RequireHttpsMetadata=false only for a local test provider).";
        if (string.IsNullOrWhiteSpace(RolesClaim)) yield return "RolesClaim must name a claim.";
    }
}

/// <summary>A token the engine verified but refuses (HTTP 401 naming the reason).</summary>
public sealed class TokenRefusedException(string reason) : Exception(reason);

public static class SecurityConfiguration
{
    public const string Section = "Authentication:Jwt";
    public const string DefaultRolesClaim = "roles";
    public const string NameClaim = "name";

    public static WebApplicationBuilder AddComplaintSecurity(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.AddSettings<JwtOptions>(Section, jwt => jwt.Problems(development));
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<JwtOptions>>().Value);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<JwtOptions>((bearer, jwt) => Configure(bearer, jwt));
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

    private static void Configure(JwtBearerOptions bearer, JwtOptions jwt)
    {
        bearer.MapInboundClaims = false;
        bearer.Audience = jwt.Audience;
        // With an authority, the handler reads its discovery document and keys (cached, refreshed when a token names an
        // unknown key) and adds them, and its issuer, to what is configured here.
        bearer.Authority = jwt.Authority?.ToString();
        bearer.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
        List<string> algorithms = jwt.Authority is null ? [] : [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];
        if (jwt.HasSigningKey) algorithms.Add(SecurityAlgorithms.HmacSha256);
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.HasSigningKey ? jwt.Issuer : null,
            ValidAudience = jwt.Audience,
            IssuerSigningKey = jwt.HasSigningKey ? jwt.Key : null,
            ValidAlgorithms = algorithms,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = NameClaim,
            RoleClaimType = jwt.RolesClaim
        };
        // Every write records who made it: a token must name someone (its subject if it has no name), legibly.
        bearer.Events = new JwtBearerEvents { OnTokenValidated = RequireSomeone };
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
    /// be single lines of at most <see cref="Validator.MaxLineLength"/> characters, one of them present; so must its
    /// department claim, if any.
    /// </summary>
    public static string? Refusal(ClaimsIdentity identity)
    {
        var names = identity.FindAll(c => c.Type is NameClaim or JwtRegisteredClaimNames.Sub).ToList();
        if (names.Count == 0) return "The token names no one: it has neither a name nor a sub claim.";
        var v = new Validator();
        foreach (var claim in names)
            if (Validator.IsBlank(claim.Value)) v.Add(claim.Type, "is blank");
            else v.Line(claim.Value, claim.Type);
        // The department claim is matched against stored departments and shown in the console: the same single line.
        foreach (var claim in identity.FindAll(WebConsole.ConsoleUser.DepartmentClaim))
            v.OptionalLine(claim.Value, claim.Type);
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
