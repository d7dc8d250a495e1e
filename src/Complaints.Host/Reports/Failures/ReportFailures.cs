using Complaints.Projections.Analytics;
using Complaints.Projections.Reporting;
using NodaTime;

namespace Complaints.Host.Reports.Failures;

/// <summary>The complaints whose report cannot be built, as recorded by the projection and by rebuilds.</summary>
public sealed class ReportFailures(AnalyticsDatabase database)
{
    private const int Listed = 1000;

    /// <summary>The most recent failures first, at most a thousand.</summary>
    public Task<IReadOnlyList<ReportFailure>> ListAsync(CancellationToken ct) =>
        ReadAsync($"order by failed_at desc, complaint_id limit {Listed}", null, ct);

    /// <summary>The complaint's failure, or null when its report is built.</summary>
    public async Task<ReportFailure?> FindAsync(Guid complaint, CancellationToken ct) =>
        (await ReadAsync("where complaint_id = $1", complaint, ct)).SingleOrDefault();

    private async Task<IReadOnlyList<ReportFailure>> ReadAsync(string condition, Guid? complaint, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            $"select complaint_id, version, sequence, event_type, error, failed_at from {AnalyticsSchema.Failures.QualifiedName} " +
            condition);
        if (complaint is { } id) command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var failures = new List<ReportFailure>();
        while (await reader.ReadAsync(ct))
            failures.Add(new ReportFailure(reader.GetGuid(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3),
                reader.GetString(4), Instant.FromDateTimeOffset(reader.GetFieldValue<DateTimeOffset>(5))));
        return failures;
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            $"select count(*) from {AnalyticsSchema.Failures.QualifiedName}");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
