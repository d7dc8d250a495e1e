using System.Text.Json;
using System.Text.Json.Nodes;
using Complaints.Host.Infrastructure;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Ingesting;

public sealed record CloudEventBatchAnswer(IReadOnlyList<CloudEventResult> Results);

/// <summary>The shape of one CloudEvent as this endpoint reads it (docs/integration.md); a batch is an array of them.</summary>
public sealed record CloudEventDocument(
    string Specversion, string Id, string Source, string Type, string? Subject, string? Planversion,
    string? Datacontenttype, JsonObject Data);

public static class CloudEventsEndpoint
{
    public const string Structured = "application/cloudevents+json";
    public const string Batch = "application/cloudevents-batch+json";
    public const int MaxBatchSize = 100;

    /// <summary>
    /// One CloudEvent (structured mode) answers as its command would; a batch answers 200 with one result per event,
    /// in order, each recorded or refused on its own.
    /// </summary>
    [Authorize(Policy = Policies.IngestEvents)]
    [ReadsBodyItself]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status201Created)]
    [ProducesResponseType<CloudEventBatchAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/events")]
    public static async Task<IResult> Post(HttpContext http, [FromServices] CloudEventIngest ingest, CancellationToken ct)
    {
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not (Structured or Batch or "application/json"))
            throw new RequestRejectedException(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"Send {Structured} (one event) or {Batch} (a JSON array of events).");
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "Malformed request body",
                "The body is not JSON.", new Dictionary<string, string[]> { ["body"] = ["is not valid JSON"] });
        }

        if (mediaType != Batch)
        {
            var single = await ingest.IngestAsync(body, http, ct);
            return single.Answer is { } answer
                ? new CommandAnswerResult(single.Status, answer)
                : Results.Problem(single.Problem!);
        }
        if (body is not JsonArray events || events.Count is 0 or > MaxBatchSize)
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "Malformed batch",
                $"A batch is a JSON array of 1 to {MaxBatchSize} CloudEvents.",
                new Dictionary<string, string[]> { ["body"] = [$"must be an array of 1 to {MaxBatchSize} events"] });
        var results = new List<CloudEventResult>(events.Count);
        foreach (var cloudEvent in events) results.Add(await ingest.IngestAsync(cloudEvent, http, ct));
        return Results.Json(new CloudEventBatchAnswer(results));
    }
}
