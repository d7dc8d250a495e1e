using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Complaints.Host.Health;

/// <summary>
/// A readiness check that reports a figure for the operator and is always healthy: the figure is shown under
/// <see cref="Key"/>, and left out (with a warning in the log) when it cannot be read.
/// </summary>
public abstract class ReportedCheck(ILogger logger) : IHealthCheck
{
    /// <summary>The name the figure is shown under.</summary>
    protected abstract string Key { get; }

    /// <summary>What the figure is, in words for the log.</summary>
    protected abstract string What { get; }

    protected abstract Task<object> ReadAsync(CancellationToken ct);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            return HealthCheckResult.Healthy(data: new Dictionary<string, object> { [Key] = await ReadAsync(ct) });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.ReadinessUnreadable(What, e.Message);
            return HealthCheckResult.Healthy($"{What} cannot be read.");
        }
    }
}
