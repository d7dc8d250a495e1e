using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Host.WebConsole.Pages;

public sealed class SignOutModel(ConsoleOidcOptions oidc, IWebHostEnvironment environment) : ConsolePage
{
    public IActionResult OnGet() => LocalRedirect(ConsoleConfiguration.Root);

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleConfiguration.CookieScheme);
        return !environment.IsDevelopment() && oidc.Configured
            ? SignOut(new AuthenticationProperties { RedirectUri = ConsoleConfiguration.Root }, ConsoleConfiguration.OidcScheme)
            : LocalRedirect(ConsoleConfiguration.Root + "/sign-in");
    }
}
