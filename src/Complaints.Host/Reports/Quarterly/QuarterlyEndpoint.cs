using Complaints.Domain;
using Complaints.Host.Reports.Kpis;
using Complaints.Host.Reports.Trends;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Reports.Quarterly;

/// <summary>The quarterly evaluation (000 ch.6): the quarter's KPIs overall, per month and per department, and its top causes.</summary>
public sealed record QuarterlyEvaluation(
    string Quarter, string TimeZone, KpiRow Kpis, IReadOnlyList<KpiRow> ByMonth, IReadOnlyList<KpiRow> ByDepartment,
    IReadOnlyList<TopCause> TopCauses);

public static class QuarterlyEndpoint
{
    [Authorize(Policy = Policies.ReadReports)]
    [WolverineGet("/api/reports/quarterly/{quarter}")]
    public static async Task<QuarterlyEvaluation> Get(string quarter, [FromServices] AnalyticsDatabase database,
        [FromServices] InputBounds bounds, CancellationToken ct)
    {
        var parts = quarter.Split("-Q");
        if (parts.Length != 2 || parts[0].Length != 4 || !int.TryParse(parts[0], out var year) || parts[1].Length != 1
            || !int.TryParse(parts[1], out var number) || number is < 1 or > 4
            || !bounds.Contains(new LocalDate(year, 1, 1)) || !bounds.Contains(new LocalDate(year, 12, 31)))
            throw new InvalidCommandException(new Dictionary<string, string[]>
            {
                ["quarter"] = [$"must be a quarter like 2026-Q4, {bounds.Window}"]
            });
        return await BuildAsync(new LocalDate(year, 3 * number - 2, 1), database, ct);
    }

    /// <summary>The evaluation of the quarter starting on <paramref name="first"/>; the scheduled delivery stores the same.</summary>
    public static async Task<QuarterlyEvaluation> BuildAsync(LocalDate first, AnalyticsDatabase database, CancellationToken ct)
    {
        var last = first.PlusMonths(3).PlusDays(-1);
        var whole = KpiPeriods.Split(first, last, PeriodKind.Quarter);
        var none = ReportFilter.Parse(new Validator(), null, null, null, null);
        var kpis = await new KpiQuery(database, none, "department").OverviewAsync(whole[0], KpiPeriods.Split(first, last, PeriodKind.Month), ct);
        // Only the top causes are taken, so the series' pause-abuse threshold does not matter.
        var (_, top) = await new TrendsQuery(database, "''", new()).RunAsync(KpiPeriods.Before(first, PeriodKind.Quarter), whole, ct);
        return new QuarterlyEvaluation(whole[0].Label, database.Zone.Id, kpis.Whole, kpis.Periods, kpis.Groups, top);
    }
}
