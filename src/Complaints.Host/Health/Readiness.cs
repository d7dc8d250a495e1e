using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Complaints.Host.Health;

/// <summary>A projection that is not running, and why (the why only for an authenticated caller).</summary>
public sealed record StoppedProjection(string Name, string Status, long Position, string? Failure);

/// <summary>
/// The answer of <c>GET /health/ready</c>, composed from the checks tagged <see cref="HealthConfiguration.Ready"/>.
/// <see cref="RunningProjections"/> are the asynchronous projections this node runs: on a shared database each runs
/// on one node only, so an operator can see which (docs/adr/0012). <see cref="ProjectionLag"/> is how many events
/// each of them is behind the store. <see cref="FailedReports"/> counts the complaints whose report cannot be built
/// (<c>GET /api/reports/failures</c>): the others' reports are current, so the node stays ready (docs/adr/0014).
/// <see cref="CalendarWarnings"/> name calendars that do not cover the coming 60 days or count on provisional holidays,
/// and <see cref="DirectoryGaps"/> the directory entries notifications found nobody in: warnings, the node stays ready.
/// </summary>
public sealed record Readiness(string Status, string Store, string Messaging, string Projections,
    IReadOnlyList<StoppedProjection> StoppedProjections, IReadOnlyList<string> RunningProjections,
    IReadOnlyDictionary<string, long> ProjectionLag, long? FailedReports, IReadOnlyList<string> CalendarWarnings,
    IReadOnlyList<string>? DirectoryGaps)
{
    /// <summary>Stopped projections make the node degraded (503): stale reports are a failure worth paging for.</summary>
    public static Readiness From(HealthReport report, bool detailed)
    {
        var storeUp = IsUp(report, HealthConfiguration.Database);
        var messagingUp = IsUp(report, HealthConfiguration.Messaging);
        var projections = report.Entries.TryGetValue(HealthConfiguration.Projections, out var entry)
            && entry.Data.TryGetValue(ProjectionsCheck.StateKey, out var state)
            ? (ProjectionsState)state
            : ProjectionsState.None;
        // Exception text is for operators: anonymous callers (a load balancer, anyone) see only that it stopped.
        var stopped = detailed ? projections.Stopped : [.. projections.Stopped.Select(s => s with { Failure = null })];
        var ready = storeUp && messagingUp && stopped.Count == 0;
        var failedReports = storeUp && report.Entries.TryGetValue(HealthConfiguration.Reports, out var reports)
            && reports.Data.TryGetValue(ReportFailuresCheck.CountKey, out var count)
            ? (long?)count
            : null;
        var calendarWarnings = Data<IReadOnlyList<string>>(report, HealthConfiguration.Calendars, CalendarCoverageCheck.WarningsKey) ?? [];
        var directoryGaps = storeUp ? Data<IReadOnlyList<string>>(report, HealthConfiguration.Directory, DirectoryGapsCheck.GapsKey) : null;
        return new Readiness(ready ? "ready" : storeUp && messagingUp ? "degraded" : "not-ready",
            storeUp ? "up" : "down", messagingUp ? "up" : "down", stopped.Count == 0 ? "up" : "stopped", stopped,
            projections.Running, projections.Lag, failedReports, calendarWarnings, directoryGaps);
    }

    private static T? Data<T>(HealthReport report, string check, string key) where T : class =>
        report.Entries.TryGetValue(check, out var entry) && entry.Data.TryGetValue(key, out var value) ? value as T : null;

    private static bool IsUp(HealthReport report, string check) =>
        report.Entries.TryGetValue(check, out var entry) && entry.Status == HealthStatus.Healthy;
}
