using Complaints.Domain;
using Complaints.Projections.Reporting;
using Marten;
using NodaTime;

namespace Complaints.Projections.Analytics;

/// <summary>
/// The ledger and the KPI facts as typed relational tables in a schema of their own, for the HTTP queries and
/// for analysts' SQL tools alike (docs/analytics.md). Instants are <c>timestamptz</c>, calendar dates
/// <c>date</c>, durations whole working minutes.
/// </summary>
public static class AnalyticsSchema
{
    public const string Name = "analytics";

    private static readonly string[] ByComplaint = ["complaint_id"];

    public static AnalyticsTable Ledger { get; } = new("ledger", ByComplaint,
        new("complaint_id", "uuid"),
        new("number", "text"),
        new("received_at", "timestamptz"),
        new("registered_at", "timestamptz"),
        new("severity", "text"),
        new("category", "text"),
        new("department", "text"),
        new("region", "text"),
        new("channel", "text"),
        new("status", "text"),
        new("current_rule", "text", Nullable: true),
        new("current_due_at", "timestamptz", Nullable: true),
        new("overdue", "boolean"),
        new("customer_due_date", "date"),
        new("closed_at", "timestamptz", Nullable: true),
        new("times_reopened", "integer"),
        new("escalation_level", "integer"),
        new("first_response_at", "timestamptz", Nullable: true),
        new("first_response_working_minutes", "bigint", Nullable: true),
        new("satisfaction_score", "integer", Nullable: true),
        new("version", "bigint"),
        new("last_sequence", "bigint"),
        new("owner", "text", Nullable: true),
        new("settled_at_first_contact", "boolean", Nullable: true),
        new("root_cause", "text", Nullable: true),
        new("repeat_of", "uuid", Nullable: true),
        new("paused_minutes", "bigint", Nullable: true),
        new("paused_clock_minutes", "bigint", Nullable: true));

    public static AnalyticsTable Deadlines { get; } = new AnalyticsTable("deadlines", ["complaint_id", "rule", "round"],
        new("complaint_id", "uuid"),
        new("rule", "text"),
        new("round", "integer"),
        new("measure", "text"),
        new("started_at", "timestamptz"),
        new("due_at", "timestamptz"),
        new("met_at", "timestamptz", Nullable: true),
        new("missed", "boolean"),
        new("late", "boolean"),
        new("on_time", "boolean", Nullable: true),
        new("withdrawn_at", "timestamptz", Nullable: true),
        new("minutes_taken", "bigint", Nullable: true),
        new("working_minutes_taken", "bigint", Nullable: true),
        new("escalation_level", "integer"),
        new("severity", "text", Nullable: true),
        new("category", "text", Nullable: true),
        new("department", "text", Nullable: true),
        new("owner", "text", Nullable: true),
        new("follow_up", "boolean", Default: "false"),
        new("repaired_due_at", "timestamptz", Nullable: true),
        new("repaired_on_time", "boolean", Nullable: true))
        // The KPIs' on-time rates and the supervision report's missed deadlines of a period (issue 18's first view).
        .WithCoveringIndex("due_at", "complaint_id", "rule", "on_time", "missed", "follow_up", "severity", "category",
            "department", "owner");

    public static AnalyticsTable Closures { get; } = new("closures", ["complaint_id", "round"],
        new("complaint_id", "uuid"),
        new("round", "integer"),
        new("opened_at", "timestamptz"),
        new("closed_at", "timestamptz"),
        new("as_invalid", "boolean"),
        new("working_minutes", "bigint"),
        new("reopened_at", "timestamptz", Nullable: true),
        new("settled_at_first_contact", "boolean", Nullable: true),
        new("severity", "text", Nullable: true),
        new("category", "text", Nullable: true),
        new("department", "text", Nullable: true),
        new("owner", "text", Nullable: true),
        new("recurred", "boolean", Default: "false"));

    public static AnalyticsTable PlanResponses { get; } = new("plan_responses", ["complaint_id", "plan_version"],
        new("complaint_id", "uuid"),
        new("plan_version", "integer"),
        new("responded_at", "timestamptz"),
        new("accepted", "boolean"));

    public static AnalyticsTable Satisfaction { get; } = new("satisfaction", ["complaint_id", "survey"],
        new("complaint_id", "uuid"),
        new("survey", "integer"),
        new("recorded_at", "timestamptz"),
        new("score", "integer"));

    public static AnalyticsTable Escalations { get; } = new AnalyticsTable("escalations", ["complaint_id", "escalation"],
        new("complaint_id", "uuid"),
        new("escalation", "integer"),
        new("rule", "text", Nullable: true),
        new("round", "integer"),
        new("level", "integer"),
        new("escalated_to", "text"),
        new("department", "text", Nullable: true),
        new("escalated_at", "timestamptz"))
        .WithCoveringIndex("escalated_at", "complaint_id", "level");

    /// <summary>Follow-up contacts after closing (docs/follow-up.md); the scores only when the customer was reached.</summary>
    public static AnalyticsTable FollowUps { get; } = new("follow_ups", ["complaint_id", "follow_up"],
        new("complaint_id", "uuid"),
        new("follow_up", "integer"),
        new("closure_round", "integer"),
        new("recorded_at", "timestamptz"),
        new("outcome", "text"),
        new("timeliness", "integer", Nullable: true),
        new("attitude", "integer", Nullable: true),
        new("result", "integer", Nullable: true),
        new("recurred", "boolean"));

    /// <summary>
    /// The worklists (procedure §9): one row per open step of an open complaint and the department and role whose step it is;
    /// <c>/api/work</c> reads it, soonest due first.
    /// </summary>
    public static AnalyticsTable Work { get; } = new AnalyticsTable("work", ["complaint_id", "item"],
        new("complaint_id", "uuid"),
        new("item", "integer"),
        new("number", "text"),
        new("severity", "text"),
        new("step", "text"),
        new("department", "text"),
        new("owner", "text", Nullable: true),
        new("rule", "text", Nullable: true),
        new("due_at", "timestamptz", Nullable: true),
        new("missed", "boolean"),
        new("received_at", "timestamptz"),
        // Rows written before roles were counted were all the department's; `reports rebuild` gives them their roles.
        new("role", "text", Default: "'department'"))
        .WithIndex("due_at")
        .WithIndex("lower(department)", "due_at")
        .WithIndex("lower(owner)", "due_at")
        .WithIndex("role", "due_at");

    /// <summary>
    /// The keys staff find a complaint by (procedure §9): keyed hashes of the normalised phone, email, plate and VIN
    /// (<see cref="CustomerKeys"/>), never the values; an erasure takes the customer's out. <c>closed_at</c> is the
    /// ledger's: a registration looks for the complaint it repeats among the keys closed within the repeat window only
    /// (docs/adr/0038), which the second index finds without reading a customer's open complaints. Rows written before
    /// it existed have none until <c>reports rebuild</c>.
    /// </summary>
    public static AnalyticsTable SearchKeys { get; } = new AnalyticsTable("search_keys", ["complaint_id", "kind", "key"],
        new("complaint_id", "uuid"),
        new("kind", "text"),
        new("key", "text"),
        new("closed_at", "timestamptz", Nullable: true))
        .WithIndex("key", "kind")
        .WithIndex("key", "closed_at");

    /// <summary>
    /// Each time a clock stopped to wait for the customer's answer to a plan (docs/rules-over-time.md, "Pause abuse"):
    /// <c>ended_at</c> is the answer, else the end of the clock, else the complaint's close (null while it still waits);
    /// <c>department</c> and <c>owner</c> are the complaint's when it paused.
    /// </summary>
    public static AnalyticsTable Pauses { get; } = new("pauses", ["complaint_id", "pause"],
        new("complaint_id", "uuid"),
        new("pause", "integer"),
        new("rule", "text"),
        new("round", "integer"),
        new("paused_at", "timestamptz"),
        new("resumed_at", "timestamptz", Nullable: true),
        new("ended_at", "timestamptz", Nullable: true),
        new("paused_minutes", "bigint", Nullable: true),
        new("plan_version", "integer", Nullable: true),
        new("department", "text"),
        new("owner", "text", Nullable: true));

    /// <summary>Every table; the per-complaint facts after the ledger they belong to.</summary>
    public static IReadOnlyList<AnalyticsTable> Tables { get; } =
        [Ledger, Deadlines, Closures, PlanResponses, Satisfaction, Escalations, FollowUps, Work, SearchKeys, Pauses];

    /// <summary>
    /// The complaints whose report could not be built from their events (docs/analytics.md): their rows above stay
    /// as the last good build left them until a build succeeds.
    /// </summary>
    public static AnalyticsTable Failures { get; } = new("report_failures", ByComplaint,
        new("complaint_id", "uuid"),
        new("version", "bigint"),
        new("sequence", "bigint"),
        new("event_type", "text"),
        new("error", "text"),
        new("failed_at", "timestamptz"));

    /// <summary>
    /// The sequence number up to which the live projection has looked at the event store (docs/adr/0014). The next
    /// batch looks from there, not from the first event the daemon hands it, so an event the daemon skipped as
    /// unreadable is found even when nothing else came in its batch.
    /// </summary>
    public static AnalyticsTable Progress { get; } = new("report_progress", ["projection"],
        new("projection", "text"),
        new("checked_up_to", "bigint"));

    /// <summary>
    /// One row whose token is new after every commit that changed the report tables (the projection's writes, the
    /// rebuild's swap): what was computed from them holds while the token is the one read before computing (ADR 0036).
    /// </summary>
    public static AnalyticsTable Revision { get; } = new("revision", ["id"],
        new("id", "integer"),
        new("token", "uuid"));

    /// <summary>Every table of the schema, as it is created and as a reset empties it.</summary>
    public static IReadOnlyList<AnalyticsTable> All { get; } = [.. Tables, Failures, Progress, Revision];

    /// <summary>
    /// Gives <see cref="Revision"/> a new token. Each write ends with it, so the write takes the row's lock last and
    /// holds it only until its commit.
    /// </summary>
    public static string NewRevision { get; } =
        $"insert into {Revision.QualifiedName} (id, token) values (1, gen_random_uuid()) on conflict (id) do update set token = excluded.token";

    /// <summary>
    /// The rows of every table for one report, computed in full before anything is written, so a report whose rows
    /// cannot be made (an instant outside what the database stores, a missing intake) fails as a whole.
    /// </summary>
    public static AnalyticsRows Rows(HandlingReport report, CustomerKeys keys) => new(report.Id, LedgerRow(report),
    [
        (Deadlines, [.. report.Deadlines.Select<ReportDeadline, object?[]>(d =>
        [
            report.Id, d.Rule, d.Round, WireNames.Of(d.Measure), Utc(d.StartedAt), Utc(d.DueAt), Utc(d.MetAt), d.Missed,
            d.Late, d.OnTime, Utc(d.WithdrawnAt), d.MinutesTaken, d.WorkingMinutesTaken, d.EscalationLevel,
            .. CountedUnder(d.CountedUnder), d.FollowUp, Utc(d.RepairedDueAt), d.RepairedOnTime
        ])]),
        (Closures, [.. report.Closures.Select<ReportClosure, object?[]>(c =>
        [
            report.Id, c.Round, Utc(c.OpenedAt), Utc(c.ClosedAt), c.AsInvalid, c.WorkingMinutes, Utc(c.ReopenedAt),
            c.SettledAtFirstContact, .. CountedUnder(c.CountedUnder), c.Recurred
        ])]),
        (PlanResponses, [.. report.Plans.Where(p => p.CustomerResponse is not null).Select(p => new object?[]
        {
            report.Id, p.PlanVersion, Utc(p.CustomerResponse!.At), p.CustomerResponse.Accepted
        })]),
        (Satisfaction, [.. report.Satisfaction.Select((s, i) => new object?[]
        {
            report.Id, i + 1, Utc(s.At), s.Score
        })]),
        (Escalations, [.. report.Escalations.Select((e, i) => new object?[]
        {
            report.Id, i + 1, e.Rule, e.Round, e.Level, WireNames.Of(e.To), e.Department, Utc(e.At)
        })]),
        (FollowUps, [.. report.FollowUps.Select((f, i) => new object?[]
        {
            report.Id, i + 1, f.Closure, Utc(f.At), WireNames.Of(f.Outcome), f.Scores?.Timeliness, f.Scores?.Attitude,
            f.Scores?.Result, f.Recurred
        })]),
        (Work, [.. WorkItems.Of(report).Select((w, i) => new object?[]
        {
            report.Id, i + 1, report.Number, WireNames.Of(w.Severity), w.Step, w.Department, w.Owner, w.Rule, Utc(w.DueAt),
            w.Missed, Utc(w.ReceivedAt), w.Role
        })]),
        (SearchKeys, [.. (report.Intake is { } intake ? keys.For(intake) : []).Select(k => new object?[]
        {
            report.Id, WireNames.Of(k.Kind), k.Key, Utc(ClosedAt(report))
        })]),
        (Pauses, [.. report.Pauses.Select((p, i) => new object?[]
        {
            report.Id, i + 1, p.Rule, p.Round, Utc(p.PausedAt), Utc(p.ResumedAt), Utc(PausedTime.EndOf(report, p)),
            PausedTime.Minutes(report, p), p.PlanVersion, p.Department, p.Owner
        })])
    ]);

    private static object?[] CountedUnder(ReportCountedUnder? c) =>
        c is null ? [null, null, null, null] : [WireNames.Of(c.Severity), c.Category, c.Department, c.Owner];

    /// <summary>
    /// Makes the complaints' ledger rows and facts those of <paramref name="complaints"/>, and clears their failures:
    /// a few statements for the whole batch (one upsert, one delete, one upsert per fact table), not several per
    /// complaint, so the live projection keeps up with the write rate. A fact row already as computed is left as it
    /// is and only the rows no longer computed are deleted: an event changes one or two of a complaint's rows, and
    /// rewriting all of them made the tables, and the reports' reads of a period, several times their size.
    /// </summary>
    public static void Write(IDocumentOperations operations, IReadOnlyList<AnalyticsRows> complaints)
    {
        if (complaints.Count == 0) return;
        foreach (var chunk in Ledger.UpsertAll([.. complaints.Select(c => c.Ledger)]))
            operations.QueueSqlCommand(chunk.Sql, chunk.Values);
        var ids = complaints.Select(c => c.Complaint).ToArray();
        var facts = Tables.Skip(1).ToDictionary(table => table, table =>
            (IReadOnlyCollection<object?[]>)[.. complaints.SelectMany(c => c.Facts).Where(f => f.Table == table).SelectMany(f => f.Rows)]);
        var stale = facts.Select(f => f.Key.DeleteOthersThan(ids, f.Value)).ToList();
        // One statement (Marten batches take no ';'): data-modifying CTEs.
        operations.QueueSqlCommand(
            "with " + string.Join(", ", stale.Select((delete, i) => $"stale{i} as ({delete.Sql})")) +
            $" delete from {Failures.QualifiedName} where complaint_id = any(?)",
            [.. stale.SelectMany(delete => delete.Values), ids]);
        foreach (var (table, rows) in facts)
            foreach (var chunk in table.UpsertChangedAll(rows))
                operations.QueueSqlCommand(chunk.Sql, chunk.Values);
        operations.QueueSqlCommand(NewRevision);
    }

    /// <summary>Records that the complaint's report cannot be built; its earlier rows stay as they were.</summary>
    public static void Write(IDocumentOperations operations, ReportFailure failure) =>
        operations.QueueSqlCommand(Failures.Upsert, [.. FailureRow(failure)]);

    /// <summary>Records that the projection <paramref name="projection"/> has looked at every event up to <paramref name="sequence"/>.</summary>
    public static void Write(IDocumentOperations operations, string projection, long sequence) =>
        operations.QueueSqlCommand(Progress.Upsert, projection, sequence);

    /// <summary>A failure in <see cref="Failures"/> column order.</summary>
    public static object[] FailureRow(ReportFailure failure) =>
    [
        failure.Complaint, failure.Version, failure.Sequence, failure.EventType, failure.Error,
        failure.FailedAt.ToDateTimeOffset()
    ];

    /// <summary>When the complaint was closed, unless it was reopened since.</summary>
    internal static Instant? ClosedAt(HandlingReport report) =>
        report.Closures.LastOrDefault() is { ReopenedAt: null } closure ? closure.ClosedAt : null;

    /// <summary>The ledger row (台账) of a complaint, in <see cref="Ledger"/> column order.</summary>
    public static object?[] LedgerRow(HandlingReport report)
    {
        var intake = report.Intake ?? throw new InvalidOperationException($"complaint {report.Id} has no intake");
        // The ledger follows the handling; follow-up clocks after closing are in the deadlines table.
        var open = report.Deadlines.Where(d => d.MetAt is null && d.WithdrawnAt is null && !d.FollowUp).ToList();
        var current = open.OrderBy(d => d.DueAt).FirstOrDefault();
        return
        [
            report.Id, report.Number, Utc(intake.ReceivedAt), Utc(report.RegisteredAt), WireNames.Of(intake.Severity),
            intake.Category, intake.ResponsibleDepartment, intake.Region, WireNames.Of(intake.Channel), report.Status,
            current?.Rule, Utc(current?.DueAt), open.Any(d => d.Missed), intake.RequestedResolutionDate.ToDateOnly(),
            Utc(ClosedAt(report)), report.Reopenings.Count,
            report.EscalationLevel, Utc(report.FirstResponse?.To), report.FirstResponse?.WorkingMinutes,
            report.Satisfaction.LastOrDefault()?.Score, report.Version, report.LastSequence, report.Owner?.Name,
            report.Closures.LastOrDefault() is { ReopenedAt: null } last ? last.SettledAtFirstContact : null,
            report.RootCause, report.RepeatOf?.ComplaintId, PausedTime.Paused(report), PausedTime.Clocks(report)
        ];
    }

    private static DateTimeOffset? Utc(Instant? instant) => instant?.ToDateTimeOffset();
}
