using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Complaints.Domain;
using Complaints.Host.Audit;
using Complaints.Host.Complaints.Registering;
using Complaints.Host.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Complaints.Host.Complaints.Ingesting;

/// <summary>What happened to one CloudEvent of a request: the command's answer, or why it was refused.</summary>
public sealed record CloudEventResult(string? Id, string? Source, int Status, CommandAnswer? Answer, ProblemDetails? Problem);

/// <summary>
/// Turns one CloudEvent into its command and runs it through the same pipeline as the HTTP endpoints, in its own
/// transaction. Its (source, id) is its idempotency key, kept for good with the events it recorded: the same
/// event again gets the first answer, the same id with another payload is refused (422).
/// </summary>
public sealed class CloudEventIngest(
    ComplaintCommandPipeline pipeline, IOptions<IntakeOptions> intake, RegistrationLookup lookup,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IAuthorizationService authorization,
    ILogger<CloudEventIngest> logger)
{
    /// <summary>
    /// One event in the JSON event format, as it stands in the body or in a batch: a member named twice or a lone
    /// surrogate in it refuses this event alone.
    /// </summary>
    public Task<CloudEventResult> IngestAsync(JsonElement cloudEvent, HttpContext http, CancellationToken ct)
    {
        var defect = StrictJson.Check(cloudEvent);
        var (id, source) = defect is null ? CloudEventReader.IdentityOf(cloudEvent) : (null, null);
        return IngestAsync(() => defect is null ? CloudEventReader.Structured(cloudEvent) : throw NotStrictJson(defect),
            id, source, http, ct);
    }

    /// <summary>One event in binary mode: its attributes in the request's ce- headers, <paramref name="data"/> its body.</summary>
    public Task<CloudEventResult> IngestBinaryAsync(JsonElement data, HttpContext http, CancellationToken ct) =>
        IngestAsync(() => CloudEventReader.Binary(http.Request.Headers, http.Request.ContentType!, data), null, null, http, ct);

    private async Task<CloudEventResult> IngestAsync(Func<IncomingCloudEvent> read, string? id, string? source,
        HttpContext http, CancellationToken ct)
    {
        try
        {
            var incoming = read();
            var cloudEvent = incoming.Event;
            (id, source) = (cloudEvent.Id!, cloudEvent.Source!.OriginalString);
            // Arriving as a CloudEvent does not widen what the caller may do over HTTP (docs/security.md).
            var policy = CloudEventTypes.PolicyOf(cloudEvent.Type!);
            if (!(await authorization.AuthorizeAsync(http.User, policy)).Succeeded)
                throw new AccessDeniedException(
                    $"{cloudEvent.Type} needs one of the roles: {string.Join(", ", Security.Policies.RolesFor[policy])}.");
            var context = new CommandContext(null, KeyOf(source, id), HashOf(incoming), Correlation.Id(http),
                $"{source}#{id}", http.User.Identity?.Name, CommandContext.CallerOf(http.User));
            var result = incoming.Command is not { } command
                ? await pipeline.ExecuteAsync(RegisterEndpoint.Registration(Deserialize<RegisterRequest>(incoming.Data),
                    intake.Value, lookup, pipeline.Now), context, ct)
                : await pipeline.ExecuteAsync((v, at) => command.Build(incoming.Target!, Deserialize(incoming.Data, command.Body), v, at),
                    context, http.User, ct);
            var answer = (CommandAnswerResult)result;
            return new CloudEventResult(id, source, answer.Status, answer.Answer, null);
        }
        catch (Exception e)
        {
            var problem = ProblemMapping.ProblemFor(e);
            if (problem is null)
            {
                logger.CloudEventFailed(e, id, source);
                problem = ProblemMapping.Internal();
                // In a batch the events before and after this one have answers of their own.
                problem.Detail = "The server failed to process this event; this event was not recorded. " +
                                 "Quote the correlation id when reporting it.";
            }
            problem.Extensions["correlationId"] = Correlation.Id(http);
            return new CloudEventResult(id, source, problem.Status!.Value, null, problem);
        }
    }

    private static RequestRejectedException NotStrictJson(JsonDefect defect)
    {
        var field = defect.Path == "$" ? "event" : defect.Path.TrimStart('$', '.');
        return new RequestRejectedException(StatusCodes.Status400BadRequest, "Malformed event",
            $"The event is not strict JSON: {field} {defect.Problem}.", new Dictionary<string, string[]> { [field] = [defect.Problem] });
    }

    private T Deserialize<T>(JsonElement data) => (T)Deserialize(data, typeof(T));

    /// <summary>
    /// The event's data as the command's body, refused as an HTTP body is and with the same problem type
    /// (<c>request-rejected</c>), an unknown member included (ADR 0042); the envelope's extension attributes are the
    /// CloudEvents reader's, which keeps them.
    /// </summary>
    private object Deserialize(JsonElement data, Type body)
    {
        if (UnknownMembers.In(data, body, json.Value.SerializerOptions, "data") is { Count: > 0 } unknown)
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "Malformed event",
                $"The event's data names members this command does not take: {string.Join(", ", unknown)}.",
                unknown.ToDictionary(path => path, _ => new[] { UnknownMembers.Problem }));
        try
        {
            return data.Deserialize(body, json.Value.SerializerOptions)!;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "Malformed event",
                "The event's data is not valid JSON for this command.", new Dictionary<string, string[]>
                {
                    [$"data{(e as JsonException)?.Path?.TrimStart('$')}"] = ["has the wrong type or is malformed"]
                });
        }
    }

    /// <summary>The idempotency key of (source, id): fixed length, whatever the two hold.</summary>
    private static string KeyOf(string source, string id) =>
        "cloudevent:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{source}\n{id}")));

    /// <summary>What "the same event" means: type, subject, plan version and data, compared canonically.</summary>
    private static string HashOf(IncomingCloudEvent incoming)
    {
        var cloudEvent = incoming.Event;
        var what = new
        {
            type = cloudEvent.Type, subject = cloudEvent.Subject, planversion = cloudEvent["planversion"]?.ToString(),
            data = incoming.Data
        };
        var text = new StringBuilder();
        CanonicalJson.Write(text, JsonSerializer.SerializeToElement(what));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
