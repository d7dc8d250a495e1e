using Microsoft.AspNetCore.Authorization;

namespace Complaints.Host.WebConsole.Pages;

[AllowAnonymous]
public sealed class ForbiddenModel : ConsolePage
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
