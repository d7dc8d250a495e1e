using Complaints.Domain;
using Complaints.Projections.Analytics;
using NodaTime;

namespace Complaints.Projections.Reporting;

/// <summary>
/// A complaint whose report cannot be built: the first event at which building fails, and why. Recorded in
/// <see cref="AnalyticsSchema.Failures"/> so the other complaints' reports go on (docs/adr/0014).
/// </summary>
public sealed record ReportFailure(Guid Complaint, long Version, long Sequence, string EventType, string Error, Instant FailedAt);

/// <summary>A complaint's report and rows, or why they cannot be made.</summary>
public sealed record ProjectedComplaint(Guid Complaint, long Version, HandlingReport? Report, AnalyticsRows? Rows, ReportFailure? Failure);

/// <summary>
/// Builds one complaint's report and analytics rows from its stream, for the live projection and for rebuilds
/// alike, and turns whatever goes wrong into that complaint's own failure instead of the whole batch's.
/// </summary>
public sealed class ReportProjector(HandlingReportBuilder builder, CustomerKeys keys, ReadModelSeal seal, IClock clock)
{
    private const int MaxErrorLength = 2000;

    public ProjectedComplaint Project(Guid complaint, IReadOnlyList<StreamEvent> stream)
    {
        var version = stream.Count == 0 ? 0 : stream[^1].Version;
        try
        {
            var report = builder.Build(complaint, stream);
            var rows = AnalyticsSchema.Rows(report, keys);
            // The rows take the search keys from the customer in the clear; the stored report keeps it sealed.
            seal.Seal(report);
            return new ProjectedComplaint(complaint, version, report, rows, null);
        }
        // Whatever the builder or the row conversion throws is this complaint's problem alone (bad data, or a case
        // the builder does not handle yet); the error is kept for the operator and the others are built.
        catch (Exception cause) when (cause is not OutOfMemoryException)
        {
            return new ProjectedComplaint(complaint, version, null, null, Locate(complaint, stream, cause));
        }
    }

    /// <summary>A failure at an event that could not even be read (unknown type, unreadable data).</summary>
    public ReportFailure Unreadable(Guid complaint, long version, long sequence, string eventType, Exception cause) =>
        new(complaint, version, sequence, eventType, Describe(cause), clock.GetCurrentInstant());

    /// <summary>
    /// The first event whose prefix of the stream fails to build: streams are tens of events long, and only a
    /// failing stream pays for the search.
    /// </summary>
    private ReportFailure Locate(Guid complaint, IReadOnlyList<StreamEvent> stream, Exception whole)
    {
        for (var length = 1; length < stream.Count; length++)
        {
            try
            {
                AnalyticsSchema.Rows(builder.Build(complaint, stream.Take(length)), keys);
            }
            catch (Exception cause) when (cause is not OutOfMemoryException)
            {
                return At(complaint, stream[length - 1], cause);
            }
        }
        return stream.Count == 0
            ? new ReportFailure(complaint, 0, 0, "", Describe(whole), clock.GetCurrentInstant())
            : At(complaint, stream[^1], whole);
    }

    private ReportFailure At(Guid complaint, StreamEvent e, Exception cause) =>
        new(complaint, e.Version, e.Sequence, e.Data.GetType().Name, Describe(cause), clock.GetCurrentInstant());

    private static string Describe(Exception cause)
    {
        var text = $"{cause.GetType().Name}: {cause.Message}";
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }
}
