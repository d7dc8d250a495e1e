using System.Text.Json;
using Complaints.Domain;
using Complaints.Domain.Deadlines;
using NodaTime;

namespace Complaints.Host.Webhooks;

/// <summary>One event for one subscriber, with its body fixed when the event was recorded.</summary>
public sealed record WebhookDelivery(string Subscriber, string DeliveryId, string Type, string Body);

/// <summary>What a subscriber receives: the event, without the customer's personal data.</summary>
public sealed record WebhookPayload(
    string DeliveryId, string Type, Guid ComplaintId, long Version, Instant OccurredAt, object Details);

/// <summary>Turns newly recorded events into the deliveries their subscribers want.</summary>
public sealed class Webhooks(WebhookOptions options, JsonSerializerOptions json)
{
    public static readonly IReadOnlyList<string> EventTypes =
        [nameof(ComplaintReceived), nameof(DeadlineMissed), nameof(Escalated), nameof(ComplaintClosed)];

    /// <param name="firstVersion">The version of the first of <paramref name="events"/>.</param>
    public IReadOnlyList<WebhookDelivery> For(Guid complaint, long firstVersion, IReadOnlyList<IComplaintEvent> events,
        Instant at)
    {
        var deliveries = new List<WebhookDelivery>();
        for (var i = 0; i < events.Count; i++)
        {
            if (Details(events[i]) is not { } details) continue;
            var type = events[i].GetType().Name;
            foreach (var subscriber in options.Subscribers.Where(s => s.Events.Count == 0 || s.Events.Contains(type)))
            {
                // The same id on every attempt: a receiver that already has it can ignore a repeat.
                var id = $"{complaint:N}-{firstVersion + i}-{subscriber.Name}";
                var body = JsonSerializer.Serialize(
                    new WebhookPayload(id, type, complaint, firstVersion + i, at, details), json);
                deliveries.Add(new WebhookDelivery(subscriber.Name, id, type, body));
            }
        }
        return deliveries;
    }

    private static object? Details(IComplaintEvent e) => e switch
    {
        ComplaintReceived r => new
        {
            r.Number, r.Intake.Severity, r.Intake.Category, Department = r.Intake.ResponsibleDepartment,
            r.Intake.Region, r.Intake.Channel, r.RegisteredAt
        },
        DeadlineMissed missed => missed,
        Escalated escalated => escalated,
        ComplaintClosed closed => new { closed.ClosedAt, closed.By },
        _ => null
    };
}
