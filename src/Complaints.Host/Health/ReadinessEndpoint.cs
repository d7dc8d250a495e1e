using JasperFx;
using IProjectionDaemon = JasperFx.Events.Daemon.IProjectionDaemon;
using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Runtime;
using Wolverine.Runtime.Agents;

namespace Complaints.Host.Health;

/// <summary>A projection that is not running, and why.</summary>
public sealed record StoppedProjection(string Name, string Status, long Position, string? Failure);

public sealed record Readiness(string Status, string Store, string Messaging, string Projections,
    IReadOnlyList<StoppedProjection> StoppedProjections);

public static class ReadinessEndpoint
{
    /// <summary>
    /// Ready when the event store answers, the message runtime has started and is not stopping, and no
    /// projection has stopped on an event it could not apply: stale reports are a failure worth paging for.
    /// </summary>
    [AllowAnonymous]
    [ProducesResponseType<Readiness>(StatusCodes.Status200OK)]
    [ProducesResponseType<Readiness>(StatusCodes.Status503ServiceUnavailable)]
    [WolverineGet("/health/ready")]
    public static async Task<IResult> Get([FromServices] IDocumentStore store, [FromServices] IWolverineRuntime runtime,
        [FromServices] IProjectionCoordinator projections, ILogger<Readiness> logger, CancellationToken ct)
    {
        var storeUp = await StoreAnswersAsync(store, logger, ct);
        var messagingUp = !runtime.Cancellation.IsCancellationRequested;
        var stopped = StoppedProjections(projections);
        var ready = storeUp && messagingUp && stopped.Count == 0;
        var readiness = new Readiness(ready ? "ready" : storeUp && messagingUp ? "degraded" : "not-ready",
            storeUp ? "up" : "down", messagingUp ? "up" : "down", stopped.Count == 0 ? "up" : "stopped", stopped);
        return Results.Json(readiness, statusCode: ready
            ? StatusCodes.Status200OK
            : StatusCodes.Status503ServiceUnavailable);
    }

    private static List<StoppedProjection> StoppedProjections(IProjectionCoordinator projections)
    {
        IProjectionDaemon daemon;
        try
        {
            daemon = projections.DaemonForMainDatabase();
        }
        catch (DaemonNotRunningOnThisNodeException)
        {
            // On a shared database another node may hold the projections (docs/adr/0008): nothing stopped here.
            return [];
        }
        return
        [
            .. daemon.CurrentAgents()
                .Where(agent => agent.Status != AgentStatus.Running)
                .Select(agent => new StoppedProjection(agent.Name.Identity, agent.Status.ToString().ToLowerInvariant(),
                    agent.Position, agent.Failure is { } failure ? $"{failure.ExceptionType}: {failure.Message}" : null))
        ];
    }

    private static async Task<bool> StoreAnswersAsync(IDocumentStore store, ILogger logger, CancellationToken ct)
    {
        try
        {
            await using var session = store.QuerySession();
            return (await session.QueryAsync<int>("select 1", ct)).SingleOrDefault() == 1;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Readiness: the event store does not answer ({Error})", e.Message);
            return false;
        }
    }
}
