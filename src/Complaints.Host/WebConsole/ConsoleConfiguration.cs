using System.Reflection;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.WebEncoders;

namespace Complaints.Host.WebConsole;

/// <summary>Where the console's users sign in outside Development (docs/console.md).</summary>
public sealed class ConsoleOidcOptions
{
    /// <summary>The OpenID Connect provider's issuer address; without it only Development can sign in.</summary>
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    /// <summary>The ID-token claim holding the engine's role names (one claim per role, or a JSON array).</summary>
    public string RoleClaim { get; set; } = SecurityConfiguration.DefaultRolesClaim;
    /// <summary>The claim naming the person, recorded as the actor of what they do.</summary>
    public string NameClaim { get; set; } = SecurityConfiguration.NameClaim;
    /// <summary>The claim naming the user's department, which their worklist shows.</summary>
    public string DepartmentClaim { get; set; } = ConsoleUser.DepartmentClaim;
    /// <summary>Plain http to the provider, for a provider on the same machine only.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Configured => !string.IsNullOrWhiteSpace(Authority);
}

/// <summary>
/// The web console under <c>/console</c>: Razor Pages served by the host itself, a cookie session per browser,
/// signed in by the Development sign-in page or by OpenID Connect, under the API's named policies (ADR 0023).
/// </summary>
public static class ConsoleConfiguration
{
    public const string Root = "/console";
    public const string CookieScheme = "console";
    public const string OidcScheme = "console-oidc";

    /// <summary>Chooses per request: the console's pages read the cookie, everything else a bearer token.</summary>
    private const string SelectorScheme = "console-or-bearer";

    public static bool Serves(HttpContext http) => http.Request.Path.StartsWithSegments(Root);

    public static WebApplicationBuilder AddComplaintConsole(this WebApplicationBuilder builder)
    {
        var oidc = builder.Configuration.GetSection("Console:Oidc").Get<ConsoleOidcOptions>() ?? new ConsoleOidcOptions();
        builder.Services.AddSingleton(oidc);
        builder.Services.AddRazorPages(options => options.RootDirectory = "/WebConsole/Pages");
        // Chinese stays readable in the pages' source instead of becoming numeric character references.
        builder.Services.Configure<WebEncoderOptions>(options =>
            options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ConsoleText>();
        builder.Services.AddScoped<ConsoleCommands>();

        var authentication = builder.Services.AddAuthentication()
            .AddPolicyScheme(SelectorScheme, "Console cookie or bearer token", options =>
                options.ForwardDefaultSelector = http => Serves(http) ? CookieScheme : JwtBearerDefaults.AuthenticationScheme)
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = "complaints-console";
                options.Cookie.Path = Root;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = Root + "/sign-in";
                options.LogoutPath = Root + "/sign-out";
                options.AccessDeniedPath = Root + "/forbidden";
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
            });
        if (oidc.Configured)
            authentication.AddOpenIdConnect(OidcScheme, options =>
            {
                options.Authority = oidc.Authority;
                options.ClientId = oidc.ClientId;
                options.ClientSecret = oidc.ClientSecret;
                options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                options.ResponseType = "code";
                options.UsePkce = true;
                options.CallbackPath = Root + "/signin-oidc";
                options.SignedOutCallbackPath = Root + "/signout-callback-oidc";
                options.SignInScheme = CookieScheme;
                options.MapInboundClaims = false;
                options.Scope.Clear();
                options.Scope.Add("openid");
                options.Scope.Add("profile");
                options.Events.OnTokenValidated = context =>
                {
                    // The session holds only what the console uses, in the API's claim names.
                    context.Principal = ConsoleUser.FromProvider(context.Principal!, oidc);
                    return Task.CompletedTask;
                };
            });
        // The API keeps its bearer tokens: only paths under /console are read from the cookie.
        builder.Services.Configure<AuthenticationOptions>(options => options.DefaultScheme = SelectorScheme);
        return builder;
    }

    public static WebApplication MapComplaintConsole(this WebApplication app)
    {
        // Forms post to the pages themselves: the JSON body checks of the API do not apply to them.
        app.MapRazorPages().WithMetadata(new ServesFormsAttribute());
        app.MapGet(Root + "/assets/{name}", Asset).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(Root + "/language", Language).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>The stylesheet and scripts, from the assembly (no outside address, no build step).</summary>
    private static IResult Asset(string name, HttpContext http)
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("console-assets/" + name);
        if (stream is null) return Results.NotFound();
        http.Response.Headers.CacheControl = "public, max-age=3600";
        var type = Path.GetExtension(name) switch { ".css" => "text/css; charset=utf-8", ".js" => "text/javascript; charset=utf-8", _ => "text/plain; charset=utf-8" };
        return Results.Stream(stream, type);
    }

    /// <summary>Switches the console's language (zh-CN unless English is asked for) and goes back to the page.</summary>
    private static IResult Language(string? to, string? back, HttpContext http)
    {
        http.Response.Cookies.Append(ConsoleText.LanguageCookie, ConsoleText.Normalise(to),
            new CookieOptions { Path = Root, HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365) });
        return Results.LocalRedirect(back is { } b && b.StartsWith(Root, StringComparison.Ordinal) && !b.StartsWith("//", StringComparison.Ordinal) ? b : Root);
    }
}

/// <summary>Marks endpoints that take HTML form posts (the console's pages), which <c>RequestGuard</c> lets through.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ServesFormsAttribute : Attribute;

/// <summary>The console session's claims: the same names, roles and subject a token of the API carries.</summary>
public static class ConsoleUser
{
    public const string DepartmentClaim = "department";

    /// <summary>The department the Development sign-in and the registration form suggest.</summary>
    public const string DefaultDepartment = "maintenance";

    public static ClaimsPrincipal Create(string subject, string name, IEnumerable<string> roles, string? department, string method)
    {
        var claims = new List<Claim>
        {
            new(Microsoft.IdentityModel.JsonWebTokens.JwtRegisteredClaimNames.Sub, subject),
            new(SecurityConfiguration.NameClaim, name)
        };
        claims.AddRange(roles.Where(Roles.All.Contains).Distinct().Select(r => new Claim(SecurityConfiguration.DefaultRolesClaim, r)));
        if (!string.IsNullOrWhiteSpace(department)) claims.Add(new Claim(DepartmentClaim, department.Trim()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, method, SecurityConfiguration.NameClaim, SecurityConfiguration.DefaultRolesClaim));
    }

    public static ClaimsPrincipal FromProvider(ClaimsPrincipal provided, ConsoleOidcOptions oidc)
    {
        var subject = provided.FindFirst("sub")?.Value ?? throw new AuthenticationFailureException("The provider's token has no sub claim.");
        var name = provided.FindFirst(oidc.NameClaim)?.Value ?? subject;
        var roles = provided.FindAll(oidc.RoleClaim).Select(c => c.Value);
        var user = Create(subject, name, roles, provided.FindFirst(oidc.DepartmentClaim)?.Value, OpenIdConnectDefaults.AuthenticationScheme);
        // Someone the API would refuse as an actor cannot act through the console either.
        return SecurityConfiguration.Refusal((ClaimsIdentity)user.Identity!) is { } reason
            ? throw new AuthenticationFailureException(reason)
            : user;
    }

    public static string? DepartmentOf(ClaimsPrincipal user) => user.FindFirst(DepartmentClaim)?.Value;
}
