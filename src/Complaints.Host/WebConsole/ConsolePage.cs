using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Complaints.Host.WebConsole;

/// <summary>What every console page shares: its words, the reporting zone's clock face, the policy checks.</summary>
public abstract class ConsolePage : PageModel
{
    public ConsoleText T => HttpContext.RequestServices.GetRequiredService<ConsoleText>();

    public string Local(Instant? instant) => T.Local(instant);

    public static string Number(double? value, int decimals = 0) =>
        value is { } v ? v.ToString("N" + decimals, CultureInfo.InvariantCulture) : "–";

    public static string Percent(double? share) =>
        share is { } s ? (s * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";

    public async Task<bool> MayAsync(string policy) =>
        (await HttpContext.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(User, policy)).Succeeded;
}
