using Complaints.Domain;
using Complaints.Projections.Analytics;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Microsoft.Extensions.Logging;

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

        // A stream whose whole history is in the batch (a new complaint, a catch-up) is built from the batch;
        // only the others are read again, so each event is read and deserialised once where it can be.
        var whole = touched.ToLookup(StartsAtTheBeginning);
        var partial = whole[false].Select(g => g.Key).ToArray();
        var history = partial.Length == 0
            ? []
            : await operations.Events.QueryAllRawEvents()
                .Where(e => partial.Contains(e.StreamId) && e.Sequence <= upTo)
                .OrderBy(e => e.Sequence)
                .ToListAsync(cancellation);

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
            else if (projected.Failure is { } failure)
            {
                logger.LogError("The report of complaint {Complaint} cannot be built at version {Version} ({EventType}): {Error}",
                    failure.Complaint, failure.Version, failure.EventType, failure.Error);
                AnalyticsSchema.Write(operations, failure);
            }
        }
        AnalyticsSchema.Write(operations, built);
    }

    /// <summary>Versions 1, 2, 3 … without a gap: the batch holds the stream from its first event.</summary>
    private static bool StartsAtTheBeginning(IGrouping<Guid, IEvent> stream) =>
        stream.OrderBy(e => e.Version).Select((e, i) => e.Version == i + 1).All(inOrder => inOrder);
}
