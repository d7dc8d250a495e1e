using Complaints.Host.Reports.Failures;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Complaints.Host.Health;

/// <summary>
/// Counts the complaints whose report cannot be built. Always healthy: the other reports are current (docs/adr/0014);
/// the count is for the operator, and is left out when it cannot be read.
/// </summary>
public sealed class ReportFailuresCheck(ReportFailures failures, ILogger<ReportFailuresCheck> logger) : IHealthCheck
{
    public const string CountKey = "failedReports";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            return HealthCheckResult.Healthy(data: new Dictionary<string, object> { [CountKey] = await failures.CountAsync(ct) });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Readiness: the report failures cannot be counted ({Error})", e.Message);
            return HealthCheckResult.Healthy("The report failures cannot be counted.");
        }
    }
}
