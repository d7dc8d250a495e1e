using System.Globalization;
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
    Rate PlanRejectionRate, Rate ReopenRate, SatisfactionScores Satisfaction, long Escalations,
    long SettledAtFirstContact, Rate RepeatRate);

/// <summary>
/// The figures of a range three ways at once: as a whole, per period, and per group over the whole range (the
/// dashboard's and the periodic reports' questions), each row as <c>/api/kpis</c> answers it for the same question.
/// </summary>
public sealed record KpiOverview(KpiRow Whole, IReadOnlyList<KpiRow> Periods, IReadOnlyList<KpiRow> Groups);

/// <summary>
/// KPIs computed with SQL over the analytics tables, so an analyst's query over the same tables gives the same
/// figures. Each figure belongs to the period in which its defining moment fell (docs/analytics.md).
/// </summary>
/// <param name="repaired">Count deadlines as the last repair recounted them (docs/rules-over-time.md) instead of as recorded.</param>
public sealed class KpiQuery(AnalyticsDatabase database, ReportFilter filter, string? groupColumn, bool repaired = false)
{
    /// <summary>Per period number and group; in an overview period 0 is the whole range and a null group every group.</summary>
    private readonly Dictionary<(long Period, string? Group), Figures> figures = [];

    private bool overview;

    /// <summary>
    /// The rows of <paramref name="periods"/>, computed again only once the analytics tables changed: a month's
    /// figures take some twenty aggregates over its rows, too slow for every page view (ADR 0036).
    /// </summary>
    public Task<IReadOnlyList<KpiRow>> RunAsync(IReadOnlyList<KpiPeriod> periods, CancellationToken ct)
    {
        var days = periods.Select(p => FormattableString.Invariant($"{p.Label}={p.First:uuuu-MM-dd}..{p.Last:uuuu-MM-dd}"));
        return database.CachedAsync($"kpis|{groupColumn}|{filter.Key}|{repaired}|{string.Join(",", days)}", async () =>
        {
            await ComputeAsync(periods, ct);
            return Rows(periods);
        }, ct);
    }

    /// <summary>
    /// The figures of <paramref name="whole"/>, of each of <paramref name="periods"/> (which split it without a gap),
    /// and of each group over <paramref name="whole"/>: one pass over the rows with grouping sets instead of three
    /// questions that each read them all (ADR 0036).
    /// </summary>
    public Task<KpiOverview> OverviewAsync(KpiPeriod whole, IReadOnlyList<KpiPeriod> periods, CancellationToken ct)
    {
        var days = periods.Select(p => FormattableString.Invariant($"{p.Label}={p.First:uuuu-MM-dd}..{p.Last:uuuu-MM-dd}"));
        return database.CachedAsync($"kpi-overview|{groupColumn}|{filter.Key}|{whole.Label}|{string.Join(",", days)}", async () =>
        {
            overview = true;
            await ComputeAsync(periods, ct);
            // Open at the end of the range is open at the end of its last period.
            foreach (var ((_, group), f) in figures.Where(x => x.Key.Period == periods.Count).ToList())
                Get((0, group)).OpenAtEnd = f.OpenAtEnd;
            var groups = figures.Keys.Where(k => k.Period == 0 && k.Group is not null).Select(k => k.Group!).Distinct()
                .Order(StringComparer.Ordinal);
            return new KpiOverview(Row(whole, 0, null, null), [.. periods.Select((p, i) => Row(p, i + 1, null, null))],
                [.. groups.Select(g => Row(whole, 0, g, g))]);
        }, ct);
    }

    /// <summary>
    /// The deadlines, the largest table, are counted on a connection of their own while the other figures are read:
    /// after a change the answer waits for the slower of the two, not for the sum (issue 18's first view).
    /// </summary>
    private async Task ComputeAsync(IReadOnlyList<KpiPeriod> periods, CancellationToken ct)
    {
        var deadlines = ComputeDeadlinesAsync(periods, ct);
        var others = ComputeOthersAsync(periods, ct);
        await Task.WhenAll(deadlines, others);
    }

    private async Task ComputeDeadlinesAsync(IReadOnlyList<KpiPeriod> periods, CancellationToken ct)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        // Counted per period, group and rule first, so the grouping sets go over those few counts, not the month's rows.
        await ReadAsync(connection, periods, $"""
            select period, grp, rule, sum(on_time)::bigint, sum(resolved)::bigint
            from (select {Period(DueAt)} as period, {CountedUnder("d")} as grp, d.rule,
                         count(*) filter (where {OnTime}) as on_time, count(*) filter (where {OnTime} is not null) as resolved
                  from {AnalyticsSchema.Deadlines.QualifiedName} d join l on l.complaint_id = d.complaint_id
                  where {Within(DueAt)} and not d.follow_up
                  group by 1, 2, 3) d
            group by {GroupBy(", 3")}
            """, (f, r) => f.OnTime[r.GetString(2)] = (r.GetInt64(3), r.GetInt64(4)), ct);
    }

    private async Task ComputeOthersAsync(IReadOnlyList<KpiPeriod> periods, CancellationToken ct)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);

        await ReadAsync(connection, periods, $"""
            select {Period("l.received_at")}, l.grp, count(*), count(*) filter (where l.repeat_of is not null)
            from l where {Within("l.received_at")} group by {GroupBy()}
            """, (f, r) => (f.Received, f.Repeats) = (r.GetInt64(2), r.GetInt64(3)), ct);
        await ReadAsync(connection, periods, $"""
            select {Period("x.closed_at")}, {CountedUnder("x")}, count(*), count(*) filter (where x.reopened_at is not null or x.recurred),
                   avg(x.working_minutes)::float8, percentile_cont(0.5) within group (order by x.working_minutes),
                   percentile_cont(0.9) within group (order by x.working_minutes),
                   count(*) filter (where x.settled_at_first_contact)
            from {AnalyticsSchema.Closures.QualifiedName} x join l on l.complaint_id = x.complaint_id
            where {Within("x.closed_at")}
            group by {GroupBy()}
            """, (f, r) =>
        {
            f.Closed = r.GetInt64(2);
            f.Reopened = r.GetInt64(3);
            f.TimeToClose = new WorkingMinutes(r.GetInt64(2), Round(r.GetDouble(4)), Round(r.GetDouble(5)), Round(r.GetDouble(6)));
            f.SettledAtFirstContact = r.GetInt64(7);
        }, ct);
        await ReadAsync(connection, periods, $"""
            select p.no, l.grp, count(*)
            from p join l on l.received_at < p.period_end
            where not exists (select 1 from {AnalyticsSchema.Closures.QualifiedName} x where x.complaint_id = l.complaint_id
                              and x.closed_at < p.period_end and (x.reopened_at is null or x.reopened_at >= p.period_end))
            group by {(overview ? "grouping sets ((1), (1, 2))" : "1, 2")}
            """, (f, r) => f.OpenAtEnd = r.GetInt64(2), ct);
        await ReadAsync(connection, periods, $"""
            select {Period("l.first_response_at")}, l.grp, count(*), avg(l.first_response_working_minutes)::float8,
                   percentile_cont(0.5) within group (order by l.first_response_working_minutes),
                   percentile_cont(0.9) within group (order by l.first_response_working_minutes)
            from l where {Within("l.first_response_at")}
            group by {GroupBy()}
            """, (f, r) => f.FirstResponse =
                new WorkingMinutes(r.GetInt64(2), Round(r.GetDouble(3)), Round(r.GetDouble(4)), Round(r.GetDouble(5))), ct);
        await ReadAsync(connection, periods, $"""
            select {Period("x.responded_at")}, l.grp, count(*) filter (where not x.accepted), count(*)
            from {AnalyticsSchema.PlanResponses.QualifiedName} x join l on l.complaint_id = x.complaint_id
            where {Within("x.responded_at")}
            group by {GroupBy()}
            """, (f, r) => f.PlanRejection = Rate.Share(r.GetInt64(2), r.GetInt64(3)), ct);
        await ReadAsync(connection, periods, $"""
            select {Period("x.recorded_at")}, l.grp, x.score, count(*)
            from {AnalyticsSchema.Satisfaction.QualifiedName} x join l on l.complaint_id = x.complaint_id
            where {Within("x.recorded_at")}
            group by {GroupBy(", 3")}
            """, (f, r) => f.Scores[r.GetInt32(2)] = r.GetInt64(3), ct);
        await ReadAsync(connection, periods, $"""
            select {Period("x.escalated_at")}, l.grp, count(*)
            from {AnalyticsSchema.Escalations.QualifiedName} x join l on l.complaint_id = x.complaint_id
            where {Within("x.escalated_at")}
            group by {GroupBy()}
            """, (f, r) => f.Escalations = r.GetInt64(2), ct);
    }

    private IReadOnlyList<KpiRow> Rows(IReadOnlyList<KpiPeriod> periods)
    {
        // Every period appears; with a grouping, every group seen anywhere appears in every period.
        var groups = groupColumn is null ? [""] : figures.Keys.Select(k => k.Group).Distinct().Order(StringComparer.Ordinal).ToList();
        return [.. periods.SelectMany((period, i) => groups.Select(group => Row(period, i + 1, group, groupColumn is null ? null : group)))];
    }

    private KpiRow Row(KpiPeriod period, long number, string? group, string? shownAs)
    {
        var f = figures.GetValueOrDefault((number, group)) ?? new Figures();
        var onTime = f.OnTime.OrderBy(x => x.Key, StringComparer.Ordinal)
            .ToDictionary(x => x.Key, x => Rate.Share(x.Value.OnTime, x.Value.Resolved));
        var scored = f.Scores.Values.Sum();
        return new KpiRow(period.Label, period.First, period.Last, shownAs,
            f.Received, f.Closed, f.OpenAtEnd,
            Rate.Share(f.OnTime.Values.Sum(x => x.OnTime), f.OnTime.Values.Sum(x => x.Resolved)), onTime,
            f.FirstResponse, f.TimeToClose, f.PlanRejection, Rate.Share(f.Reopened, f.Closed),
            new SatisfactionScores(scored,
                scored == 0 ? null : Round((double)f.Scores.Sum(x => x.Key * x.Value) / scored),
                Enumerable.Range(1, 5).ToDictionary(s => s.ToString(CultureInfo.InvariantCulture), s => f.Scores.GetValueOrDefault(s))),
            f.Escalations, f.SettledAtFirstContact, Rate.Share(f.Repeats, f.Received));
    }

    private Figures Get((long Period, string? Group) key) =>
        figures.TryGetValue(key, out var f) ? f : figures[key] = new Figures();

    private async Task ReadAsync(NpgsqlConnection connection, IReadOnlyList<KpiPeriod> periods, string sql,
        Action<Figures, NpgsqlDataReader> read, CancellationToken ct)
    {
        var group = groupColumn switch { null => "''", "owner" => $"coalesce(l.owner, '{Nobody}')", _ => $"l.{groupColumn}" };
        await using var command = new NpgsqlCommand($"""
            with p as (select * from unnest(@period_starts, @period_ends) with ordinality as p(period_start, period_end, no)),
                 l as (select l.*, {group} as grp from {AnalyticsSchema.Ledger.QualifiedName} l where {filter.Where})
            {sql}
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("period_starts", periods.Select(p => p.Start(database.Zone).ToDateTimeOffset()).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("period_ends", periods.Select(p => p.End(database.Zone).ToDateTimeOffset()).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("range_start", periods[0].Start(database.Zone).ToDateTimeOffset()));
        command.Parameters.Add(new NpgsqlParameter("range_end", periods[^1].End(database.Zone).ToDateTimeOffset()));
        foreach (var parameter in filter.Parameters) command.Parameters.Add(parameter.Clone());
        await using var reader = await command.ExecuteReaderAsync(ct);
        // A key column the grouping set leaves out is null: the whole range, or every group.
        while (await reader.ReadAsync(ct))
            lock (figures) read(Get((reader.IsDBNull(0) ? 0 : reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1))), reader);
    }

    /// <summary>
    /// The grouping of a statement whose key is period, group and the columns <paramref name="more"/> names: by period
    /// and group; in an overview by period, over the whole range and by group over it. The whole range's set answers a
    /// row even when no row falls in it, and that one is left out as the other groupings leave out what is empty.
    /// </summary>
    private string GroupBy(string more = "") => overview
        ? $"grouping sets ((1{more}), ({more.TrimStart(',', ' ')}), (2{more})) having count(*) > 0"
        : $"1, 2{more}";

    /// <summary>
    /// The number of the period an instant falls in. The periods follow each other without a gap, so it is the bucket
    /// among their starts: one pass over the rows instead of a join of every row with every period. The statement
    /// names the starts <c>@period_starts</c>.
    /// </summary>
    public static string Period(string column) => $"width_bucket({column}, @period_starts)::bigint";

    private string DueAt => repaired ? "coalesce(d.repaired_due_at, d.due_at)" : "d.due_at";

    private string OnTime => repaired ? "(case when d.repaired_due_at is null then d.on_time else d.repaired_on_time end)" : "d.on_time";

    /// <summary>Whether an instant falls between <c>@range_start</c> (included) and <c>@range_end</c>.</summary>
    public static string Within(string column) => $"{column} >= @range_start and {column} < @range_end";

    /// <summary>The owner group of the complaints nobody owns (or owned at the figure's moment), as the trends name it.</summary>
    public const string Nobody = "(none)";

    /// <summary>
    /// The group a deadline or closure row counts under: the class, category, department or owner the complaint had at
    /// the figure's moment (recorded on the row since reclassification exists), else the ledger's present one. A row
    /// that recorded them has its class set; its owner may be empty, when nobody owned the complaint then.
    /// </summary>
    private string CountedUnder(string alias) => groupColumn switch
    {
        "severity" or "category" or "department" => $"coalesce({alias}.{groupColumn}, l.grp)",
        "owner" => $"case when {alias}.severity is null then l.grp else coalesce({alias}.owner, '{Nobody}') end",
        _ => "l.grp"
    };

    private static double? Round(double value) => Math.Round(value, 2);

    private sealed class Figures
    {
        public long Received, Repeats, Closed, Reopened, OpenAtEnd, Escalations, SettledAtFirstContact;
        public readonly Dictionary<string, (long OnTime, long Resolved)> OnTime = [];
        public readonly Dictionary<int, long> Scores = [];
        public WorkingMinutes FirstResponse = new(0, null, null, null);
        public WorkingMinutes TimeToClose = new(0, null, null, null);
        public Rate PlanRejection = Rate.Share(0, 0);
    }
}
