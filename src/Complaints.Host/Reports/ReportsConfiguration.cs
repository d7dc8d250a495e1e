using System.Collections.Concurrent;
using Complaints.Host.Infrastructure;
using Complaints.Host.Reports.Failures;
using Complaints.Host.Reports.Rebuilding;
using Complaints.Projections.Analytics;
using Npgsql;
using NodaTime;

namespace Complaints.Host.Reports;

public sealed class ReportingOptions
{
    /// <summary>The zone whose calendar days, weeks, months and quarters the reports count in.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
}

/// <summary>The analytics tables, read with plain SQL exactly as an analyst would (docs/analytics.md).</summary>
public sealed class AnalyticsDatabase(NpgsqlDataSource dataSource, DateTimeZone zone)
{
    /// <summary>Enough for every period and filter the console's users ask in a while; more starts afresh.</summary>
    public const int MaxCached = 500;

    /// <summary>The answers computed under one revision of the tables.</summary>
    private sealed record Cached(Guid Revision, ConcurrentDictionary<string, object> Answers);

    private Cached cached = new(Guid.Empty, new());

    public DateTimeZone Zone { get; } = zone;

    public NpgsqlDataSource DataSource { get; } = dataSource;

    /// <summary>
    /// The answer <paramref name="compute"/> gave for <paramref name="key"/> while the analytics tables are unchanged
    /// (<see cref="AnalyticsSchema.Revision"/>, ADR 0036), else a new one. The revision is read before computing, so
    /// an answer is never kept under a revision older than the rows it read; a write committed meanwhile only makes
    /// the next request compute again. The key must name everything the answer depends on.
    /// </summary>
    public async Task<T> CachedAsync<T>(string key, Func<Task<T>> compute, CancellationToken ct) where T : class
    {
        if (await RevisionAsync(ct) is not { } current) return await compute(); // nothing projected yet
        var answers = cached;
        if (answers.Revision != current) cached = answers = new Cached(current, new());
        if (answers.Answers.TryGetValue(key, out var hit)) return (T)hit;
        var answer = await compute();
        if (answers.Answers.Count >= MaxCached) answers.Answers.Clear();
        answers.Answers[key] = answer;
        return answer;
    }

    /// <summary>
    /// The tables' present revision (<see cref="AnalyticsSchema.Revision"/>), null before anything was projected: what is
    /// read after it reflects at least that revision, so it may key anything computed from those reads.
    /// </summary>
    public async Task<Guid?> RevisionAsync(CancellationToken ct)
    {
        await using var command = DataSource.CreateCommand($"select token from {AnalyticsSchema.Revision.QualifiedName} where id = 1");
        return await command.ExecuteScalarAsync(ct) as Guid?;
    }

    /// <summary>A <c>timestamptz</c> column as an instant, or null.</summary>
    public static Instant? InstantAt(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Instant.FromDateTimeOffset(reader.GetFieldValue<DateTimeOffset>(ordinal));
}

public static class ReportsConfiguration
{
    /// <summary>
    /// The reports ask the same few statements again and again with other dates: prepared on their connections
    /// after a second use, they are no longer planned at every view (about a tenth of a first view's time).
    /// </summary>
    private static NpgsqlDataSource ReportsDataSource(string connectionString) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 });

    public static WebApplicationBuilder AddComplaintReports(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Reporting").Get<ReportingOptions>() ?? new ReportingOptions();
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZone)
                   ?? throw new InvalidOperationException(
                       $"Reporting:TimeZone '{options.TimeZone}' is not a known IANA time zone");
        builder.Services.AddSingleton(services => new AnalyticsDatabase(ReportsDataSource(
            services.GetRequiredService<DatabaseLocation>().ConnectionString), zone));
        builder.Services.AddSingleton<ReportFailures>();
        builder.Services.AddSingleton<ReportsRebuild>();
        builder.AddSettings<PauseAbuse.PauseAbuseOptions>(PauseAbuse.PauseAbuseOptions.Section, abuse => abuse.Problems());
        builder.AddSettings<Scheduled.ScheduledReportOptions>("ScheduledReports", scheduled => scheduled.Problems());
        builder.Services.AddSingleton<Scheduled.ScheduledReports>();
        builder.Services.AddHostedService<Scheduled.ScheduledReportRunner>();
        return builder;
    }
}
