using Complaints.Host.Infrastructure;
using Complaints.Host.Reports.Failures;
using Complaints.Host.Reports.Rebuilding;
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
    public DateTimeZone Zone { get; } = zone;

    public NpgsqlDataSource DataSource { get; } = dataSource;

    /// <summary>A <c>timestamptz</c> column as an instant, or null.</summary>
    public static Instant? InstantAt(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Instant.FromDateTimeOffset(reader.GetFieldValue<DateTimeOffset>(ordinal));
}

public static class ReportsConfiguration
{
    public static WebApplicationBuilder AddComplaintReports(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Reporting").Get<ReportingOptions>() ?? new ReportingOptions();
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZone)
                   ?? throw new InvalidOperationException(
                       $"Reporting:TimeZone '{options.TimeZone}' is not a known IANA time zone");
        builder.Services.AddSingleton(services => new AnalyticsDatabase(
            NpgsqlDataSource.Create(services.GetRequiredService<DatabaseLocation>().ConnectionString), zone));
        builder.Services.AddSingleton<ReportFailures>();
        builder.Services.AddSingleton<ReportsRebuild>();
        builder.AddSettings<Scheduled.ScheduledReportOptions>("ScheduledReports", scheduled => scheduled.Problems());
        builder.Services.AddSingleton<Scheduled.ScheduledReports>();
        builder.Services.AddHostedService<Scheduled.ScheduledReportRunner>();
        return builder;
    }
}
