using System.Security.Claims;
using Complaints.Domain;
using Complaints.Projections;
using Complaints.Projections.Reporting;

namespace Complaints.Host.Security;

/// <summary>
/// Customers' names and contacts (procedure §7): shown in full only to roles whose work needs them, masked for
/// everyone else, so an analyst can still tell two customers apart without knowing who they are.
/// </summary>
public static class PersonalData
{
    public static bool MaySee(ClaimsPrincipal caller) => Roles.SeePersonalData.Any(caller.IsInRole);

    /// <summary>
    /// The stored report as <paramref name="caller"/> may see it: opened (docs/adr/0040), and masked unless the
    /// caller's roles need the customer.
    /// </summary>
    public static void Show(HandlingReport report, ReadModelSeal seal, ClaimsPrincipal caller)
    {
        seal.Open(report);
        if (!MaySee(caller)) Mask(report);
    }

    /// <summary>The report as a caller without the need to know sees it: customer and the closure address masked.</summary>
    public static void Mask(HandlingReport report)
    {
        if (report.Intake is { } intake) report.Intake = intake with { Customer = Mask(intake.Customer) };
        report.Closures = [.. report.Closures.Select(c => c with { SentTo = c.SentTo is null ? null : MaskEmail(c.SentTo) })];
        report.Steps = [.. report.Steps.Select(s => s.Step == "closed" ? s with { Detail = "report sent to the customer" } : s)];
    }

    public static Customer Mask(Customer customer) => customer == Customer.Erased ? customer :
        new(MaskName(customer.Name), customer.Phone is null ? null : MaskPhone(customer.Phone),
            customer.Email is null ? null : MaskEmail(customer.Email));

    /// <summary>"Li Wei" → "L*****": the first letter, the length hidden behind a fixed run of stars.</summary>
    private static string MaskName(string name) => name.Length == 0 ? name : $"{char.ToUpperInvariant(name[0])}*****";

    /// <summary>"+86 138 0000 1234" → "*****1234".</summary>
    private static string MaskPhone(string phone)
    {
        var digits = new string([.. phone.Where(char.IsDigit)]);
        return "*****" + (digits.Length > 4 ? digits[^4..] : "");
    }

    /// <summary>"li.wei@example.com" → "l*****@example.com".</summary>
    public static string MaskEmail(string email) =>
        email.IndexOf('@') is > 0 and var at ? $"{email[0]}*****{email[at..]}" : "*****";
}
