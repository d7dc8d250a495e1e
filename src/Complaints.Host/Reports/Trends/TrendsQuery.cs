using Complaints.Host.Reports.Kpis;
using Complaints.Host.Reports.PauseAbuse;
using Complaints.Projections.Analytics;
using Npgsql;
using NodaTime;

namespace Complaints.Host.Reports.Trends;

/// <summary>Mean follow-up scores per dimension of the reached follow-ups in a period (1–5, two places).</summary>
public sealed record DimensionScores(long Count, double? Timeliness, double? Attitude, double? Result);

/// <summary>The difference to the previous period of the same key: counts, and the rates' values.</summary>
public sealed record TrendChange(long Received, long Closed, double? OnTimeRate, double? RepeatRate);

/// <summary>
/// <see cref="RepeatRate"/>: complaints received in the period that repeat an earlier one (docs/adr/0038);
/// <see cref="PauseAbuse"/>: complaints closed in the period whose clocks stood paused awaiting the customer for more
/// than the configured share of their time (docs/adr/0041), of the complaints closed in it.
/// </summary>
public sealed record TrendPeriod(string Period, LocalDate From, LocalDate To, long Received, long Closed, Rate OnTimeRate,
    Rate RepeatRate, Rate PauseAbuse, DimensionScores Satisfaction, TrendChange Change);

public sealed record TrendSeries(string Key, IReadOnlyList<TrendPeriod> Periods);

public sealed record TopCause(string RootCause, long Count, double Share);

/// <summary>
/// Trends per key and period with SQL over the analytics tables only, so the query in docs/analytics.md gives the
/// same figures. Each figure belongs to the period its defining moment fell in, as for the KPIs; the period before
/// the first is computed too, so the first period has a change.
/// </summary>
public sealed class TrendsQuery(AnalyticsDatabase database, string keyExpression, PauseAbuseOptions pauseAbuse)
{
    public const int TopCauses = 5;

    private readonly Dictionary<(long Period, string Key), Figures> figures = [];

    public async Task<(IReadOnlyList<TrendSeries> Series, IReadOnlyList<TopCause> Top)> RunAsync(
        KpiPeriod previous, IReadOnlyList<KpiPeriod> periods, CancellationToken ct)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        IReadOnlyList<KpiPeriod> all = [previous, .. periods];
        await ReadAsync(connection, all, $"""
            select {KpiQuery.Period("l.received_at")}, l.k, count(*), count(*) filter (where l.repeat_of is not null)
            from l where {KpiQuery.Within("l.received_at")} group by 1, 2
            """, (f, r) => (f.Received, f.Repeats) = (r.GetInt64(2), r.GetInt64(3)), ct);
        await ReadAsync(connection, all, $"""
            select {KpiQuery.Period("x.closed_at")}, l.k, count(*)
            from {AnalyticsSchema.Closures.QualifiedName} x join l on l.complaint_id = x.complaint_id
            where {KpiQuery.Within("x.closed_at")}
            group by 1, 2
            """, (f, r) => f.Closed = r.GetInt64(2), ct);
        await ReadAsync(connection, all, $"""
            select {KpiQuery.Period("d.due_at")}, l.k, count(*) filter (where d.on_time), count(*) filter (where d.on_time is not null)
            from {AnalyticsSchema.Deadlines.QualifiedName} d join l on l.complaint_id = d.complaint_id
            where {KpiQuery.Within("d.due_at")} and not d.follow_up
            group by 1, 2
            """, (f, r) => f.OnTime = Rate.Share(r.GetInt64(2), r.GetInt64(3)), ct);
        await ReadAsync(connection, all, $"""
            select {KpiQuery.Period("x.recorded_at")}, l.k, count(*), round(avg(x.timeliness), 2)::float8, round(avg(x.attitude), 2)::float8,
                   round(avg(x.result), 2)::float8
            from {AnalyticsSchema.FollowUps.QualifiedName} x join l on l.complaint_id = x.complaint_id
            where {KpiQuery.Within("x.recorded_at")} and x.outcome = 'reached'
            group by 1, 2
            """, (f, r) => f.Scores = new DimensionScores(r.GetInt64(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5)), ct);
        // A complaint is judged at its close (the ledger's: not reopened since), when its paused clocks have all ended.
        await ReadAsync(connection, all, $"""
            select {KpiQuery.Period("l.closed_at")}, l.k, count(*) filter (where {PauseAbuseOptions.Flagged("l")}), count(*)
            from l where {KpiQuery.Within("l.closed_at")} group by 1, 2
            """, (f, r) => f.PauseAbuse = Rate.Share(r.GetInt64(2), r.GetInt64(3)), ct);
        return (Series(periods), await TopAsync(connection, periods, ct));
    }

    private IReadOnlyList<TrendSeries> Series(IReadOnlyList<KpiPeriod> periods)
    {
        var keys = figures.Keys.Where(k => k.Period > 1).Select(k => k.Key).Distinct().Order(StringComparer.Ordinal);
        return [.. keys.Select(key => new TrendSeries(key, [.. periods.Select((period, i) =>
        {
            var now = Of(i + 2, key);
            var before = Of(i + 1, key);
            return new TrendPeriod(period.Label, period.First, period.Last, now.Received, now.Closed, now.OnTime,
                now.RepeatRate, now.PauseAbuse, now.Scores, new TrendChange(now.Received - before.Received, now.Closed - before.Closed,
                    Difference(now.OnTime, before.OnTime), Difference(now.RepeatRate, before.RepeatRate)));
        })]))];
    }

    private static double? Difference(Rate now, Rate before) =>
        now.Value - before.Value is { } change ? Math.Round(change, 4) : null;

    private Figures Of(long period, string key) => figures.GetValueOrDefault((period, key)) ?? new Figures();

    /// <summary>The most frequent root causes of the complaints received in the whole range.</summary>
    private async Task<IReadOnlyList<TopCause>> TopAsync(NpgsqlConnection connection, IReadOnlyList<KpiPeriod> periods,
        CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            select coalesce(root_cause, 'unclassified'), count(*), sum(count(*)) over ()
            from {AnalyticsSchema.Ledger.QualifiedName} where received_at >= @from and received_at < @to
            group by 1 order by 2 desc, 1 limit {TopCauses}
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("from", periods[0].Start(database.Zone).ToDateTimeOffset()));
        command.Parameters.Add(new NpgsqlParameter("to", periods[^1].End(database.Zone).ToDateTimeOffset()));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var top = new List<TopCause>();
        while (await reader.ReadAsync(ct))
            top.Add(new TopCause(reader.GetString(0), reader.GetInt64(1), Math.Round((double)reader.GetInt64(1) / (double)reader.GetDecimal(2), 4)));
        return top;
    }

    private async Task ReadAsync(NpgsqlConnection connection, IReadOnlyList<KpiPeriod> periods, string sql,
        Action<Figures, NpgsqlDataReader> read, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            with l as (select l.*, {keyExpression} as k from {AnalyticsSchema.Ledger.QualifiedName} l)
            {sql}
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("period_starts", periods.Select(p => p.Start(database.Zone).ToDateTimeOffset()).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("range_start", periods[0].Start(database.Zone).ToDateTimeOffset()));
        command.Parameters.Add(new NpgsqlParameter("range_end", periods[^1].End(database.Zone).ToDateTimeOffset()));
        command.Parameters.AddRange(pauseAbuse.Parameters());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var key = (reader.GetInt64(0), reader.GetString(1));
            if (!figures.TryGetValue(key, out var f)) figures[key] = f = new Figures();
            read(f, reader);
        }
    }

    private sealed class Figures
    {
        public long Received, Repeats, Closed;
        public Rate OnTime = Rate.Share(0, 0);
        public Rate PauseAbuse = Rate.Share(0, 0);
        public Rate RepeatRate => Rate.Share(Repeats, Received);
        public DimensionScores Scores = new(0, null, null, null);
    }
}
