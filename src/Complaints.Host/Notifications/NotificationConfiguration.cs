using Complaints.Host.Deadlines;
using Complaints.Host.Infrastructure;
using Complaints.Host.People;
using Complaints.Projections.Reporting;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Complaints.Host.Notifications;

public static class NotificationConfiguration
{
    public const string Queue = "notifications";

    public static WebApplicationBuilder AddComplaintNotifications(this WebApplicationBuilder builder)
    {
        builder.AddSettings<SmtpOptions>(SmtpOptions.Section, smtp => smtp.Problems());
        builder.AddSettings<NotificationOptions>(NotificationOptions.Section, notifications => notifications.Problems());
        builder.AddSettings<DirectoryOptions>(DirectoryOptions.Section, directory => directory.Problems());
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<SmtpOptions>>().Value);
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<NotificationOptions>>().Value);
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<DirectoryOptions>>().Value);
        builder.Services.AddSingleton(services => MailTemplates.Load(services.GetRequiredService<NotificationOptions>().TemplateDirectory));
        builder.Services.AddSingleton<IMailTransport>(services =>
        {
            var smtp = services.GetRequiredService<SmtpOptions>();
            return smtp.Configured
                ? new SmtpMailTransport(smtp)
                : new PickupMailTransport(Path.GetFullPath(services.GetRequiredService<NotificationOptions>().PickupDirectory
                                                           ?? EmbeddedPostgres.CheckoutData("mail")));
        });
        builder.Services.AddSingleton(services =>
            new HandlingReportBuilder(services.GetRequiredService<Rules.RuleHistory>().CalendarSource));
        builder.Services.AddSingleton<MailComposer>();
        builder.Services.AddSingleton<NotificationQueue>();
        builder.Services.AddSingleton<DirectoryGaps>();
        builder.Services.AddHostedService<MailStartup>();
        builder.Services.ConfigureMarten(options =>
        {
            options.Schema.For<NotificationRecord>().Index(n => n.ComplaintId).Index(n => n.DirectoryGap);
            options.Schema.For<DirectoryEntry>();
            options.Schema.For<DirectoryChange>().Index(c => c.EntryId);
        });
        return builder;
    }

    /// <summary>Deliveries wait in a durable local queue, so a message queued is never lost to a restart or an outage.</summary>
    public static void RouteNotifications(this WolverineOptions wolverine)
    {
        wolverine.PublishMessage<DeliverNotifications>().ToLocalQueue(Queue);
        wolverine.PublishMessage<DeliverNotification>().ToLocalQueue(Queue);
        // Writes that queue notifications in the same quarter second are delivered together (docs/adr/0037, addendum):
        // the members stay in the durable inbox until their batch commits. A batch that fails is tried once more and
        // then member by member, so one write's failure does not hold back the others'.
        wolverine.BatchMessagesOf<DeliverNotifications>(batching =>
        {
            batching.BatchSize = 50;
            batching.TriggerTime = TimeSpan.FromMilliseconds(250);
            batching.LocalExecutionQueueName = Queue;
            batching.ProbeIndividuallyAfter(2);
        });
    }

    /// <summary>Says at start where mail goes and checks the templates, so a broken one stops the engine at once.</summary>
    private sealed class MailStartup(IMailTransport transport, MailTemplates templates, ILogger<MailStartup> logger)
        : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = templates;
            logger.MailDestination(transport.Describe());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
