using Complaints.Domain;
using Complaints.Projections.Analytics;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Complaints.Projections.Reporting;

/// <summary>
/// The asynchronous read models of procedure §5: per complaint, the handling report document, the ledger row
/// and the KPI facts. Each complaint touched by a batch is rebuilt from its whole stream up to the batch's
/// last event, so the result depends on the event store alone: a rebuild gives exactly what the live run gave.
/// </summary>
public sealed class ComplaintReportsProjection(HandlingReportBuilder builder) : IProjection
{
    public const string Name = "complaint-reports";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var touched = events.Where(e => e.Data is IComplaintEvent).Select(e => e.StreamId).Distinct().ToArray();
        if (touched.Length == 0) return;
        var upTo = events.Max(e => e.Sequence);

        var history = await operations.Events.QueryAllRawEvents()
            .Where(e => touched.Contains(e.StreamId) && e.Sequence <= upTo)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellation);

        foreach (var stream in history.GroupBy(e => e.StreamId))
        {
            var report = builder.Build(stream.Key, stream
                .Where(e => e.Data is IComplaintEvent)
                .Select(e => new StreamEvent(e.Version, e.Sequence, (IComplaintEvent)e.Data)));
            operations.Store(report);
            AnalyticsSchema.Write(operations, report);
        }
    }
}
