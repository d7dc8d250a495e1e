using Complaints.Host.Complaints;
using Complaints.Host.Security;
using Complaints.Projections;
using Complaints.Projections.Analytics;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npgsql;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Reports.PauseAbuse;

/// <summary>
/// One time a clock stood paused awaiting the customer's answer to plan <see cref="PlanVersion"/>; <see cref="EndedAt"/>
/// is the answer, else the end of the clock, else the complaint's close, null while it still waits.
/// <see cref="Department"/> and <see cref="Owner"/> are the complaint's when it paused.
/// </summary>
public sealed record PauseView(int Pause, string Rule, int Round, Instant PausedAt, Instant? ResumedAt, Instant? EndedAt,
    long? PausedMinutes, int? PlanVersion, string Department, string? Owner);

/// <summary>The setting a complaint is judged by (docs/rules-over-time.md, "Pause abuse").</summary>
public sealed record PauseAbuseThreshold(double Share, long MinimumPausedMinutes);

/// <summary>
/// A complaint's pauses as the analytics tables hold them: <see cref="PausedMinutes"/> added up over the pauses that
/// ended, <see cref="ClockMinutes"/> the paused clocks' whole time (null while one still runs), <see cref="Share"/> the
/// one of the other and whether that makes it <see cref="Flagged"/>. <see cref="UpToDate"/> is false while the
/// reports lag the complaint.
/// </summary>
public sealed record ComplaintPauses(Guid Id, bool UpToDate, long PausedMinutes, long? ClockMinutes, double? Share,
    bool Flagged, PauseAbuseThreshold Threshold, IReadOnlyList<PauseView> Pauses);

public static class PausesEndpoint
{
    [Authorize(Policy = Policies.ReplayClocks)]
    [WolverineGet("/api/complaints/{id}/pauses")]
    public static async Task<ComplaintPauses> Get(Guid id, [FromServices] IQuerySession session,
        [FromServices] AnalyticsDatabase database, [FromServices] IOptions<PauseAbuseOptions> options, CancellationToken ct)
    {
        var complaint = await session.LoadAsync<ComplaintDetails>(id, ct) ?? throw new ComplaintNotFoundException(id);
        var threshold = options.Value;
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        var ledger = new NpgsqlBatchCommand($"""
            select l.version, l.paused_minutes, l.paused_clock_minutes, {PauseAbuseOptions.Flagged("l")}
            from {AnalyticsSchema.Ledger.QualifiedName} l where l.complaint_id = @id
            """) { Parameters = { new("id", id) } };
        ledger.Parameters.AddRange(threshold.Parameters());
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                ledger,
                new NpgsqlBatchCommand($"""
                    select pause, rule, round, paused_at, resumed_at, ended_at, paused_minutes, plan_version, department, owner
                    from {AnalyticsSchema.Pauses.QualifiedName} where complaint_id = @id order by pause
                    """) { Parameters = { new("id", id) } }
            }
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        long version = 0, paused = 0;
        long? clocks = null;
        var flagged = false;
        if (await reader.ReadAsync(ct))
        {
            version = reader.GetInt64(0);
            paused = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
            clocks = reader.IsDBNull(2) ? null : reader.GetInt64(2);
            flagged = !reader.IsDBNull(3) && reader.GetBoolean(3);
        }
        await reader.NextResultAsync(ct);
        var pauses = new List<PauseView>();
        while (await reader.ReadAsync(ct))
            pauses.Add(new PauseView(reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2),
                AnalyticsDatabase.InstantAt(reader, 3)!.Value, AnalyticsDatabase.InstantAt(reader, 4),
                AnalyticsDatabase.InstantAt(reader, 5), reader.IsDBNull(6) ? null : reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetInt32(7), reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9)));
        double? share = clocks > 0 ? Math.Round((double)paused / clocks.Value, 4) : null;
        return new ComplaintPauses(id, version >= complaint.Version, paused, clocks, share, flagged,
            new PauseAbuseThreshold(threshold.Share, threshold.MinimumPausedMinutes), pauses);
    }
}
