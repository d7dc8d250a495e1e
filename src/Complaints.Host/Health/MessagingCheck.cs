using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine.Runtime;

namespace Complaints.Host.Health;

/// <summary>The message runtime (timers, webhooks, the projections' leader) has started and is not stopping.</summary>
public sealed class MessagingCheck(IWolverineRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(runtime.Cancellation.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("The message runtime is stopping.")
            : HealthCheckResult.Healthy());
}
