using Complaints.Domain;
using Marten;
using NodaTime;
using Wolverine;

namespace Complaints.Host.Notifications;

/// <summary>
/// Delivers one notification from the durable queue. A record that is no longer queued (sent, failed, cancelled) is
/// never sent again, whoever delivers the message again; a server that is down or answers 4xx is tried again after
/// the next back-off delay, the retry scheduled in this handler's own commit, until the delays run out. Logs name the
/// notification, its kind and its directory entry, never an address or a name.
/// </summary>
public static class NotificationDeliveryHandler
{
    public static async Task Handle(DeliverNotification message, IDocumentSession session, IMessageBus bus,
        MailComposer composer, IMailTransport transport, NotificationOptions options, IClock clock,
        ILogger<DeliverNotification> logger, CancellationToken ct)
    {
        var record = await session.LoadAsync<NotificationRecord>(message.NotificationId, ct);
        if (record is not { Status: NotificationStatus.Queued }) return;

        try
        {
            var mail = await composer.ComposeAsync(record, session, ct);
            record.To = [.. mail.To];
            record.Subject = mail.Message.Subject;
            record.Language = mail.Language;
            record.MessageId = mail.Message.MessageId;
            record.Attempts++;
            await transport.SendAsync(mail.Message, mail.FileName, ct);
            record.Status = NotificationStatus.Sent;
            record.SentAt = clock.GetCurrentInstant();
            record.Reason = null;
            logger.LogInformation("Notification {Notification} ({Kind} to {Addressee}) sent on attempt {Attempt}",
                record.Id, WireNames.Of(record.Kind), record.Addressee, record.Attempts);
        }
        catch (MailDeferredException e) when (record.Attempts <= options.Delays.Count)
        {
            var delay = options.Delays[record.Attempts - 1];
            record.Reason = e.Message;
            await bus.ScheduleAsync(message, delay);
            logger.LogWarning("Notification {Notification} ({Kind} to {Addressee}) deferred on attempt {Attempt}, next in {Delay}: {Reason}",
                record.Id, WireNames.Of(record.Kind), record.Addressee, record.Attempts, delay, e.GetType().Name);
        }
        catch (Exception e) when (e is MailDeferredException or MailRefusedException or NotificationUndeliverableException
                                      or TemplateRenderException)
        {
            record.Status = (e as NotificationUndeliverableException)?.Status ?? NotificationStatus.Failed;
            record.Reason = e is MailDeferredException ? $"given up after {record.Attempts} attempts: {e.Message}" : e.Message;
            record.DirectoryGap = (e as NotificationUndeliverableException)?.DirectoryGap;
            logger.LogWarning("Notification {Notification} ({Kind} to {Addressee}) {Status} after {Attempts} attempts",
                record.Id, WireNames.Of(record.Kind), record.Addressee, record.Status, record.Attempts);
        }
        session.Store(record);
    }
}
