using Complaints.Host.Security;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Host.WebConsole.Pages;

/// <summary>Sends each person to the page their work starts from.</summary>
public sealed class IndexModel : ConsolePage
{
    public async Task<IActionResult> OnGetAsync() =>
        await MayAsync(Policies.ReadWork) && !await MayAsync(Policies.ReadReports) ? Redirect("/console/worklist")
        : await MayAsync(Policies.ReadReports) ? Redirect("/console/dashboard")
        : await MayAsync(Policies.Audit) ? Redirect("/console/audit")
        : Redirect("/console/forbidden");
}
