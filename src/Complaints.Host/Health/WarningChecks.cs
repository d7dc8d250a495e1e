using Complaints.Host.Infrastructure.Calendars;
using Complaints.Host.Notifications;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Complaints.Host.Health;

/// <summary>
/// Calendars that do not cover the coming 60 days or count on provisional holidays. Always healthy: deadlines are
/// still computed, so the node stays ready; the warnings are for the operator (docs/deadlines.md).
/// </summary>
public sealed class CalendarCoverageCheck(CalendarCoverage coverage) : IHealthCheck
{
    public const string WarningsKey = "calendarWarnings";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(HealthCheckResult.Healthy(data: new Dictionary<string, object>
        {
            [WarningsKey] = (IReadOnlyList<string>)[.. coverage.Warnings().Select(w => w.Message)]
        }));
}

/// <summary>
/// The directory entries notifications found nobody in and that are still empty. Always healthy: a warning for an
/// administrator, not a reason to stop serving (docs/notifications.md); left out when it cannot be read.
/// </summary>
public sealed class DirectoryGapsCheck(DirectoryGaps gaps, ILogger<DirectoryGapsCheck> logger) : ReportedCheck(logger)
{
    public const string GapsKey = "directoryGaps";

    protected override string Key => GapsKey;

    protected override string What => "the directory gaps";

    protected override async Task<object> ReadAsync(CancellationToken ct) => await gaps.FindAsync(ct);
}
