using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Complaints.Domain;
using Complaints.Domain.Workflow;
using Complaints.Host.People;
using Complaints.Projections;
using Complaints.Projections.Reporting;
using Marten;
using MimeKit;

namespace Complaints.Host.Notifications;

/// <summary>The notification cannot be delivered as it stands (nobody to send it to, a template failed): recorded, not retried.</summary>
public sealed class NotificationUndeliverableException(string status, string reason, string? directoryGap = null)
    : Exception(reason)
{
    public string Status { get; } = status;

    /// <summary>The directory entry that had nobody in it, when that is why.</summary>
    public string? DirectoryGap { get; } = directoryGap;
}

/// <summary>A message ready to go, and the name its .eml file gets in the pickup folder.</summary>
public sealed record ComposedMail(MimeMessage Message, string FileName, string Language, IReadOnlyList<string> To);

/// <summary>
/// Turns a queued notification into a message at delivery time: its people are looked up in the directory as it is
/// now, the complaint is read as it is now, and the template of its kind is rendered in the recipients' language.
/// </summary>
public sealed class MailComposer(MailTemplates templates, SmtpOptions smtp, NotificationOptions options,
    HandlingReportBuilder reports, ReadModelSeal seal)
{
    /// <summary>
    /// <paramref name="complaint"/> and <paramref name="directory"/> are read once for all the notifications a delivery
    /// carries: the complaint as it is now (null when it no longer exists) and the directory entries they name.
    /// </summary>
    public async Task<ComposedMail> ComposeAsync(NotificationRecord record, ComplaintDetails? complaint,
        IReadOnlyDictionary<string, DirectoryEntry> directory, IDocumentSession session, CancellationToken ct)
    {
        if (record.ReportDeliveryId is { } deliveryId) return await ComposeReportAsync(record, deliveryId, directory, session, ct);
        if (complaint is null)
            throw new NotificationUndeliverableException(NotificationStatus.Failed, "the complaint no longer exists");
        var intake = seal.Open(complaint.Id, complaint.Intake!);
        if (record.Kind == NotificationKind.DeadlineWarning && Superseded(record, complaint) is { } why)
            throw new NotificationUndeliverableException(NotificationStatus.Cancelled, why);

        var (people, language) = record.ToCustomer ? Customer(record, intake) : Staff(record, directory);
        var report = record.Kind is NotificationKind.HandlingReport or NotificationKind.ActionPlan
            ? reports.Build(record.ComplaintId, (await session.Events.FetchStreamAsync(record.ComplaintId, token: ct))
                .Where(e => e.Data is IComplaintEvent).Select(e => new StreamEvent(e.Version, e.Sequence, (IComplaintEvent)e.Data)))
            : null;
        var rendered = templates.Render(record.Kind, language, Model(record, complaint, intake, people, report));

        var message = Message(record, rendered.Subject, people, ("X-Complaint-Number", complaint.Number));
        var body = new BodyBuilder { TextBody = rendered.Text, HtmlBody = rendered.Html };
        if (record.Kind == NotificationKind.HandlingReport && report is not null)
            body.Attachments.Add($"handling-report-{complaint.Number}.html",
                Encoding.UTF8.GetBytes(HandlingReportDocument.Html(report, language)), new ContentType("text", "html") { Charset = "utf-8" });
        message.Body = body.ToMessageBody();
        return new ComposedMail(message, $"{complaint.Number}-{WireNames.Of(record.Kind)}-{MessageIdOf(record)[..8]}", language,
            [.. people.Select(p => p.Email)]);
    }

    /// <summary>A scheduled report as stored, attached as its JSON, to the people of the record's directory entry.</summary>
    private async Task<ComposedMail> ComposeReportAsync(NotificationRecord record, string deliveryId,
        IReadOnlyDictionary<string, DirectoryEntry> directory, IDocumentSession session, CancellationToken ct)
    {
        var delivery = await session.LoadAsync<Reports.Scheduled.ReportDelivery>(deliveryId, ct)
                       ?? throw new NotificationUndeliverableException(NotificationStatus.Failed, "the report is no longer stored");
        var (people, language) = Staff(record, directory);
        var fileName = $"{delivery.Report}-{delivery.Period}.json";
        var (title, titleZh) = Reports.Scheduled.ScheduledReports.Titles[delivery.Report];
        var rendered = templates.Render(record.Kind, language, new Dictionary<string, object?>
        {
            ["report"] = new Dictionary<string, object?>
            {
                ["name"] = delivery.Report, ["title"] = title, ["titleZh"] = titleZh, ["period"] = delivery.Period,
                ["generatedAt"] = $"{delivery.GeneratedAt}", ["hash"] = delivery.Hash, ["fileName"] = fileName
            },
            ["recipients"] = string.Join(", ", people.Select(p => p.Name))
        });
        var message = Message(record, rendered.Subject, people, ("X-Report", delivery.Id));
        var body = new BodyBuilder { TextBody = rendered.Text, HtmlBody = rendered.Html };
        body.Attachments.Add(fileName, Encoding.UTF8.GetBytes(delivery.Content), new ContentType("application", "json") { Charset = "utf-8" });
        message.Body = body.ToMessageBody();
        return new ComposedMail(message, $"{delivery.Report}-{delivery.Period}-{MessageIdOf(record)[..8]}", language,
            [.. people.Select(p => p.Email)]);
    }

    /// <summary>From the engine to <paramref name="people"/>, with the notification's fixed Message-ID and kind.</summary>
    private MimeMessage Message(NotificationRecord record, string subject, IReadOnlyList<DirectoryPerson> people,
        (string Name, string Value) about)
    {
        var message = new MimeMessage { Subject = subject, MessageId = MessageIdOf(record) };
        message.From.Add(new MailboxAddress(smtp.FromName, smtp.From));
        foreach (var person in people) message.To.Add(new MailboxAddress(person.Name, person.Email));
        message.Headers.Add(about.Name, about.Value);
        message.Headers.Add("X-Notification-Kind", WireNames.Of(record.Kind));
        return message;
    }

    /// <summary>The same on every attempt, so a receiver can tell a repeat (docs/notifications.md).</summary>
    public static string MessageIdOf(NotificationRecord record) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(record.Id)))[..32] + "@complaints.invalid";

    /// <summary>A warning is only worth sending while its clock still runs towards the due instant it was computed for.</summary>
    private static string? Superseded(NotificationRecord record, ComplaintDetails complaint)
    {
        var deadline = complaint.Deadlines.Find(record.Facts["rule"], int.Parse(record.Facts["round"], CultureInfo.InvariantCulture));
        return deadline switch
        {
            null => "the clock no longer exists",
            { MetAt: not null } => "the step was done before the warning was due",
            { WithdrawnAt: not null } => "the clock was withdrawn",
            { PausedAt: not null } => "the clock is paused",
            _ when $"{deadline.DueAt}" != record.Facts["dueAt"] => "the clock's due instant moved",
            _ => null
        };
    }

    private (IReadOnlyList<DirectoryPerson>, string) Customer(NotificationRecord record, ComplaintIntake intake)
    {
        var address = seal.OpenOptional(record.ComplaintId, record.CustomerAddress) ?? intake.Customer.Email;
        if (address is null || intake.Customer == Domain.Customer.Erased && record.CustomerAddress is null)
            throw new NotificationUndeliverableException(NotificationStatus.Failed, "the customer has no email address");
        if (!DirectoryInput.IsMailbox(address))
            throw new NotificationUndeliverableException(NotificationStatus.Failed,
                record.CustomerAddress is null ? "the customer's address is not an email address"
                    : "the address given at closure (sentTo) is not an email address");
        return ([new DirectoryPerson(intake.Customer.Name, address, options.CustomerLanguage)], options.CustomerLanguage);
    }

    /// <summary>An entry with nobody in it is a gap an administrator must fill: the notification fails naming it.</summary>
    private static (IReadOnlyList<DirectoryPerson>, string) Staff(NotificationRecord record,
        IReadOnlyDictionary<string, DirectoryEntry> directory)
    {
        if (directory.GetValueOrDefault(record.DirectoryEntry!) is not { People.Count: > 0 } entry)
            throw new NotificationUndeliverableException(NotificationStatus.Failed,
                $"nobody in the directory for {record.DirectoryEntry} (PUT /api/directory/{record.DirectoryEntry})",
                record.DirectoryEntry);
        return (entry.People, entry.People[0].Language);
    }

    private static Dictionary<string, object?> Model(NotificationRecord record, ComplaintDetails complaint,
        ComplaintIntake intake, IReadOnlyList<DirectoryPerson> people, HandlingReport? report)
    {
        var plan = report?.Plans.LastOrDefault(p => record.Facts.TryGetValue("planVersion", out var v) && $"{p.PlanVersion}" == v);
        return new Dictionary<string, object?>
        {
            ["complaint"] = new Dictionary<string, object?>
            {
                ["id"] = $"{complaint.Id}",
                ["number"] = complaint.Number,
                ["status"] = complaint.Status,
                ["severity"] = WireNames.Of(intake.Severity),
                ["category"] = intake.Category,
                ["department"] = intake.ResponsibleDepartment,
                ["region"] = intake.Region,
                ["description"] = intake.Description,
                ["expectation"] = intake.CustomerExpectation,
                ["requestedResolutionDate"] = $"{intake.RequestedResolutionDate:uuuu-MM-dd}",
                ["receivedAt"] = $"{intake.ReceivedAt}",
                ["customerName"] = intake.Customer.Name
            },
            ["recipients"] = string.Join(", ", people.Select(p => p.Name)),
            ["facts"] = record.Facts.ToDictionary(f => f.Key, f => (object?)f.Value),
            ["plan"] = plan is null ? null : new Dictionary<string, object?>
            {
                ["version"] = plan.PlanVersion, ["rootCause"] = plan.RootCause,
                ["correctiveActions"] = plan.CorrectiveActions, ["preventiveActions"] = plan.PreventiveActions
            },
            ["report"] = report?.HandlingReports.LastOrDefault() is { } draft
                ? new Dictionary<string, object?> { ["summary"] = draft.Summary } : null
        };
    }
}
