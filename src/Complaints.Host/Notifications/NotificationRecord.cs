using Complaints.Domain;
using Complaints.Domain.Workflow;
using Complaints.Host.Complaints.Writing;
using Complaints.Projections;
using NodaTime;
using Wolverine;

namespace Complaints.Host.Notifications;

public static class NotificationStatus
{
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Failed = "failed";

    /// <summary>A warning whose clock was met, paused or withdrawn before it fell due: nothing to warn of.</summary>
    public const string Cancelled = "cancelled";
}

/// <summary>
/// One notification as a fact of its complaint (docs/adr/0027): stored with the events that caused it, in their
/// commit, then updated by its delivery. The id is fixed by the complaint, the causing event's version and what the
/// notification is, so the message carries the same <c>Message-ID</c> on every attempt.
/// </summary>
public sealed class NotificationRecord
{
    public string Id { get; set; } = "";
    public Guid ComplaintId { get; set; }
    /// <summary>The version of the event that caused it.</summary>
    public long EventVersion { get; set; }
    public NotificationKind Kind { get; set; }

    /// <summary>For staff: the directory entry (<c>region/department/role</c>) the people are looked up in.</summary>
    public string? DirectoryEntry { get; set; }

    /// <summary>For the customer: the address given at closure, sealed (docs/adr/0040), or null for the registered one.</summary>
    public string? CustomerAddress { get; set; }
    public bool ToCustomer { get; set; }
    public Dictionary<string, string> Facts { get; set; } = [];
    public Instant QueuedAt { get; set; }

    public string Status { get; set; } = NotificationStatus.Queued;
    public int Attempts { get; set; }
    /// <summary>The addresses it went (or was to go) to, once resolved; the customer's sealed.</summary>
    public List<string> To { get; set; } = [];
    public string? Subject { get; set; }
    public string? Language { get; set; }
    public Instant? SentAt { get; set; }
    public string? MessageId { get; set; }
    /// <summary>Why it failed or was cancelled, or why the last attempt did not go through.</summary>
    public string? Reason { get; set; }

    /// <summary>The directory entry it failed on because nobody was in it.</summary>
    public string? DirectoryGap { get; set; }

    /// <summary>For a scheduled report (no complaint's): the <c>ReportDelivery</c> it mails.</summary>
    public string? ReportDeliveryId { get; set; }

    /// <summary>Whom it is for, in words fit for a log: no personal data.</summary>
    public string Addressee => DirectoryEntry ?? "customer";

    public static NotificationRecord Queue(Guid complaint, long eventVersion, Notification notification, Instant now,
        ReadModelSeal seal) => new()
        {
            Id = $"{complaint:N}-{eventVersion}-{notification.Key}",
            ComplaintId = complaint,
            EventVersion = eventVersion,
            Kind = notification.Kind,
            DirectoryEntry = notification.To is Recipient.Staff staff ? People.DirectoryEntry.IdOf(staff) : null,
            ToCustomer = notification.To is Recipient.Customer,
            CustomerAddress = seal.SealOptional(complaint, (notification.To as Recipient.Customer)?.Address),
            Facts = new Dictionary<string, string>(notification.Facts),
            QueuedAt = now
        };

    /// <summary>A scheduled report for the people of one directory entry; its id is fixed by the two (docs/adr/0031).</summary>
    public static NotificationRecord ForReport(string deliveryId, string directoryEntry, Instant now) => new()
    {
        Id = $"{deliveryId}:{directoryEntry}",
        Kind = NotificationKind.ScheduledReport,
        DirectoryEntry = directoryEntry,
        ReportDeliveryId = deliveryId,
        QueuedAt = now
    };
}

/// <summary>
/// The durable message that delivers what one write queued, all of it at once (one read, one commit for every
/// outcome); a retry is this message scheduled again with the notifications still to go. It names the complaints and
/// directory entries those notifications need, so the handler reads them with the notifications in one round trip;
/// both are null in a message queued before they were carried.
/// </summary>
public sealed record DeliverNotifications(IReadOnlyList<string> NotificationIds, IReadOnlyList<Guid>? ComplaintIds = null,
    IReadOnlyList<string>? DirectoryEntries = null)
{
    public static DeliverNotifications Of(IReadOnlyCollection<NotificationRecord> records) => new(
        [.. records.Select(r => r.Id)],
        [.. records.Select(r => r.ComplaintId).Where(id => id != Guid.Empty).Distinct()],
        [.. records.Select(r => r.DirectoryEntry).OfType<string>().Distinct()]);

    /// <summary>
    /// Several deliveries as one; what they need is named only if every one names it (a message queued before it
    /// carried the complaints and entries has them read after its notifications).
    /// </summary>
    public static DeliverNotifications Together(IReadOnlyList<DeliverNotifications> messages) => messages.Count == 1
        ? messages[0]
        : new DeliverNotifications(
            [.. messages.SelectMany(m => m.NotificationIds).Distinct()],
            messages.All(m => m.ComplaintIds is not null) ? [.. messages.SelectMany(m => m.ComplaintIds!).Distinct()] : null,
            messages.All(m => m.DirectoryEntries is not null) ? [.. messages.SelectMany(m => m.DirectoryEntries!).Distinct()] : null);
}

/// <summary>
/// One notification's delivery as engines before ADR 0037 queued it, a warning scheduled for its instant among
/// them: one still stored after an upgrade is delivered like the others.
/// </summary>
public sealed record DeliverNotification(string NotificationId);

/// <summary>
/// What the one appender adds for notifications: each one the decision asks for is stored, and one message delivers
/// them all, in the command's own session, so they commit with their events or not at all (docs/adr/0027, 0037).
/// </summary>
public sealed class NotificationQueue(NotificationOptions options, ReadModelSeal seal)
{
    public async Task QueueAsync(Marten.IDocumentSession session, IMessageBus bus, HeldStream held, Decision decision,
        Instant now)
    {
        if (!options.Enabled) return;
        var records = new List<NotificationRecord>(decision.Notifications.Count);
        foreach (var notification in decision.Notifications)
        {
            var index = IndexOf(decision.Events, notification.Cause);
            var record = NotificationRecord.Queue(held.Id, held.Version + 1 + index, notification, now, seal);
            session.Store(record);
            records.Add(record);
        }
        await bus.SendAsync(DeliverNotifications.Of(records));
    }

    private static int IndexOf(IReadOnlyList<IComplaintEvent> events, IComplaintEvent cause)
    {
        for (var i = 0; i < events.Count; i++)
            if (ReferenceEquals(events[i], cause)) return i;
        throw new InvalidOperationException($"A notification's cause {cause.GetType().Name} is not among the decision's events.");
    }
}
