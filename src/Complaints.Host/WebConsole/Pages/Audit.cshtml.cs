using Complaints.Domain;
using Complaints.Host.Audit;
using Complaints.Host.Complaints;
using Complaints.Host.Complaints.Auditing;
using Complaints.Host.Reports;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Host.WebConsole.Pages;

/// <summary>
/// Checks the hash chain of one complaint (as <c>/integrity</c>) or of every complaint registered in a period (as
/// <c>audit verify</c>), and downloads that period's NDJSON export (as <c>/api/audit/export</c>).
/// </summary>
[Authorize(Policy = Policies.Audit)]
public sealed class AuditModel(EventLog log, AnalyticsDatabase reporting, InputBounds bounds) : ConsolePage
{
    [BindProperty(SupportsGet = true)] public string? Complaint { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public IReadOnlyList<IntegrityReport>? Results { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            if (!string.IsNullOrWhiteSpace(Complaint))
                Results = Guid.TryParse(Complaint.Trim(), out var id)
                    ? [await IntegrityEndpoint.Get(id, log, ct)]
                    : throw new InvalidCommandException(new Dictionary<string, string[]> { ["complaint"] = ["must be a complaint id"] });
            else if (!string.IsNullOrWhiteSpace(From) || !string.IsNullOrWhiteSpace(To))
                Results = await log.VerifyAsync(Period(), ct).ToListAsync(ct);
        }
        catch (Exception e) when (e is InvalidCommandException or ComplaintNotFoundException)
        {
            Error = e is InvalidCommandException invalid
                ? string.Join("; ", invalid.Errors.Select(x => $"{x.Key}: {string.Join(", ", x.Value)}"))
                : T["The complaint was not found."];
        }
    }

    /// <summary>The period's export, written by the API's own endpoint.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        await ExportEndpoint.GetRange(Blank(From), Blank(To), Response, log, reporting, bounds, ct);
        return new EmptyResult();
    }

    private EventSelection Period()
    {
        var v = new Validator();
        var start = ReportFilter.Bound(v, Blank(From), "from", reporting.Zone, upper: false, bounds);
        var end = ReportFilter.Bound(v, Blank(To), "to", reporting.Zone, upper: true, bounds);
        if (start >= end) v.Add("to", "must be after from");
        v.ThrowIfInvalid();
        return new EventSelection(null, start, end);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
