using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Complaints.Client;

/// <summary>
/// What a command answers: the complaint, its version after the command (send it back as If-Match), the ledger number
/// of a new complaint and the version of a proposed plan.
/// </summary>
public sealed record CommandAnswer(Guid Id, long Version, string? Number, int? PlanVersion);

/// <summary><c>GET /api/complaints/{id}</c>, the members a caller decides on; <see cref="Body"/> holds the rest.</summary>
public sealed record Complaint(Guid Id, string Number, long Version, string Status, IReadOnlyList<string> AllowedActions)
{
    public JsonObject Body { get; init; } = [];
}

/// <summary>One event's answer in a CloudEvents batch: the command's answer, or the problem that refused it.</summary>
public sealed record CloudEventResult(string Id, int Status, CommandAnswer? Answer, JsonObject? Problem);

/// <summary>
/// A refusal (RFC 9457 problem+json): <see cref="Type"/> names it (validation, not-allowed, stale-version, …),
/// <see cref="Problem"/> holds its members (errors, allowedActions, currentVersion, correlationId).
/// </summary>
public sealed class ComplaintsProblemException(HttpStatusCode status, string? type, string? title, string? detail, JsonObject problem)
    : Exception($"{(int)status} {title ?? status.ToString()}: {detail}")
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>The last segment of the problem's type: <c>not-allowed</c>, <c>stale-version</c>, <c>validation</c>, …</summary>
    public string? Type { get; } = type?[(type.LastIndexOf('/') + 1)..];

    public string? Title { get; } = title;

    public string? Detail { get; } = detail;

    public JsonObject Problem { get; } = problem;

    /// <summary>A 409's allowed actions: what the complaint's state admits instead.</summary>
    public IReadOnlyList<string> AllowedActions =>
        Problem["allowedActions"] is JsonArray actions ? [.. actions.Select(a => a!.GetValue<string>())] : [];

    internal static async Task<ComplaintsProblemException> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        var problem = text.Length > 0 && TryParse(text) is { } parsed ? parsed : [];
        return new ComplaintsProblemException(response.StatusCode, (string?)problem["type"], (string?)problem["title"],
            (string?)problem["detail"] ?? (problem.Count == 0 ? text : null), problem);
    }

    private static JsonObject? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
