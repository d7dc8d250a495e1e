using Complaints.Domain;
using Complaints.Host.People;
using Complaints.Projections;
using Marten;
using NodaTime;
using Wolverine;

namespace Complaints.Host.Notifications;

/// <summary>
/// Delivers what one write queued, from the durable queue. A record that is no longer queued (sent, failed, cancelled)
/// is never sent again, whoever delivers the message again; a server that is down or answers 4xx is tried again after
/// the next back-off delay, the retry scheduled in this handler's own commit, until the delays run out. Each
/// notification has its own outcome: one that fails does not hold back the others. Logs name the notification, its
/// kind and its directory entry, never an address or a name.
/// </summary>
public static class NotificationDeliveryHandler
{
    /// <summary>
    /// The deliveries of the writes queued in the same moment, together (NotificationConfiguration): one read of their
    /// records, complaints and entries and one commit for all, instead of one of each per write.
    /// </summary>
    public static async Task Handle(DeliverNotifications[] messages, IDocumentSession session, IMessageBus bus,
        MailComposer composer, IMailTransport transport, NotificationOptions options, IClock clock, ReadModelSeal seal,
        ILogger<DeliverNotifications> logger, CancellationToken ct) =>
        await DeliverAsync(await ReadAsync(DeliverNotifications.Together(messages), session, ct), session, bus, composer,
            transport, options, clock, seal, logger, ct);

    public static async Task Handle(DeliverNotification message, IDocumentSession session, IMessageBus bus,
        MailComposer composer, IMailTransport transport, NotificationOptions options, IClock clock, ReadModelSeal seal,
        ILogger<DeliverNotifications> logger, CancellationToken ct) =>
        await DeliverAsync(await ReadAsync(new DeliverNotifications([message.NotificationId]), session, ct), session, bus,
            composer, transport, options, clock, seal, logger, ct);

    /// <summary>The notifications still queued, oldest first, with the complaints and directory entries they need.</summary>
    private sealed record Delivery(List<NotificationRecord> Records, Dictionary<Guid, ComplaintDetails> Complaints,
        Dictionary<string, DirectoryEntry> Directory);

    /// <summary>
    /// Reads the notifications with the complaints and entries the message names in one batch; a message that names
    /// only the notifications (queued before it carried the rest) has what they need read after them.
    /// </summary>
    private static async Task<Delivery> ReadAsync(DeliverNotifications message, IDocumentSession session, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var records = batch.LoadMany<NotificationRecord>().ById([.. message.NotificationIds]);
        var complaints = message.ComplaintIds is { Count: > 0 } ids ? batch.LoadMany<ComplaintDetails>().ById([.. ids]) : null;
        var entries = message.DirectoryEntries is { Count: > 0 } named ? batch.LoadMany<DirectoryEntry>().ById([.. named]) : null;
        await batch.Execute(ct);
        var queued = (await records).Where(r => r.Status == NotificationStatus.Queued)
            .OrderBy(r => r.EventVersion).ThenBy(r => r.Id).ToList();
        var complaintsRead = complaints is not null ? await complaints
            : message.ComplaintIds is null && queued.Count > 0
                ? await session.LoadManyAsync<ComplaintDetails>(ct, queued.Select(r => r.ComplaintId).Distinct())
                : [];
        var unnamed = queued.Select(r => r.DirectoryEntry).OfType<string>().Distinct().ToArray();
        var entriesRead = entries is not null ? await entries
            : message.DirectoryEntries is null && unnamed.Length > 0 ? await session.LoadManyAsync<DirectoryEntry>(ct, unnamed)
            : [];
        return new Delivery(queued, complaintsRead.ToDictionary(c => c.Id), entriesRead.ToDictionary(e => e.Id));
    }

    private static async Task DeliverAsync(Delivery delivery, IDocumentSession session, IMessageBus bus,
        MailComposer composer, IMailTransport transport, NotificationOptions options, IClock clock, ReadModelSeal seal,
        ILogger logger, CancellationToken ct)
    {
        var (records, complaints, directory) = delivery;
        if (records.Count == 0) return;
        var retries = new Dictionary<TimeSpan, List<NotificationRecord>>();
        foreach (var record in records)
        {
            try
            {
                var mail = await composer.ComposeAsync(record, complaints.GetValueOrDefault(record.ComplaintId), directory, session, ct);
                record.To = record.ToCustomer ? [.. mail.To.Select(to => seal.Seal(record.ComplaintId, to))] : [.. mail.To];
                record.Subject = mail.Message.Subject;
                record.Language = mail.Language;
                record.MessageId = mail.Message.MessageId;
                record.Attempts++;
                await transport.SendAsync(mail.Message, mail.FileName, ct);
                record.Status = NotificationStatus.Sent;
                record.SentAt = clock.GetCurrentInstant();
                record.Reason = null;
                logger.NotificationSent(record.Id, WireNames.Of(record.Kind), record.Addressee, record.Attempts);
            }
            catch (MailDeferredException e) when (record.Attempts <= options.Delays.Count)
            {
                var delay = options.Delays[record.Attempts - 1];
                record.Reason = e.Message;
                if (!retries.TryGetValue(delay, out var again)) retries[delay] = again = [];
                again.Add(record);
                logger.NotificationDeferred(record.Id, WireNames.Of(record.Kind), record.Addressee, record.Attempts, delay, e.GetType().Name);
            }
            catch (Exception e) when (e is MailDeferredException or MailRefusedException or NotificationUndeliverableException
                                          or TemplateRenderException)
            {
                record.Status = (e as NotificationUndeliverableException)?.Status ?? NotificationStatus.Failed;
                record.Reason = e is MailDeferredException ? $"given up after {record.Attempts} attempts: {e.Message}" : e.Message;
                record.DirectoryGap = (e as NotificationUndeliverableException)?.DirectoryGap;
                // A gap in the directory is the readiness check's to report, once, not a warning per notification.
                var level = record.DirectoryGap is null ? LogLevel.Warning : LogLevel.Information;
                if (logger.IsEnabled(level))
                    logger.NotificationEnded(level, record.Id, WireNames.Of(record.Kind), record.Addressee, record.Status, record.Attempts);
            }
            // Update, not Store: a record removed meanwhile (a reset of the store) stays removed instead of coming back
            // under the id a later report or write would queue with.
            session.Update(record);
        }
        foreach (var (delay, again) in retries) await bus.ScheduleAsync(DeliverNotifications.Of(again), delay);
    }
}
