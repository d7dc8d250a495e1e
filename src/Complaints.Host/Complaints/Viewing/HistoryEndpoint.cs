using System.Text.Json;
using Complaints.Host.Audit;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Viewing;

public sealed record HistoryEntry(
    long Version, long Sequence, string Type, Instant Timestamp, string? Actor, string? CorrelationId,
    string? CausationId, JsonElement Data, string? Hash);

public sealed record HistoryResponse(Guid Id, IReadOnlyList<HistoryEntry> Events);

public static class HistoryEndpoint
{
    /// <summary>Every event as stored, with who, when, why (correlation and causation) and its hash-chain link.</summary>
    [Authorize(Policy = Policies.ReadHistory)]
    [ProducesResponseType<HistoryResponse>(StatusCodes.Status200OK)]
    [WolverineGet("/api/complaints/{id}/history")]
    public static async Task<IResult> Get(Guid id, HttpResponse response, [FromServices] EventLog log,
        CancellationToken ct)
    {
        var events = await log.ReadAsync(new EventSelection(id), ct).ToListAsync(ct);
        if (events.Count == 0) throw new ComplaintNotFoundException(id);
        response.Headers.ETag = $"\"{events[^1].Version}\"";
        return Results.Json(new HistoryResponse(id, events
            .Select(e => new HistoryEntry(e.Version, e.Sequence, e.Type, e.Timestamp, e.Actor, e.CorrelationId,
                e.CausationId, e.Data, e.Hash))
            .ToList()));
    }
}
