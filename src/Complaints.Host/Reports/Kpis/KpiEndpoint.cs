using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Reports.Kpis;

public sealed record KpiReport(
    LocalDate From, LocalDate To, string Period, string? GroupBy, string TimeZone, IReadOnlyList<KpiRow> Rows,
    string Clocks = "recorded");

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
    /// filters select. <c>clocks=repaired</c> counts deadlines as the last repair recounted them, <c>recorded</c>
    /// (the default) as they were recorded (docs/rules-over-time.md).
    /// </summary>
    [Authorize(Policy = Policies.ReadReports)]
    [WolverineGet("/api/kpis")]
    public static async Task<KpiReport> Get(string? from, string? to, string? groupBy, string? period,
        string? severity, string? category, string? department, string? region, string? clocks,
        [FromServices] AnalyticsDatabase database, [FromServices] IClock clock, [FromServices] InputBounds bounds,
        CancellationToken ct)
    {
        var repaired = clocks?.ToLowerInvariant() switch
        {
            null or "recorded" => false,
            "repaired" => true,
            _ => throw new InvalidCommandException(new Dictionary<string, string[]> { ["clocks"] = ["must be recorded or repaired"] })
        };
        var q = Parse(from, to, groupBy, period, severity, category, department, region, database, clock, bounds);
        var rows = await new KpiQuery(database, q.Filter, q.GroupColumn, repaired).RunAsync(KpiPeriods.Split(q.First, q.Last, q.Kind), ct);
        return new KpiReport(q.First, q.Last, period?.ToLowerInvariant() ?? "whole", q.GroupColumn, database.Zone.Id, rows,
            repaired ? "repaired" : "recorded");
    }

    /// <summary>
    /// What <see cref="Get"/> answers for the range as a whole, split by <paramref name="period"/>, and grouped by
    /// <paramref name="groupBy"/>, with the same parameters and errors, in one pass (<see cref="KpiQuery.OverviewAsync"/>).
    /// </summary>
    public static async Task<(KpiReport Whole, KpiReport Periods, KpiReport Groups)> OverviewAsync(string? from, string? to,
        string groupBy, string period, string? severity, string? category, string? department, string? region,
        AnalyticsDatabase database, IClock clock, InputBounds bounds, CancellationToken ct)
    {
        var q = Parse(from, to, groupBy, period, severity, category, department, region, database, clock, bounds);
        var whole = KpiPeriods.Split(q.First, q.Last, PeriodKind.Whole)[0];
        var overview = await new KpiQuery(database, q.Filter, q.GroupColumn)
            .OverviewAsync(whole, KpiPeriods.Split(q.First, q.Last, q.Kind), ct);
        KpiReport Report(string shown, string? group, IReadOnlyList<KpiRow> rows) =>
            new(q.First, q.Last, shown, group, database.Zone.Id, rows);
        return (Report("whole", null, [overview.Whole]), Report(period.ToLowerInvariant(), null, overview.Periods),
            Report("whole", q.GroupColumn, overview.Groups));
    }

    private sealed record Question(ReportFilter Filter, LocalDate First, LocalDate Last, PeriodKind Kind, string? GroupColumn);

    private static Question Parse(string? from, string? to, string? groupBy, string? period,
        string? severity, string? category, string? department, string? region,
        AnalyticsDatabase database, IClock clock, InputBounds bounds)
    {
        var v = new Validator();
        var filter = ReportFilter.Parse(v, severity, category, department, region);
        var (first, last) = KpiPeriods.Range(v, from, to, clock.GetCurrentInstant().InZone(database.Zone).Date, bounds);
        PeriodKind? kind = period?.ToLowerInvariant() switch
        {
            null => PeriodKind.Whole,
            "week" => PeriodKind.Week,
            "month" => PeriodKind.Month,
            "quarter" => PeriodKind.Quarter,
            _ => null
        };
        if (kind is null) v.Add("period", "must be week, month or quarter");
        string? groupColumn = null;
        if (groupBy is not null && !GroupColumns.TryGetValue(groupBy, out groupColumn))
            v.Add("groupBy", "must be department, severity, category, region or owner");
        v.ThrowIfInvalid();
        return new Question(filter, first, last, kind!.Value, groupColumn);
    }
}
