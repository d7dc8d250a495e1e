using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Runtime;

namespace Complaints.Host.Health;

public sealed record Readiness(string Status, string Store, string Messaging);

public static class ReadinessEndpoint
{
    /// <summary>Ready when the event store answers and the message runtime has started and is not stopping.</summary>
    [WolverineGet("/health/ready")]
    public static async Task<IResult> Get([FromServices] IDocumentStore store, [FromServices] IWolverineRuntime runtime,
        ILogger<Readiness> logger, CancellationToken ct)
    {
        var storeUp = await StoreAnswersAsync(store, logger, ct);
        var messagingUp = !runtime.Cancellation.IsCancellationRequested;
        var readiness = new Readiness(storeUp && messagingUp ? "ready" : "not-ready",
            storeUp ? "up" : "down", messagingUp ? "up" : "down");
        return Results.Json(readiness, statusCode: storeUp && messagingUp
            ? StatusCodes.Status200OK
            : StatusCodes.Status503ServiceUnavailable);
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
