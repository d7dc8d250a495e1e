using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Complaints.Domain;
using Complaints.Host.Audit;
using Complaints.Host.Complaints.Registering;
using Complaints.Host.Infrastructure;
using Marten;
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
    ComplaintCommandPipeline pipeline, IDocumentStore store, IOptions<IntakeOptions> intake,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IAuthorizationService authorization,
    ILogger<CloudEventIngest> logger)
{
    public const int MaxIdLength = 200;

    public async Task<CloudEventResult> IngestAsync(JsonNode? node, HttpContext http, CancellationToken ct)
    {
        var cloudEvent = node as JsonObject;
        var (id, source) = (Attribute(cloudEvent, "id"), Attribute(cloudEvent, "source"));
        try
        {
            var command = Read(cloudEvent, out var data, out var type);
            // Arriving as a CloudEvent does not widen what the caller may do over HTTP (docs/security.md).
            var policy = CloudEventTypes.PolicyOf(type);
            if (!(await authorization.AuthorizeAsync(http.User, policy)).Succeeded)
                throw new AccessDeniedException(
                    $"{type} needs one of the roles: {string.Join(", ", Security.Policies.RolesFor[policy])}.");
            var context = new CommandContext(null, KeyOf(source!, id!), HashOf(cloudEvent!, data), Correlation.Id(http),
                $"{source}#{id}", http.User.Identity?.Name);
            var result = type == CloudEventTypes.Register
                ? await pipeline.ExecuteAsync(await RegisterEndpoint.CommandAsync(Deserialize<RegisterRequest>(data),
                    store, intake.Value, pipeline.Now, ct), context, ct)
                : await pipeline.ExecuteAsync((v, at) => command!.Build(Target(cloudEvent!, command, v), Deserialize(data, command.Body), v, at),
                    context, http.User, ct);
            var answer = (CommandAnswerResult)result;
            return new CloudEventResult(id, source, answer.Status, answer.Answer, null);
        }
        catch (Exception e)
        {
            var problem = ProblemMapping.ProblemFor(e);
            if (problem is null)
            {
                logger.LogError(e, "Unhandled failure on CloudEvent {Id} from {Source}", id, source);
                problem = ProblemMapping.Internal();
            }
            problem.Extensions["correlationId"] = Correlation.Id(http);
            return new CloudEventResult(id, source, problem.Status!.Value, null, problem);
        }
    }

    /// <summary>The context attributes of CloudEvents 1.0 structured mode, checked; unknown extensions are ignored.</summary>
    private static CloudEventCommand? Read(JsonObject? cloudEvent, out JsonObject data, out string type)
    {
        var v = new Validator();
        data = cloudEvent?["data"] as JsonObject ?? [];
        type = Attribute(cloudEvent, "type") ?? "";
        if (cloudEvent is null)
        {
            v.Add("event", "must be a JSON object (a CloudEvent in structured mode)");
            v.ThrowIfInvalid();
        }
        if (Attribute(cloudEvent, "specversion") != "1.0") v.Add("specversion", "must be \"1.0\"");
        if (Attribute(cloudEvent, "id") is not { Length: > 0 and <= MaxIdLength })
            v.Add("id", $"is required, at most {MaxIdLength} characters");
        if (Attribute(cloudEvent, "source") is not { Length: > 0 }) v.Add("source", "is required");
        if (Attribute(cloudEvent, "datacontenttype") is { } contentType && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            v.Add("datacontenttype", "must be application/json");
        if (cloudEvent!["data"] is not JsonObject) v.Add("data", "must be the command's body, a JSON object");
        var command = CloudEventTypes.Commands.GetValueOrDefault(type);
        if (command is null && type != CloudEventTypes.Register)
            v.Add("type", $"must be one of {string.Join(", ", CloudEventTypes.All)}");
        v.ThrowIfInvalid();
        return command;
    }

    private static CommandTarget Target(JsonObject cloudEvent, CloudEventCommand command, Validator v)
    {
        if (!Guid.TryParse(Attribute(cloudEvent, "subject"), out var complaint))
            v.Add("subject", "must be the complaint id");
        var plan = 0;
        if (command.TargetsPlan && !int.TryParse(cloudEvent["planversion"]?.ToString(), out plan))
            v.Add("planversion", "is required for this type: the plan version, as in the HTTP path");
        return new CommandTarget(complaint, plan);
    }

    private T Deserialize<T>(JsonObject data) => (T)Deserialize(data, typeof(T));

    private object Deserialize(JsonObject data, Type body)
    {
        try
        {
            return data.Deserialize(body, json.Value.SerializerOptions)!;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidCommandException(new Dictionary<string, string[]>
            {
                [$"data{(e as JsonException)?.Path?.TrimStart('$')}"] = ["has the wrong type or is malformed"]
            });
        }
    }

    private static string? Attribute(JsonObject? cloudEvent, string name) =>
        cloudEvent?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The idempotency key of (source, id): fixed length, whatever the two hold.</summary>
    private static string KeyOf(string source, string id) =>
        "cloudevent:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{source}\n{id}")));

    /// <summary>What "the same event" means: type, subject, plan version and data, compared canonically.</summary>
    private static string HashOf(JsonObject cloudEvent, JsonObject data)
    {
        var text = new StringBuilder();
        var what = new JsonObject
        {
            ["type"] = Attribute(cloudEvent, "type"), ["subject"] = Attribute(cloudEvent, "subject"),
            ["planversion"] = cloudEvent["planversion"]?.ToString(), ["data"] = data.DeepClone()
        };
        CanonicalJson.Write(text, JsonSerializer.SerializeToElement(what));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
