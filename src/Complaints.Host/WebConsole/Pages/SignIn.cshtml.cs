using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Host.WebConsole.Pages;

/// <summary>
/// Development: pick roles, a name and a department, like the <c>token</c> command. Elsewhere: the configured OpenID
/// Connect provider.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(IWebHostEnvironment environment, ConsoleOidcOptions oidc) : ConsolePage
{
    public bool Development => environment.IsDevelopment();

    public bool SingleSignOn => oidc.Configured;

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];
    [BindProperty] public string? Department { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet() =>
        !Development && SingleSignOn
            ? Challenge(new AuthenticationProperties { RedirectUri = Back }, ConsoleConfiguration.OidcScheme)
            : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Development) return NotFound();
        var v = new Validator();
        var name = v.Line(Name, "name");
        v.OptionalLine(Department, "department");
        if (Roles.Count == 0 || Roles.Any(r => !Security.Roles.All.Contains(r))) v.Add("roles", "pick one or more roles");
        if (v.Errors.Count > 0)
        {
            Error = string.Join("; ", v.Errors.Select(e => $"{e.Key} {string.Join(", ", e.Value)}"));
            return Page();
        }
        await HttpContext.SignInAsync(ConsoleConfiguration.CookieScheme,
            ConsoleUser.Create(name, name, Roles, Department, "development"));
        return LocalRedirect(Back);
    }

    private string Back => ReturnUrl is { } url && url.StartsWith(ConsoleConfiguration.Root, StringComparison.Ordinal) &&
                           Url.IsLocalUrl(url) ? url : ConsoleConfiguration.Root;
}
