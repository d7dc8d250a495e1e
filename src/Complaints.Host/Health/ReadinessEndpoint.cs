using Complaints.Host.Infrastructure.Calendars;
using Complaints.Host.Reports.Failures;
using JasperFx;
using ISubscriptionAgent = JasperFx.Events.Daemon.ISubscriptionAgent;
using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Runtime;
using Wolverine.Runtime.Agents;

namespace Complaints.Host.Health;

/// <summary>A projection that is not running, and why (the why only for an authenticated caller).</summary>
public sealed record StoppedProjection(string Name, string Status, long Position, string? Failure);

/// <summary>
/// <see cref="RunningProjections"/> are the asynchronous projections this node runs: on a shared database each runs
/// on one node only, so an operator can see which (docs/adr/0012). <see cref="FailedReports"/> counts the complaints
/// whose report cannot be built (<c>GET /api/reports/failures</c>): the others' reports are current, so the node
/// stays ready (docs/adr/0014). <see cref="CalendarWarnings"/> name calendars that do not cover the coming 60 days or
/// count on provisional holidays: deadlines are still computed, so the node stays ready (docs/deadlines.md).
/// <see cref="DirectoryGaps"/> are the directory entries notifications found nobody in and that are still empty: a
/// warning for an administrator, not a reason to stop serving (docs/notifications.md).
/// </summary>
public sealed record Readiness(string Status, string Store, string Messaging, string Projections,
    IReadOnlyList<StoppedProjection> StoppedProjections, IReadOnlyList<string> RunningProjections, long? FailedReports,
    IReadOnlyList<string> CalendarWarnings, IReadOnlyList<string>? DirectoryGaps = null);

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
    public static async Task<IResult> Get(HttpContext http, [FromServices] IDocumentStore store,
        [FromServices] IWolverineRuntime runtime, [FromServices] IProjectionCoordinator projections,
        [FromServices] ReportFailures failures, [FromServices] CalendarCoverage calendars,
        [FromServices] Notifications.DirectoryGaps gaps, ILogger<Readiness> logger,
        CancellationToken ct)
    {
        var storeUp = await StoreAnswersAsync(store, logger, ct);
        // Exception text is for operators: anonymous callers (a load balancer, anyone) see only that it stopped.
        var detailed = http.User.Identity?.IsAuthenticated == true;
        var messagingUp = !runtime.Cancellation.IsCancellationRequested;
        var agents = ProjectionsHere(projections);
        var stopped = agents.Where(agent => agent.Status != AgentStatus.Running)
            .Select(agent => new StoppedProjection(agent.Name.Identity, agent.Status.ToString().ToLowerInvariant(),
                agent.Position, agent.Failure is { } failure && detailed ? $"{failure.ExceptionType}: {failure.Message}" : null))
            .ToList();
        var running = agents.Where(agent => agent.Status == AgentStatus.Running).Select(agent => agent.Name.Identity).ToList();
        var ready = storeUp && messagingUp && stopped.Count == 0;
        var readiness = new Readiness(ready ? "ready" : storeUp && messagingUp ? "degraded" : "not-ready",
            storeUp ? "up" : "down", messagingUp ? "up" : "down", stopped.Count == 0 ? "up" : "stopped", stopped, running,
            storeUp ? await FailedReportsAsync(failures, logger, ct) : null,
            [.. calendars.Warnings().Select(w => w.Message)], storeUp ? await gaps.FindAsync(ct) : null);
        return Results.Json(readiness, statusCode: ready
            ? StatusCodes.Status200OK
            : StatusCodes.Status503ServiceUnavailable);
    }

    private static IReadOnlyList<ISubscriptionAgent> ProjectionsHere(IProjectionCoordinator projections)
    {
        try
        {
            return projections.DaemonForMainDatabase().CurrentAgents();
        }
        catch (DaemonNotRunningOnThisNodeException)
        {
            // On a shared database another node may hold the projections (docs/adr/0008): none runs or stopped here.
            return [];
        }
    }

    private static async Task<long?> FailedReportsAsync(ReportFailures failures, ILogger logger, CancellationToken ct)
    {
        try
        {
            return await failures.CountAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Readiness: the report failures cannot be counted ({Error})", e.Message);
            return null;
        }
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
