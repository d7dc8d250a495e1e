using Complaints.Domain;
using Complaints.Host.Reports;
using Complaints.Host.Reports.Ledger;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Host.WebConsole.Pages;

/// <summary>The ledger with the filters of <c>/api/ledger</c>, paged, and its CSV (with a BOM, for Excel).</summary>
[Authorize(Policy = Policies.ReadReports)]
public sealed class LedgerModel(AnalyticsDatabase database, InputBounds bounds) : ConsolePage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Severity { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Department { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Owner { get; set; }
    [BindProperty(SupportsGet = true)] public string? Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReceivedFrom { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReceivedTo { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public LedgerPage? Rows { get; private set; }
    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public long Pages => Rows is null ? 0 : Math.Max(1, (Rows.Total + PageSize - 1) / PageSize);

    public string Filters => string.Join("&", new[]
        {
            ("status", Status), ("severity", Severity), ("category", Category), ("department", Department),
            ("region", Region), ("owner", Owner), ("overdue", Overdue), ("receivedFrom", ReceivedFrom), ("receivedTo", ReceivedTo)
        }.Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Query() is { } query) Rows = await query.PageAsync(database, Math.Max(1, PageNumber), PageSize, ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (Query() is not { } query) return Page();
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"ledger.csv\"";
        await query.WriteCsvAsync(database, Response.Body, byteOrderMark: true, ct);
        return new EmptyResult();
    }

    private LedgerQuery? Query()
    {
        var v = new Validator();
        var query = LedgerQuery.Parse(v, Empty(Status), Empty(Severity), Empty(Category), Empty(Department), Empty(Region),
            Empty(Owner), Empty(Overdue), Empty(ReceivedFrom), Empty(ReceivedTo), database.Zone, bounds);
        if (v.Errors.Count == 0) return query;
        Errors = v.Errors;
        return null;
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
