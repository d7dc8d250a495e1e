using System.Text.Json;
using System.Text.Json.Nodes;

namespace Complaints.Client;

/// <summary>
/// Commands as CloudEvents 1.0 in structured mode (docs/integration.md): <c>type</c> names the command, <c>subject</c>
/// the complaint (all but a registration), <c>data</c> is the HTTP command's body, and <c>source</c> with <c>id</c> is the
/// idempotency key, so the same event sent again gets its first answer.
/// </summary>
public static class CloudEvents
{
    public const string ContentType = "application/cloudevents+json";
    public const string BatchContentType = "application/cloudevents-batch+json";
    public const string TypePrefix = "com.complaints.";

    public static JsonObject Register(string source, string id, Registration registration) =>
        Command(source, id, "register", subject: null, registration);

    /// <summary>
    /// Any command by its type's last segment (forward, acknowledge, verify, confirm, propose-action-plan,
    /// review-action-plan, record-customer-response, …) on the complaint <paramref name="subject"/>;
    /// <paramref name="planVersion"/> for the plan's approvals and the customer's answer.
    /// </summary>
    public static JsonObject Command(string source, string id, string type, Guid? subject, object data, int? planVersion = null)
    {
        var cloudEvent = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = source,
            ["type"] = TypePrefix + type,
            ["datacontenttype"] = "application/json",
            ["data"] = JsonSerializer.SerializeToNode(data, data.GetType(), ComplaintsClient.Json)
        };
        if (subject is { } complaint) cloudEvent["subject"] = complaint.ToString();
        if (planVersion is { } plan) cloudEvent["planversion"] = plan;
        return cloudEvent;
    }
}
