using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Reports.Kpis;

public sealed record KpiReport(
    LocalDate From, LocalDate To, string Period, string? GroupBy, string TimeZone, IReadOnlyList<KpiRow> Rows);

public static class KpiEndpoint
{
    private static readonly Dictionary<string, string> GroupColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["department"] = "department", ["severity"] = "severity", ["category"] = "category", ["region"] = "region",
        ["owner"] = "owner"
    };

    /// <summary>
    /// KPIs from <c>from</c> to <c>to</c> (calendar days in the reporting zone, both included; by default the
    /// current month so far), split by <c>period</c> and grouped by <c>groupBy</c>, over the complaints the
    /// filters select.
    /// </summary>
    [Authorize(Policy = Policies.ReadReports)]
    [WolverineGet("/api/kpis")]
    public static async Task<KpiReport> Get(string? from, string? to, string? groupBy, string? period,
        string? severity, string? category, string? department, string? region,
        [FromServices] AnalyticsDatabase database, [FromServices] IClock clock, [FromServices] InputBounds bounds,
        CancellationToken ct)
    {
        var v = new Validator();
        var filter = ReportFilter.Parse(v, severity, category, department, region);
        var (first, last) = KpiPeriods.Range(v, from, to, clock.GetCurrentInstant().InZone(database.Zone).Date, bounds);
        PeriodKind? kind = period?.ToLowerInvariant() switch
        {
            null => PeriodKind.Whole, "week" => PeriodKind.Week, "month" => PeriodKind.Month, "quarter" => PeriodKind.Quarter,
            _ => null
        };
        if (kind is null) v.Add("period", "must be week, month or quarter");
        string? groupColumn = null;
        if (groupBy is not null && !GroupColumns.TryGetValue(groupBy, out groupColumn))
            v.Add("groupBy", "must be department, severity, category, region or owner");
        v.ThrowIfInvalid();

        var periods = KpiPeriods.Split(first, last, kind!.Value);
        var rows = await new KpiQuery(database, filter, groupColumn).RunAsync(periods, ct);
        return new KpiReport(first, last, period?.ToLowerInvariant() ?? "whole", groupColumn, database.Zone.Id, rows);
    }
}
