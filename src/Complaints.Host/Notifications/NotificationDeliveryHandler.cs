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
    public static Task Handle(DeliverNotifications message, IDocumentSession session, IMessageBus bus,
        MailComposer composer, IMailTransport transport, NotificationOptions options, IClock clock,
        ILogger<DeliverNotifications> logger, CancellationToken ct) =>
        DeliverAsync(message.NotificationIds, session, bus, composer, transport, options, clock, logger, ct);

    public static Task Handle(DeliverNotification message, IDocumentSession session, IMessageBus bus,
        MailComposer composer, IMailTransport transport, NotificationOptions options, IClock clock,
        ILogger<DeliverNotifications> logger, CancellationToken ct) =>
        DeliverAsync([message.NotificationId], session, bus, composer, transport, options, clock, logger, ct);

    private static async Task DeliverAsync(IReadOnlyList<string> ids, IDocumentSession session, IMessageBus bus,
        MailComposer composer, IMailTransport transport, NotificationOptions options, IClock clock, ILogger logger,
        CancellationToken ct)
    {
        var records = (await session.LoadManyAsync<NotificationRecord>(ct, ids))
            .Where(r => r.Status == NotificationStatus.Queued).OrderBy(r => r.EventVersion).ThenBy(r => r.Id).ToList();
        if (records.Count == 0) return;
        var complaints = (await session.LoadManyAsync<ComplaintDetails>(ct, records.Select(r => r.ComplaintId).Distinct()))
            .ToDictionary(c => c.Id);
        var entries = records.Select(r => r.DirectoryEntry).OfType<string>().Distinct().ToArray();
        var directory = entries.Length == 0
            ? new Dictionary<string, DirectoryEntry>()
            : (await session.LoadManyAsync<DirectoryEntry>(ct, entries)).ToDictionary(e => e.Id);

        var retries = new Dictionary<TimeSpan, List<string>>();
        foreach (var record in records)
        {
            try
            {
                var mail = await composer.ComposeAsync(record, complaints.GetValueOrDefault(record.ComplaintId), directory, session, ct);
                record.To = [.. mail.To];
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
                again.Add(record.Id);
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
            session.Store(record);
        }
        foreach (var (delay, again) in retries) await bus.ScheduleAsync(new DeliverNotifications(again), delay);
    }
}
