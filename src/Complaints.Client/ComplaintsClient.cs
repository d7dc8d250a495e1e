using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Complaints.Client;

/// <summary>
/// The engine's HTTP contract as methods (docs/contract/openapi.json; a test checks each operation and body against the
/// served document). The <see cref="HttpClient"/> carries the base address and the bearer token:
/// <code>
/// var http = new HttpClient { BaseAddress = new Uri("https://complaints.internal/") };
/// http.DefaultRequestHeaders.Authorization = new("Bearer", token);
/// var complaints = new ComplaintsClient(http);
/// var registered = await complaints.RegisterAsync(registration, CommandOptions.Idempotent());
/// </code>
/// A refusal throws <see cref="ComplaintsProblemException"/> naming the problem.
/// </summary>
public sealed class ComplaintsClient(HttpClient http)
{
    /// <summary>camelCase names and no nulls, as the contract reads them.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull
    };

    /// <summary>The operations this client sends, as "VERB /path" with the document's parameter names.</summary>
    public static IReadOnlyList<(string Verb, string Path, Type? Body)> Operations { get; } =
    [
        ("POST", "/api/complaints", typeof(Registration)),
        ("POST", "/api/complaints/{id}/forward", typeof(Forwarding)),
        ("POST", "/api/complaints/{id}/acknowledgements", typeof(Acknowledgement)),
        ("POST", "/api/complaints/{id}/verification", typeof(Verification)),
        ("POST", "/api/complaints/{id}/confirmation", typeof(Confirmation)),
        ("POST", "/api/complaints/{id}/action-plans", typeof(ActionPlan)),
        ("POST", "/api/complaints/{id}/action-plans/{planVersion}/approvals", typeof(Review)),
        ("POST", "/api/complaints/{id}/action-plans/{planVersion}/customer-response", typeof(CustomerAnswer)),
        ("POST", "/api/complaints/{id}/execution-reports", typeof(StepReport)),
        ("POST", "/api/complaints/{id}/execution-acceptance", typeof(ExecutionReview)),
        ("POST", "/api/complaints/{id}/handling-report", typeof(StepReport)),
        ("POST", "/api/complaints/{id}/handling-report/approvals", typeof(Review)),
        ("POST", "/api/complaints/{id}/closure", typeof(Closure)),
        ("POST", "/api/complaints/{id}/satisfaction", typeof(Satisfaction)),
        ("POST", "/api/complaints/{id}/reopen", typeof(Reopening)),
        ("POST", "/api/complaints/{id}/personal-data/erasure", typeof(Erasure)),
        ("POST", "/api/events", null),
        ("GET", "/api/complaints/{id}", null),
        ("GET", "/api/complaints/{id}/history", null),
        ("GET", "/health/ready", null)
    ];

    public Task<CommandAnswer> RegisterAsync(Registration body, CommandOptions? options = null, CancellationToken ct = default) =>
        CommandAsync("api/complaints", body, options, ct);

    public Task<CommandAnswer> ForwardAsync(Guid id, Forwarding body, CommandOptions? options = null, CancellationToken ct = default) =>
        CommandAsync($"api/complaints/{id}/forward", body, options, ct);

    public Task<CommandAnswer> AcknowledgeAsync(Guid id, Acknowledgement body, CommandOptions? options = null, CancellationToken ct = default) =>
        CommandAsync($"api/complaints/{id}/acknowledgements", body, options, ct);

    public Task<CommandAnswer> VerifyAsync(Guid id, Verification body, CommandOptions? options = null, CancellationToken ct = default) =>
        CommandAsync($"api/complaints/{id}/verification", body, options, ct);

    public Task<CommandAnswer> ConfirmAsync(Guid id, Confirmation body, CommandOptions? options = null, CancellationToken ct = default) =>
        CommandAsync($"api/complaints/{id}/confirmation", body, options, ct);

    public Task<CommandAnswer> ProposePlanAsync(Guid id, ActionPlan body, CommandOptions? options = null, CancellationToken ct = default) =>
        CommandAsync($"api/complaints/{id}/action-plans", body, options, ct);

    public Task<CommandAnswer> ReviewPlanAsync(Guid id, int planVersion, Review body, CommandOptions? options = null,
        CancellationToken ct = default) =>
        CommandAsync($"api/complaints/{id}/action-plans/{planVersion}/approvals", body, options, ct);

    public Task<CommandAnswer> RecordCustomerAnswerAsync(Guid id, int planVersion, CustomerAnswer body,
        CommandOptions? options = null, CancellationToken ct = default) =>
        CommandAsync($"api/complaints/{id}/action-plans/{planVersion}/customer-response", body, options, ct);

    public Task<CommandAnswer> ReportExecutionAsync(Guid id, StepReport body, CommandOptions? options = null, CancellationToken ct = default) =>
        CommandAsync($"api/complaints/{id}/execution-reports", body, options, ct);

    public Task<CommandAnswer> ReviewExecutionAsync(Guid id, ExecutionReview body, CommandOptions? options = null,
        CancellationToken ct = default) =>
        CommandAsync($"api/complaints/{id}/execution-acceptance", body, options, ct);

    public Task<CommandAnswer> CompileReportAsync(Guid id, StepReport body, CommandOptions? options = null, CancellationToken ct = default) =>
        CommandAsync($"api/complaints/{id}/handling-report", body, options, ct);

    public Task<CommandAnswer> ReviewReportAsync(Guid id, Review body, CommandOptions? options = null, CancellationToken ct = default) =>
        CommandAsync($"api/complaints/{id}/handling-report/approvals", body, options, ct);

    public Task<CommandAnswer> CloseAsync(Guid id, Closure body, CommandOptions? options = null, CancellationToken ct = default) =>
        CommandAsync($"api/complaints/{id}/closure", body, options, ct);

    public Task<CommandAnswer> RecordSatisfactionAsync(Guid id, Satisfaction body, CommandOptions? options = null,
        CancellationToken ct = default) =>
        CommandAsync($"api/complaints/{id}/satisfaction", body, options, ct);

    public Task<CommandAnswer> ReopenAsync(Guid id, Reopening body, CommandOptions? options = null, CancellationToken ct = default) =>
        CommandAsync($"api/complaints/{id}/reopen", body, options, ct);

    public Task<CommandAnswer> ErasePersonalDataAsync(Guid id, Erasure body, CommandOptions? options = null, CancellationToken ct = default) =>
        CommandAsync($"api/complaints/{id}/personal-data/erasure", body, options, ct);

    public async Task<Complaint> GetAsync(Guid id, CancellationToken ct = default)
    {
        var body = await ReadAsync<JsonObject>($"api/complaints/{id}", ct);
        return body.Deserialize<Complaint>(Json)! with { Body = body };
    }

    /// <summary>The complaint's events in order, as the contract writes them (version, type, at, actor, data, hash).</summary>
    public async Task<JsonArray> HistoryAsync(Guid id, CancellationToken ct = default) =>
        (JsonArray)(await ReadAsync<JsonObject>($"api/complaints/{id}/history", ct))["events"]!;

    /// <summary>
    /// Sends commands as a CloudEvents batch (structured JSON, <c>application/cloudevents-batch+json</c>); each has its
    /// own answer. Build them with <see cref="CloudEvents"/>; an event's source and id are its idempotency key.
    /// </summary>
    public async Task<IReadOnlyList<CloudEventResult>> SendEventsAsync(IEnumerable<JsonObject> events, CancellationToken ct = default)
    {
        using var content = new StringContent(new JsonArray([.. events]).ToJsonString(), System.Text.Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(CloudEvents.BatchContentType) { CharSet = "utf-8" };
        using var response = await http.PostAsync("api/events", content, ct);
        if (!response.IsSuccessStatusCode) throw await ComplaintsProblemException.ReadAsync(response, ct);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>(Json, ct))!;
        return [.. answer["results"]!.AsArray().Select(result => new CloudEventResult(
            (string)result!["id"]!, (int)result["status"]!,
            result["answer"]?.Deserialize<CommandAnswer>(Json), result["problem"] as JsonObject))];
    }

    private async Task<CommandAnswer> CommandAsync(string path, object body, CommandOptions? options, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, body.GetType(), options: Json) };
        if (options?.IdempotencyKey is { } key) request.Headers.Add("Idempotency-Key", key);
        if (options?.IfMatchVersion is { } version) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        if (options?.CorrelationId is { } correlation) request.Headers.Add("X-Correlation-Id", correlation);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) throw await ComplaintsProblemException.ReadAsync(response, ct);
        return (await response.Content.ReadFromJsonAsync<CommandAnswer>(Json, ct))!;
    }

    private async Task<T> ReadAsync<T>(string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        if (!response.IsSuccessStatusCode) throw await ComplaintsProblemException.ReadAsync(response, ct);
        return (await response.Content.ReadFromJsonAsync<T>(Json, ct))!;
    }
}
