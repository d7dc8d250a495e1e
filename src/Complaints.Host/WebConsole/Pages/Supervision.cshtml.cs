using System.Globalization;
using Complaints.Domain;
using Complaints.Host.Reports;
using Complaints.Host.Reports.Supervision;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Complaints.Host.WebConsole.Pages;

/// <summary>The monthly supervision report of <c>/api/reports/supervision/{month}</c>, laid out to print.</summary>
[Authorize(Policy = Policies.ReadReports)]
public sealed class SupervisionModel(AnalyticsDatabase database, IClock clock, InputBounds bounds) : ConsolePage
{
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public SupervisionReport? Report { get; private set; }
    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    /// <summary>
    /// What the lists of complaints as drawn depend on: month, language and the tables' revision read before the
    /// report. A month can list thousands, more markup than drawing them on every view allows (ADR 0036), so the
    /// page keeps them drawn under this key; null (nothing projected yet) draws them every time.
    /// </summary>
    public string? ListsKey { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Month ??= clock.GetCurrentInstant().InZone(database.Zone).Date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        try
        {
            var revision = await database.RevisionAsync(ct);
            Report = await SupervisionEndpoint.Get(Month, database, bounds, ct);
            ListsKey = revision is { } drawn ? $"{Report.Month}|{T.Language}|{drawn}" : null;
        }
        catch (InvalidCommandException e)
        {
            Errors = e.Errors;
        }
    }
}
