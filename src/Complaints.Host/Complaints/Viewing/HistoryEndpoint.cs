using Marten;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Viewing;

public sealed record HistoryEntry(
    long Version, long Sequence, string Type, Instant Timestamp, string? Actor, string? CorrelationId,
    string? CausationId, object Data);

public sealed record HistoryResponse(Guid Id, IReadOnlyList<HistoryEntry> Events);

public static class HistoryEndpoint
{
    [WolverineGet("/api/complaints/{id}/history")]
    public static async Task<IResult> Get(Guid id, HttpResponse response, [FromServices] IQuerySession session,
        CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        if (events.Count == 0) throw new ComplaintNotFoundException(id);
        response.Headers.ETag = $"\"{events[^1].Version}\"";
        return Results.Json(new HistoryResponse(id, events
            .Select(e => new HistoryEntry(e.Version, e.Sequence, e.Data.GetType().Name,
                Instant.FromDateTimeOffset(e.Timestamp), e.UserName, e.CorrelationId, e.CausationId, e.Data))
            .ToList()));
    }
}
