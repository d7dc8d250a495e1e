using Complaints.Projections.Analytics;
using Npgsql;
using NodaTime;

namespace Complaints.Host.Reports.Kpis;

/// <summary>A share: <see cref="Count"/> of <see cref="Of"/>, and the ratio rounded to four places (null when there is nothing to count).</summary>
public sealed record Rate(long Count, long Of, double? Value)
{
    public static Rate Share(long count, long of) => new(count, of, of == 0 ? null : Math.Round((double)count / of, 4));
}

/// <summary>Working minutes: how many, mean, median and 90th percentile (linear interpolation, as PostgreSQL's percentile_cont).</summary>
public sealed record WorkingMinutes(long Count, double? Mean, double? Median, double? P90);

public sealed record SatisfactionScores(long Count, double? Mean, IReadOnlyDictionary<string, long> Distribution);

public sealed record KpiRow(
    string Period, LocalDate From, LocalDate To, string? Group,
    long Received, long Closed, long OpenAtEnd,
    Rate TimelinessRate, IReadOnlyDictionary<string, Rate> OnTimeByRule,
    WorkingMinutes FirstResponse, WorkingMinutes TimeToClose,
    Rate PlanRejectionRate, Rate ReopenRate, SatisfactionScores Satisfaction, long Escalations);

/// <summary>
/// KPIs computed with SQL over the analytics tables, so an analyst's query over the same tables gives the same
/// figures. Each figure belongs to the period in which its defining moment fell (docs/analytics.md).
/// </summary>
public sealed class KpiQuery(AnalyticsDatabase database, ReportFilter filter, string? groupColumn)
{
    private readonly Dictionary<(long Period, string Group), Figures> figures = [];

    public async Task<IReadOnlyList<KpiRow>> RunAsync(IReadOnlyList<KpiPeriod> periods, CancellationToken ct)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);

        await ReadAsync(connection, periods, "select p.no, l.grp, count(*) from p join l on l.received_at >= p.period_start and l.received_at < p.period_end group by 1, 2",
            (f, r) => f.Received = r.GetInt64(2), ct);
        await ReadAsync(connection, periods, $"""
            select p.no, l.grp, count(*), count(*) filter (where x.reopened_at is not null or x.recurred),
                   avg(x.working_minutes)::float8, percentile_cont(0.5) within group (order by x.working_minutes),
                   percentile_cont(0.9) within group (order by x.working_minutes)
            from p join {AnalyticsSchema.Closures.QualifiedName} x on x.closed_at >= p.period_start and x.closed_at < p.period_end
                   join l on l.complaint_id = x.complaint_id
            group by 1, 2
            """, (f, r) =>
        {
            f.Closed = r.GetInt64(2);
            f.Reopened = r.GetInt64(3);
            f.TimeToClose = new WorkingMinutes(r.GetInt64(2), Round(r.GetDouble(4)), Round(r.GetDouble(5)), Round(r.GetDouble(6)));
        }, ct);
        await ReadAsync(connection, periods, $"""
            select p.no, l.grp, count(*)
            from p join l on l.received_at < p.period_end
            where not exists (select 1 from {AnalyticsSchema.Closures.QualifiedName} x where x.complaint_id = l.complaint_id
                              and x.closed_at < p.period_end and (x.reopened_at is null or x.reopened_at >= p.period_end))
            group by 1, 2
            """, (f, r) => f.OpenAtEnd = r.GetInt64(2), ct);
        await ReadAsync(connection, periods, $"""
            select p.no, l.grp, d.rule, count(*) filter (where d.on_time), count(*) filter (where d.on_time is not null)
            from p join {AnalyticsSchema.Deadlines.QualifiedName} d on d.due_at >= p.period_start and d.due_at < p.period_end
                                                                   and not d.follow_up
                   join l on l.complaint_id = d.complaint_id
            group by 1, 2, 3
            """, (f, r) => f.OnTime[r.GetString(2)] = (r.GetInt64(3), r.GetInt64(4)), ct);
        await ReadAsync(connection, periods, """
            select p.no, l.grp, count(*), avg(l.first_response_working_minutes)::float8,
                   percentile_cont(0.5) within group (order by l.first_response_working_minutes),
                   percentile_cont(0.9) within group (order by l.first_response_working_minutes)
            from p join l on l.first_response_at >= p.period_start and l.first_response_at < p.period_end
            group by 1, 2
            """, (f, r) => f.FirstResponse =
                new WorkingMinutes(r.GetInt64(2), Round(r.GetDouble(3)), Round(r.GetDouble(4)), Round(r.GetDouble(5))), ct);
        await ReadAsync(connection, periods, $"""
            select p.no, l.grp, count(*) filter (where not x.accepted), count(*)
            from p join {AnalyticsSchema.PlanResponses.QualifiedName} x on x.responded_at >= p.period_start and x.responded_at < p.period_end
                   join l on l.complaint_id = x.complaint_id
            group by 1, 2
            """, (f, r) => f.PlanRejection = Rate.Share(r.GetInt64(2), r.GetInt64(3)), ct);
        await ReadAsync(connection, periods, $"""
            select p.no, l.grp, x.score, count(*)
            from p join {AnalyticsSchema.Satisfaction.QualifiedName} x on x.recorded_at >= p.period_start and x.recorded_at < p.period_end
                   join l on l.complaint_id = x.complaint_id
            group by 1, 2, 3
            """, (f, r) => f.Scores[r.GetInt32(2)] = r.GetInt64(3), ct);
        await ReadAsync(connection, periods, $"""
            select p.no, l.grp, count(*)
            from p join {AnalyticsSchema.Escalations.QualifiedName} x on x.escalated_at >= p.period_start and x.escalated_at < p.period_end
                   join l on l.complaint_id = x.complaint_id
            group by 1, 2
            """, (f, r) => f.Escalations = r.GetInt64(2), ct);

        return Rows(periods);
    }

    private IReadOnlyList<KpiRow> Rows(IReadOnlyList<KpiPeriod> periods)
    {
        // Every period appears; with a grouping, every group seen anywhere appears in every period.
        var groups = groupColumn is null ? [""] : figures.Keys.Select(k => k.Group).Distinct().Order(StringComparer.Ordinal).ToList();
        return
        [
            .. periods.SelectMany((period, i) => groups.Select(group =>
            {
                var f = figures.GetValueOrDefault((i + 1, group)) ?? new Figures();
                var onTime = f.OnTime.OrderBy(x => x.Key, StringComparer.Ordinal)
                    .ToDictionary(x => x.Key, x => Rate.Share(x.Value.OnTime, x.Value.Resolved));
                var scored = f.Scores.Values.Sum();
                return new KpiRow(period.Label, period.First, period.Last, groupColumn is null ? null : group,
                    f.Received, f.Closed, f.OpenAtEnd,
                    Rate.Share(f.OnTime.Values.Sum(x => x.OnTime), f.OnTime.Values.Sum(x => x.Resolved)), onTime,
                    f.FirstResponse, f.TimeToClose, f.PlanRejection, Rate.Share(f.Reopened, f.Closed),
                    new SatisfactionScores(scored,
                        scored == 0 ? null : Round((double)f.Scores.Sum(x => x.Key * x.Value) / scored),
                        Enumerable.Range(1, 5).ToDictionary(s => s.ToString(), s => f.Scores.GetValueOrDefault(s))),
                    f.Escalations);
            }))
        ];
    }

    private async Task ReadAsync(NpgsqlConnection connection, IReadOnlyList<KpiPeriod> periods, string sql,
        Action<Figures, NpgsqlDataReader> read, CancellationToken ct)
    {
        var group = groupColumn is null ? "''" : $"l.{groupColumn}";
        await using var command = new NpgsqlCommand($"""
            with p as (select * from unnest(@period_starts, @period_ends) with ordinality as p(period_start, period_end, no)),
                 l as (select l.*, {group} as grp from {AnalyticsSchema.Ledger.QualifiedName} l where {filter.Where})
            {sql}
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("period_starts", periods.Select(p => p.Start(database.Zone).ToDateTimeOffset()).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("period_ends", periods.Select(p => p.End(database.Zone).ToDateTimeOffset()).ToArray()));
        foreach (var parameter in filter.Parameters) command.Parameters.Add(parameter.Clone());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var key = (reader.GetInt64(0), reader.GetString(1));
            if (!figures.TryGetValue(key, out var f)) figures[key] = f = new Figures();
            read(f, reader);
        }
    }

    private static double? Round(double value) => Math.Round(value, 2);

    private sealed class Figures
    {
        public long Received, Closed, Reopened, OpenAtEnd, Escalations;
        public readonly Dictionary<string, (long OnTime, long Resolved)> OnTime = [];
        public readonly Dictionary<int, long> Scores = [];
        public WorkingMinutes FirstResponse = new(0, null, null, null);
        public WorkingMinutes TimeToClose = new(0, null, null, null);
        public Rate PlanRejection = Rate.Share(0, 0);
    }
}
