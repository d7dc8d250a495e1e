using System.Text.Json;
using System.Text.Json.Nodes;
using Complaints.Host.Infrastructure;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Ingesting;

public sealed record CloudEventBatchAnswer(IReadOnlyList<CloudEventResult> Results);

/// <summary>
/// One CloudEvent in the JSON event format, as the OpenAPI document describes it (docs/integration.md); a batch is an
/// array of them. Only what the spec requires is required here; what each type needs is checked per event.
/// </summary>
public sealed record CloudEventDocument(
    string Specversion, string Id, string Source, string Type, string? Subject = null, string? Planversion = null,
    DateTimeOffset? Time = null, Uri? Dataschema = null, string? Datacontenttype = null, JsonObject? Data = null);

public static class CloudEventsEndpoint
{
    public const string Structured = "application/cloudevents+json";
    public const string Batch = "application/cloudevents-batch+json";
    public const int MaxBatchSize = 100;

    private enum Mode { Structured, Batch, Binary }

    /// <summary>
    /// One CloudEvent (structured or binary mode) answers as its command would; a batch answers 200 with one result
    /// per event, in order, each recorded or refused on its own.
    /// </summary>
    [Authorize(Policy = Policies.IngestEvents)]
    [ReadsBodyItself]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status201Created)]
    [ProducesResponseType<CloudEventBatchAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/events")]
    public static async Task<IResult> Post(HttpContext http, [FromServices] CloudEventIngest ingest, CancellationToken ct)
    {
        var mode = ModeOf(http.Request.ContentType);
        // The request guard has read the body into memory already, within the size limit.
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        using var document = StrictJson.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), out var defect)
            ?? throw Malformed(defect!.Problem, "body");
        var body = document.RootElement;
        switch (mode)
        {
            case Mode.Structured:
                return Answer(await ingest.IngestAsync(body, http, ct));
            case Mode.Binary:
                if (StrictJson.Check(body, "data") is { } inData) throw Malformed(inData.Problem, inData.Path);
                return Answer(await ingest.IngestBinaryAsync(body, http, ct));
        }
        if (body.ValueKind != JsonValueKind.Array || body.GetArrayLength() > MaxBatchSize)
            throw Malformed($"must be a JSON array of at most {MaxBatchSize} events", "body");
        var results = new List<CloudEventResult>(body.GetArrayLength());
        foreach (var cloudEvent in body.EnumerateArray()) results.Add(await ingest.IngestAsync(cloudEvent, http, ct));
        return Results.Json(new CloudEventBatchAnswer(results));
    }

    private static IResult Answer(CloudEventResult single) =>
        single.Answer is { } answer ? new CommandAnswerResult(single.Status, answer) : Results.Problem(single.Problem!);

    /// <summary>
    /// The HTTP binding's rule: a CloudEvents media type is structured (or batched) mode, anything else is binary mode,
    /// whose content type is the data's; here that is JSON, in UTF-8 as RFC 8259 has it.
    /// </summary>
    private static Mode ModeOf(string? contentType)
    {
        if (MediaTypeHeaderValue.TryParse(contentType, out var media) && CloudEventReader.IsUtf8(media))
        {
            if (media.MediaType.Equals(Structured, StringComparison.OrdinalIgnoreCase)) return Mode.Structured;
            if (media.MediaType.Equals(Batch, StringComparison.OrdinalIgnoreCase)) return Mode.Batch;
            if (!media.MediaType.StartsWith("application/cloudevents", StringComparison.OrdinalIgnoreCase) &&
                CloudEventReader.IsJson(media)) return Mode.Binary;
        }
        throw new RequestRejectedException(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
            $"Send {Structured} (one event), {Batch} (a JSON array of events) or, in binary mode, the command's body " +
            "as application/json with the attributes in ce- headers; all in UTF-8.");
    }

    private static RequestRejectedException Malformed(string problem, string path)
    {
        var field = path.TrimStart('$', '.');
        return new RequestRejectedException(StatusCodes.Status400BadRequest, "Malformed request body",
            $"The request cannot be read: {field} {problem}.",
            new Dictionary<string, string[]> { [field] = [problem] });
    }
}
