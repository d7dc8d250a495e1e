using Microsoft.AspNetCore.Http;

namespace Complaints.Host;

/// <summary>
/// The engine's own log lines, source-generated (no boxing or message parsing per call, nothing done when the level is
/// off). One place, so the event ids stay unique.
/// </summary>
internal static partial class HostLog
{
    [LoggerMessage(1001, LogLevel.Debug, "Command {Command} on complaint {ComplaintId} lost a write race (attempt {Attempt}); deciding again")]
    public static partial void WriteRaceLost(this ILogger logger, string command, Guid complaintId, int attempt);

    [LoggerMessage(1002, LogLevel.Warning, "Command {Command} on complaint {ComplaintId} lost {Attempts} write races in a row; answered write-contention")]
    public static partial void WriteContention(this ILogger logger, string command, Guid complaintId, int attempts);

    [LoggerMessage(1003, LogLevel.Error, "The history of complaint {Complaint} cannot be read, so nothing can be decided on it")]
    public static partial void HistoryUnreadable(this ILogger logger, Exception exception, Guid complaint);

    [LoggerMessage(1004, LogLevel.Error, "Unhandled failure on CloudEvent {Id} from {Source}")]
    public static partial void CloudEventFailed(this ILogger logger, Exception exception, string? id, string? source);

    [LoggerMessage(1005, LogLevel.Error, "Unhandled failure on {Method} {Path}")]
    public static partial void RequestFailed(this ILogger logger, Exception exception, string method, PathString path);

    [LoggerMessage(1006, LogLevel.Warning, "The database is unreachable on {Method} {Path}")]
    public static partial void DatabaseUnreachable(this ILogger logger, Exception exception, string method, PathString path);

    [LoggerMessage(1007, LogLevel.Error, "The personal data of the complaint on {Method} {Path} cannot be unsealed; rebuild its read models (docs/security.md)")]
    public static partial void PersonalDataUnreadable(this ILogger logger, Exception exception, string method, PathString path);

    [LoggerMessage(1101, LogLevel.Information, "Executed schema update SQL:\n{Sql}")]
    public static partial void SchemaUpdated(this ILogger logger, string sql);

    [LoggerMessage(1102, LogLevel.Debug, "Marten executed: {Sql}")]
    public static partial void MartenExecuted(this ILogger logger, string sql);

    [LoggerMessage(1103, LogLevel.Debug, "Persisted {Updated} updates, {Inserted} inserts and {Deleted} deletions")]
    public static partial void Persisted(this ILogger logger, int updated, int inserted, int deleted);

    [LoggerMessage(1104, LogLevel.Debug, "A concurrent writer got there first ({Reason}); the write is decided again")]
    public static partial void ConcurrentWriterFirst(this ILogger logger, string reason);

    [LoggerMessage(1105, LogLevel.Error, "Marten encountered an exception executing\n{Sql}")]
    public static partial void MartenFailed(this ILogger logger, Exception exception, string sql);

    [LoggerMessage(1201, LogLevel.Information, "Starting embedded PostgreSQL in {DataDirectory} on port {Port}")]
    public static partial void EmbeddedStarting(this ILogger logger, string dataDirectory, int port);

    [LoggerMessage(1202, LogLevel.Information, "Using embedded PostgreSQL: data {DataDirectory}, port {Port}, database {Database}")]
    public static partial void EmbeddedUsed(this ILogger logger, string dataDirectory, int port, string database);

    [LoggerMessage(1203, LogLevel.Information, "Stopping embedded PostgreSQL in {DataDirectory}")]
    public static partial void EmbeddedStopping(this ILogger logger, string dataDirectory);

    [LoggerMessage(1204, LogLevel.Information, "Creating embedded PostgreSQL cluster in {DataDirectory}")]
    public static partial void EmbeddedCreating(this ILogger logger, string dataDirectory);

    [LoggerMessage(EventId = 1301, Message = "Idle: released memory in {Milliseconds} ms, working set {Before} MB -> {After} MB")]
    public static partial void IdleReleased(this ILogger logger, LogLevel level, long milliseconds, long before, long after);

    [LoggerMessage(EventId = 1302, Message = "Calendar coverage: {Warning}")]
    public static partial void CalendarCoverage(this ILogger logger, LogLevel level, string warning);

    [LoggerMessage(1303, LogLevel.Warning, "Readiness: {What} cannot be read ({Error})")]
    public static partial void ReadinessUnreadable(this ILogger logger, string what, string error);

    [LoggerMessage(1401, LogLevel.Information, "Mail goes to {Destination}")]
    public static partial void MailDestination(this ILogger logger, string destination);

    [LoggerMessage(1402, LogLevel.Information, "Notification {Notification} ({Kind} to {Addressee}) sent on attempt {Attempt}")]
    public static partial void NotificationSent(this ILogger logger, string notification, string kind, string addressee, int attempt);

    [LoggerMessage(1403, LogLevel.Warning, "Notification {Notification} ({Kind} to {Addressee}) deferred on attempt {Attempt}, next in {Delay}: {Reason}")]
    public static partial void NotificationDeferred(this ILogger logger, string notification, string kind, string addressee, int attempt,
        TimeSpan delay, string reason);

    [LoggerMessage(EventId = 1404, Message = "Notification {Notification} ({Kind} to {Addressee}) {Status} after {Attempts} attempts")]
    public static partial void NotificationEnded(this ILogger logger, LogLevel level, string notification, string kind, string addressee,
        string status, int attempts);

    [LoggerMessage(1405, LogLevel.Warning, "Webhook subscriber {Subscriber} is no longer configured; delivery {Delivery} dropped")]
    public static partial void WebhookSubscriberGone(this ILogger logger, string subscriber, string delivery);

    [LoggerMessage(1501, LogLevel.Information, "Built the reports of {Complaints} complaints ({Events} events) beside the live tables")]
    public static partial void ReportsBuilt(this ILogger logger, int complaints, long events);

    [LoggerMessage(1502, LogLevel.Information, "The swap met the live projection's writes; trying again")]
    public static partial void ReportsSwapRetried(this ILogger logger);

    [LoggerMessage(1503, LogLevel.Information, "Scheduled report {Report} {Period} generated and queued for {Entries}")]
    public static partial void ScheduledReportQueued(this ILogger logger, string report, string period, string entries);

    [LoggerMessage(1504, LogLevel.Warning, "Scheduled reports: the check failed ({Error}); trying again at the next one")]
    public static partial void ScheduledReportsCheckFailed(this ILogger logger, string error);

    [LoggerMessage(1601, LogLevel.Information, "Rule version {Kind} {Version} recorded, in force from {EffectiveFrom}")]
    public static partial void RuleVersionRecorded(this ILogger logger, string kind, string version, NodaTime.Instant effectiveFrom);

    [LoggerMessage(1602, LogLevel.Debug, "Another node recorded the rule versions first")]
    public static partial void RuleVersionsRecordedElsewhere(this ILogger logger);

    [LoggerMessage(1603, LogLevel.Warning, "The rule versions could not be recorded yet; trying again in 5 s")]
    public static partial void RuleVersionsNotRecorded(this ILogger logger, Exception exception);
}
