using JasperFx;
using JasperFx.Events.Daemon;
using Wolverine.Runtime.Agents;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ISubscriptionAgent = JasperFx.Events.Daemon.ISubscriptionAgent;

namespace Complaints.Host.Health;

/// <summary>The asynchronous projections on this node: which run, which stopped and why, how far each is behind.</summary>
public sealed record ProjectionsState(IReadOnlyList<StoppedProjection> Stopped, IReadOnlyList<string> Running,
    IReadOnlyDictionary<string, long> Lag)
{
    public static readonly ProjectionsState None = new([], [], new Dictionary<string, long>());
}

/// <summary>
/// Degraded when a projection has stopped on an event it could not apply. On a shared database another node may hold
/// the projections (docs/adr/0008): then none runs or stopped here, and this node is healthy.
/// </summary>
public sealed class ProjectionsCheck(IProjectionCoordinator projections) : IHealthCheck
{
    public const string StateKey = "projections";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var state = Current();
        var data = new Dictionary<string, object> { [StateKey] = state };
        return Task.FromResult(state.Stopped.Count == 0
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Degraded($"Stopped: {string.Join(", ", state.Stopped.Select(s => s.Name))}", data: data));
    }

    /// <summary>What runs here now, or <see cref="ProjectionsState.None"/> when the daemon runs on another node.</summary>
    public ProjectionsState Current()
    {
        IProjectionDaemon daemon;
        try
        {
            daemon = projections.DaemonForMainDatabase();
        }
        catch (DaemonNotRunningOnThisNodeException)
        {
            return ProjectionsState.None;
        }
        IReadOnlyList<ISubscriptionAgent> agents = daemon.CurrentAgents();
        var highWater = daemon.Tracker.HighWaterMark;
        return new ProjectionsState(
            [.. agents.Where(agent => agent.Status != AgentStatus.Running)
                .Select(agent => new StoppedProjection(agent.Name.Identity, agent.Status.ToString().ToLowerInvariant(),
                    agent.Position, agent.Failure is { } failure ? $"{failure.ExceptionType}: {failure.Message}" : null))],
            [.. agents.Where(agent => agent.Status == AgentStatus.Running).Select(agent => agent.Name.Identity)],
            agents.ToDictionary(agent => agent.Name.Identity, agent => Math.Max(0, highWater - agent.Position)));
    }
}
