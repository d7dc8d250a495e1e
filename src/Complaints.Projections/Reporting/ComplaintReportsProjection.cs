using Complaints.Domain;
using Complaints.Projections.Analytics;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Complaints.Projections.Reporting;

/// <summary>
/// The asynchronous read models of procedure §5: per complaint, the handling report document, the ledger row
/// and the KPI facts. Each complaint touched by a batch is rebuilt from its whole stream up to the batch's
/// last event, so the result depends on the event store alone: a rebuild gives exactly what the live run gave.
/// A complaint whose report cannot be built is recorded as failed and the batch goes on (docs/adr/0014).
/// </summary>
public sealed class ComplaintReportsProjection(ReportProjector projector, ILogger logger) : IProjection
{
    public const string Name = "complaint-reports";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var touched = events.Where(e => e.Data is IComplaintEvent).GroupBy(e => e.StreamId).ToList();
        if (touched.Count == 0) return;
        var upTo = events.Max(e => e.Sequence);

        // A stream whose whole history up to the batch's end is in the batch (a new complaint, a catch-up) is built
        // from the batch; the others are read again. The store says how far each stream goes: an event the daemon
        // could not read is left out of the batch, and its stream must not be built as if it were not there.
        var heads = await HeadsAsync(operations, [.. touched.Select(g => g.Key)], upTo, cancellation);
        var whole = touched.ToLookup(stream => StartsAtTheBeginning(stream) && stream.Max(e => e.Version) == heads.GetValueOrDefault(stream.Key));
        var (history, unreadable) = await HistoryAsync(operations, [.. whole[false].Select(g => g.Key)], upTo, heads, cancellation);
        foreach (var failure in unreadable) Record(operations, failure);

        var built = new List<AnalyticsRows>();
        foreach (var stream in whole[true].Concat(history.GroupBy(e => e.StreamId)))
        {
            var projected = projector.Project(stream.Key, [.. stream
                .Where(e => e.Data is IComplaintEvent)
                .OrderBy(e => e.Version)
                .Select(e => new StreamEvent(e.Version, e.Sequence, (IComplaintEvent)e.Data))]);
            if (projected is { Report: { } report, Rows: { } rows })
            {
                operations.Store(report);
                built.Add(rows);
            }
            else if (projected.Failure is { } failure) Record(operations, failure);
        }
        AnalyticsSchema.Write(operations, built);
    }

    private void Record(IDocumentOperations operations, ReportFailure failure)
    {
        logger.LogError("The report of complaint {Complaint} cannot be built at version {Version} ({EventType}): {Error}",
            failure.Complaint, failure.Version, failure.EventType, failure.Error);
        AnalyticsSchema.Write(operations, failure);
    }

    /// <summary>Each stream's highest version up to <paramref name="upTo"/>, as the daemon reads them (archived left out).</summary>
    private static async Task<Dictionary<Guid, long>> HeadsAsync(IDocumentOperations operations, Guid[] streams, long upTo,
        CancellationToken ct)
    {
        var schema = operations.DocumentStore.Options.Events.DatabaseSchemaName;
        var heads = await operations.AdvancedSql.QueryAsync<StreamHead>(
            $"select jsonb_build_object('stream', stream_id, 'version', max(version)) from {schema}.mt_events " +
            "where stream_id = any(?) and seq_id <= ? and not is_archived group by stream_id", ct, streams, upTo);
        return heads.ToDictionary(h => h.Stream, h => h.Version);
    }

    private sealed record StreamHead(Guid Stream, long Version);

    /// <summary>
    /// The streams' events up to <paramref name="upTo"/>, in one query; when an event cannot be read, stream by
    /// stream, so only the stream holding it fails.
    /// </summary>
    private async Task<(IReadOnlyList<IEvent> Events, IReadOnlyList<ReportFailure> Unreadable)> HistoryAsync(
        IDocumentOperations operations, Guid[] streams, long upTo, Dictionary<Guid, long> heads, CancellationToken ct)
    {
        if (streams.Length == 0) return ([], []);
        try
        {
            return (await ReadAsync(streams), []);
        }
        catch (Exception e) when (e is not OperationCanceledException and not NpgsqlException)
        {
            var events = new List<IEvent>();
            var unreadable = new List<ReportFailure>();
            foreach (var stream in streams)
            {
                try
                {
                    events.AddRange(await ReadAsync([stream]));
                }
                catch (Exception cause) when (cause is not OperationCanceledException and not NpgsqlException)
                {
                    unreadable.Add(projector.Unreadable(stream, heads.GetValueOrDefault(stream), upTo, "(unreadable event)", cause));
                }
            }
            return (events, unreadable);
        }

        async Task<IReadOnlyList<IEvent>> ReadAsync(Guid[] ids) => await operations.Events.QueryAllRawEvents()
            .Where(e => ids.Contains(e.StreamId) && e.Sequence <= upTo)
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
    }

    /// <summary>Versions 1, 2, 3 … without a gap: the batch holds the stream from its first event.</summary>
    private static bool StartsAtTheBeginning(IGrouping<Guid, IEvent> stream) =>
        stream.OrderBy(e => e.Version).Select((e, i) => e.Version == i + 1).All(inOrder => inOrder);
}
