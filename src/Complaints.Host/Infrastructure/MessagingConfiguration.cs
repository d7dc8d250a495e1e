using Complaints.Host.Deadlines;
using Complaints.Host.Notifications;
using Complaints.Host.Webhooks;
using Complaints.Projections;
using JasperFx;
using JasperFx.CodeGeneration;
using Wolverine.ErrorHandling;
using Wolverine;
using Wolverine.Configuration;

namespace Complaints.Host.Infrastructure;

public static class MessagingConfiguration
{
    /// <summary>
    /// Wolverine with pre-generated handler code (docs/adr/0005): start-up loads the committed types from
    /// Internal/Generated instead of compiling them; `dotnet run -- codegen write` refreshes them.
    /// </summary>
    public const string DeadlineQueue = "deadlines";

    public static WebApplicationBuilder AddComplaintMessaging(this WebApplicationBuilder builder)
    {
        builder.Host.ApplyJasperFxExtensions();
        builder.Services.CritterStackDefaults(defaults =>
        {
            defaults.Development.GeneratedCodeMode = TypeLoadMode.Static;
            defaults.Production.GeneratedCodeMode = TypeLoadMode.Static;
        });
        builder.Host.UseWolverine(options =>
        {
            // Under WebApplicationFactory the entry assembly is the test assembly; handlers live here.
            options.ApplicationAssembly = typeof(MessagingConfiguration).Assembly;
            options.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
            options.UseSystemTextJsonForSerialization(json => ComplaintJson.Configure(json));
            // Like the event store's schema: compared with the database at start only where it is applied at start;
            // elsewhere Wolverine only checks its tables exist (a full comparison took about a quarter of a second).
            options.AutoBuildMessageStorageOnStartup = StoreConfiguration.AppliesSchemaOnStart(builder)
                ? AutoCreate.CreateOrUpdate
                : AutoCreate.None;
            // The default (NewId) builds ids from the host's identity and the clock alone, so two nodes on one host mint
            // the same id now and then and the inbox drops the second message as a duplicate (docs/adr/0012).
            options.EnvelopeIdGeneration = EnvelopeIdGeneration.GuidV7;
            options.Policies.AutoApplyTransactions();
            // Deadline timers must survive restarts: local queues and scheduled messages live in PostgreSQL.
            options.Policies.UseDurableLocalQueues();
            options.Policies.AlwaysMakeScheduledMessagesDurable();
            // Timers fire at most about a second late (the default poll is 5 s). Each poll moves at most
            // RecoveryBatchSize due timers: Wolverine's default of 100 capped the engine at 100 timers a second
            // (docs/benchmarks.md).
            options.Durability.ScheduledJobPollingTime = builder.Configuration.GetValue("Messaging:ScheduledJobPollingTime",
                TimeSpan.FromSeconds(1));
            options.Durability.RecoveryBatchSize = builder.Configuration.GetValue("Messaging:RecoveryBatchSize", 2000);
            // Deadline messages of one complaint touch one stream and one saga: handling them one at a time keeps
            // timers that fall due together from racing each other. Different complaints go in parallel.
            options.MessagePartitioning.ByMessage<IDeadlineWatchMessage>(message => message.ComplaintId.ToString());
            options.LocalQueue(DeadlineQueue).PartitionProcessingByGroupId(PartitionSlots.Five);
            options.PublishMessage<WatchDeadlines>().ToLocalQueue(DeadlineQueue);
            options.PublishMessage<StopWatchingDeadlines>().ToLocalQueue(DeadlineQueue);
            options.PublishMessage<DeadlineDue>().ToLocalQueue(DeadlineQueue);
            options.RouteWebhooks(builder.Configuration);
            options.RouteNotifications();
            // A timer and a command may write the same complaint at once: the loser retries on fresh state.
            // A conflict is transient, so a timer never gives up on it: losing one would lose an escalation.
            // Two first messages of one complaint may also both try to create its watch; the loser finds it.
            options.OnException<ConcurrencyException>().Or<DocumentAlreadyExistsException>()
                .RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1))
                .Then.ScheduleRetryIndefinitely(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
            // A database outage is transient too: a deadline message cut off by one runs again once the database is
            // back, rather than going to dead letters where its timers would never fire.
            options.OnException(DatabaseOutage.Caused)
                .RetryWithCooldown(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5))
                .Then.ScheduleRetryIndefinitely(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
            // A commit whose acknowledgement an outage cut off still stored its messages, owned by this node, but they
            // never reached the in-memory queue: released after this long, they are recovered and run.
            options.Durability.InboxStaleTime = builder.Configuration.GetValue("Messaging:InboxStaleTime", TimeSpan.FromSeconds(30));
            // One node owns the embedded database; shared databases use leader election.
            options.Durability.Mode = builder.Configuration.GetValue("Messaging:DurabilityMode",
                builder.Configuration.GetConnectionString("Marten") is { Length: > 0 }
                    ? DurabilityMode.Balanced
                    : DurabilityMode.Solo);
        });
        return builder;
    }
}
