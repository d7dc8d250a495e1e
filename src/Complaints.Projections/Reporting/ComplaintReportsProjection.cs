using System.Text;
using Complaints.Domain;
using Complaints.Projections.Analytics;
using JasperFx.Events;
using JasperFx.Events.Projections;
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
/// <param name="complaintStreams">The stream type of complaints: other streams (Marten's tombstones) are no report's.</param>
public sealed class ComplaintReportsProjection(ReportProjector projector, string complaintStreams, ILogger logger) : IProjection
{
    public const string Name = "complaint-reports";

    /// <summary>The daemon's progress row of this projection.</summary>
    private static readonly string Shard = new ShardName(Name).Identity;

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        if (events.Count == 0) return;
        var upTo = events.Max(e => e.Sequence);
        var delivered = events.Where(e => e.Data is IComplaintEvent).GroupBy(e => e.StreamId).ToDictionary(g => g.Key);

        // The store says which complaints have events since the last batch and how far each stream goes. The daemon
        // leaves an event it cannot read out of its batch (and a batch of nothing else never reaches this method), so
        // its complaint is found here, and is not built as if the event were not there.
        var heads = await HeadsAsync(operations, [.. delivered.Keys], upTo, cancellation);
        AnalyticsSchema.Write(operations, Name, upTo);

        // A stream whose whole history up to the batch's end is in the batch (a new complaint, a catch-up) is built
        // from the batch; the others are read again.
        var whole = heads.ToLookup(head => delivered.TryGetValue(head.Key, out var stream)
                                           && StartsAtTheBeginning(stream) && stream.Max(e => e.Version) == head.Value,
            head => head.Key);
        var (history, unreadable) = await HistoryAsync(operations, [.. whole[false]], upTo, heads, cancellation);
        foreach (var failure in unreadable) Record(operations, failure);

        var built = new List<AnalyticsRows>();
        foreach (var stream in whole[true].Select(id => delivered[id]).Concat(history.GroupBy(e => e.StreamId)))
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
        logger.ReportUnbuildable(failure.Complaint, failure.Version, failure.EventType, failure.Error);
        AnalyticsSchema.Write(operations, failure);
    }

    /// <summary>
    /// Each complaint stream with events after the last batch looked at (or after the daemon's progress, should that
    /// be lower: a rewind) up to <paramref name="upTo"/>, with its highest version there, as the daemon reads them
    /// (archived left out); and the streams of <paramref name="delivered"/> whatever their type.
    /// </summary>
    private async Task<Dictionary<Guid, long>> HeadsAsync(IDocumentOperations operations, Guid[] delivered, long upTo,
        CancellationToken ct)
    {
        var schema = operations.DocumentStore.Options.Events.DatabaseSchemaName;
        var heads = await operations.AdvancedSql.QueryAsync<StreamHead>(
            $"""
            select jsonb_build_object('stream', e.stream_id, 'version', max(e.version))
            from {schema}.mt_events e join {schema}.mt_streams s on s.id = e.stream_id
            where e.seq_id > least(
                    coalesce((select last_seq_id from {schema}.mt_event_progression where name = ?), 0),
                    coalesce((select checked_up_to from {AnalyticsSchema.Progress.QualifiedName} where projection = ?), ?))
              and e.seq_id <= ? and not e.is_archived and (s.type = ? or e.stream_id = any(?))
            group by e.stream_id
            """, ct, Shard, Name, long.MaxValue, upTo, complaintStreams, delivered);
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
                    unreadable.Add(await LocateAsync(operations, stream, upTo, ct)
                                   ?? projector.Unreadable(stream, heads.GetValueOrDefault(stream), upTo, "(unreadable event)", cause));
                }
            }
            return (events, unreadable);
        }

        async Task<IReadOnlyList<IEvent>> ReadAsync(Guid[] ids) => await operations.Events.QueryAllRawEvents()
            .Where(e => ids.Contains(e.StreamId) && e.Sequence <= upTo)
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
    }

    /// <summary>
    /// The first event of the stream that cannot be read, found by reading each as stored, so the failure names it
    /// as a rebuild would (version, sequence, the type it was stored under, why).
    /// </summary>
    private async Task<ReportFailure?> LocateAsync(IDocumentOperations operations, Guid stream, long upTo, CancellationToken ct)
    {
        var schema = operations.DocumentStore.Options.Events.DatabaseSchemaName;
        var rows = await operations.AdvancedSql.QueryAsync<StoredRow>(
            $"""
            select jsonb_build_object('version', version, 'sequence', seq_id, 'type', type, 'data', data::text)
            from {schema}.mt_events where stream_id = ? and seq_id <= ? and not is_archived order by version
            """, ct, stream, upTo);
        var reader = new StoredEventReader(operations.DocumentStore.Options);
        foreach (var row in rows)
        {
            try
            {
                using var json = new MemoryStream(Encoding.UTF8.GetBytes(row.Data));
                reader.Read(row.Type, json);
            }
            catch (Exception cause) when (cause is not OutOfMemoryException)
            {
                return projector.Unreadable(stream, row.Version, row.Sequence, row.Type, cause);
            }
        }
        return null;
    }

    private sealed record StoredRow(long Version, long Sequence, string Type, string Data);

    /// <summary>Versions 1, 2, 3 … without a gap: the batch holds the stream from its first event.</summary>
    private static bool StartsAtTheBeginning(IGrouping<Guid, IEvent> stream) =>
        stream.OrderBy(e => e.Version).Select((e, i) => e.Version == i + 1).All(inOrder => inOrder);
}
