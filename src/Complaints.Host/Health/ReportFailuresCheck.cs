using Complaints.Host.Reports.Failures;

namespace Complaints.Host.Health;

/// <summary>
/// Counts the complaints whose report cannot be built. Always healthy: the other reports are current (docs/adr/0014);
/// the count is for the operator, and is left out when it cannot be read.
/// </summary>
public sealed class ReportFailuresCheck(ReportFailures failures, ILogger<ReportFailuresCheck> logger) : ReportedCheck(logger)
{
    public const string CountKey = "failedReports";

    protected override string Key => CountKey;

    protected override string What => "the report failures";

    protected override async Task<object> ReadAsync(CancellationToken ct) => await failures.CountAsync(ct);
}
