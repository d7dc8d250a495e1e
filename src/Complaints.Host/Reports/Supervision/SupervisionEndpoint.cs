using System.Globalization;
using Complaints.Domain;
using Complaints.Host.Reports.Kpis;
using Complaints.Host.Security;
using Complaints.Projections.Analytics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;
using Npgsql;
using Wolverine.Http;

namespace Complaints.Host.Reports.Supervision;

/// <summary>A complaint the GM should look at: what it missed or who was called in during the month.</summary>
public sealed record SupervisedComplaint(
    Guid Id, string Number, string Severity, string Category, string Department, string Region, string Status,
    Instant ReceivedAt, bool OverdueNow, IReadOnlyList<string> MissedDeadlines, int Escalations, int HighestEscalationLevel);

/// <summary>The monthly service supervision report (服务监督报告, procedure §5).</summary>
public sealed record SupervisionReport(
    string Month, string TimeZone, KpiRow Kpis, IReadOnlyList<KpiRow> ByDepartment,
    IReadOnlyList<SupervisedComplaint> Overdue, IReadOnlyList<SupervisedComplaint> Escalated);

public static class SupervisionEndpoint
{
    /// <summary>
    /// The month's KPIs, overall and per department, with the complaints that missed a deadline falling due in
    /// the month (overdue) and those escalated in the month.
    /// </summary>
    [Authorize(Policy = Policies.ReadReports)]
    [WolverineGet("/api/reports/supervision/{month}")]
    public static async Task<SupervisionReport> Get(string month, [FromServices] AnalyticsDatabase database,
        [FromServices] InputBounds bounds, CancellationToken ct)
    {
        var parsed = LocalDatePattern.CreateWithInvariantCulture("yyyy-MM").Parse(month);
        if (!parsed.Success || !bounds.Contains(parsed.Value) || !bounds.Contains(parsed.Value.PlusMonths(1).PlusDays(-1)))
            throw new InvalidCommandException(new Dictionary<string, string[]> { ["month"] = [$"must be a month like 2026-10, {bounds.Window}"] });
        return await BuildAsync(parsed.Value, database, ct);
    }

    /// <summary>
    /// The report of the month starting on <paramref name="first"/>, computed again only once the analytics tables
    /// changed (ADR 0036); the scheduled delivery stores the same.
    /// </summary>
    public static Task<SupervisionReport> BuildAsync(LocalDate first, AnalyticsDatabase database, CancellationToken ct) =>
        database.CachedAsync(FormattableString.Invariant($"supervision|{first:uuuu-MM-dd}"), () => ComputeAsync(first, database, ct), ct);

    private static async Task<SupervisionReport> ComputeAsync(LocalDate first, AnalyticsDatabase database, CancellationToken ct)
    {
        var period = KpiPeriods.Split(first, first.PlusMonths(1).PlusDays(-1), PeriodKind.Month);
        var none = ReportFilter.Parse(new Validator(), null, null, null, null);
        var (start, end) = (period[0].Start(database.Zone).ToDateTimeOffset(), period[0].End(database.Zone).ToDateTimeOffset());
        // The KPIs and the lists on connections of their own at once: the report waits for the slowest, not the sum.
        var kpis = new KpiQuery(database, none, "department").OverviewAsync(period[0], period, ct);
        var listed = ComplaintsAsync(database, start, end, ct);
        await Task.WhenAll(kpis, listed);
        var complaints = await listed;
        return new SupervisionReport(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), database.Zone.Id,
            (await kpis).Whole, (await kpis).Groups, [.. complaints.Where(c => c.MissedDeadlines.Count > 0)],
            [.. complaints.Where(c => c.Escalations > 0)]);
    }

    /// <summary>
    /// The complaints that missed a deadline or were escalated in the month, for both lists at once: each of the two
    /// sets is aggregated once over the month's rows and joined to the ledger, not looked up again for every complaint
    /// listed (a month lists thousands, and the lookups took most of the report's time). The missed rules come in the
    /// order they fell due from a sorted subquery, not from an ordered aggregate, which sorts each complaint's one or
    /// two rows on their own and took half the statement's time.
    /// </summary>
    private static async Task<List<SupervisedComplaint>> ComplaintsAsync(AnalyticsDatabase database,
        DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand($"""
            with missed as (select d.complaint_id, array_agg(d.rule) as rules
                            from (select d.complaint_id, d.rule from {AnalyticsSchema.Deadlines.QualifiedName} d
                                  where d.missed and d.due_at >= @start and d.due_at < @end
                                  order by d.complaint_id, d.due_at, d.rule) d
                            group by d.complaint_id),
                 escalated as (select x.complaint_id, count(*) as times, max(x.level) as highest
                               from {AnalyticsSchema.Escalations.QualifiedName} x
                               where x.escalated_at >= @start and x.escalated_at < @end group by x.complaint_id)
            select l.complaint_id, l.number, l.severity, l.category, l.department, l.region, l.status, l.received_at, l.overdue,
                   coalesce(missed.rules, array[]::text[]), coalesce(escalated.times, 0), coalesce(escalated.highest, 0)
            from {AnalyticsSchema.Ledger.QualifiedName} l
                 left join missed on missed.complaint_id = l.complaint_id
                 left join escalated on escalated.complaint_id = l.complaint_id
            where missed.complaint_id is not null or escalated.complaint_id is not null
            order by l.received_at, l.number
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("start", start));
        command.Parameters.Add(new NpgsqlParameter("end", end));
        var complaints = new List<SupervisedComplaint>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            complaints.Add(new SupervisedComplaint(reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
                AnalyticsDatabase.InstantAt(reader, 7)!.Value, reader.GetBoolean(8),
                reader.GetFieldValue<string[]>(9), (int)reader.GetInt64(10), reader.GetInt32(11)));
        return complaints;
    }
}
