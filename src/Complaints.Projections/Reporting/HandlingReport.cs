using Complaints.Domain;
using Complaints.Domain.Deadlines;
using NodaTime;

namespace Complaints.Projections.Reporting;

/// <summary>
/// The complaint handling report (客诉处理报告, procedure §5): one complaint's whole course, built from its
/// stream by <see cref="HandlingReportBuilder"/>. It is also the source of the complaint's ledger row and
/// KPI facts, so the three can never disagree.
/// </summary>
public sealed class HandlingReport
{
    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    /// <summary>The stream version the report covers.</summary>
    public long Version { get; set; }
    /// <summary>The global sequence of the last event it covers.</summary>
    public long LastSequence { get; set; }
    public string Status { get; set; } = "";
    public ComplaintIntake? Intake { get; set; }
    public Instant RegisteredAt { get; set; }
    /// <summary>The business calendar (and its version) working minutes are counted on.</summary>
    public string Calendar { get; set; } = "";
    public List<ReportStep> Steps { get; set; } = [];
    public List<ReportDeadline> Deadlines { get; set; } = [];
    public List<ReportVerification> Verifications { get; set; } = [];
    public List<ReportPlan> Plans { get; set; } = [];
    public List<ReportExecution> Executions { get; set; } = [];
    public List<ReportDraft> HandlingReports { get; set; } = [];
    public List<ReportClosure> Closures { get; set; } = [];
    public List<ReportReopening> Reopenings { get; set; } = [];
    public List<ReportSatisfaction> Satisfaction { get; set; } = [];
    public List<ReportFollowUp> FollowUps { get; set; } = [];
    public List<ReportEscalation> Escalations { get; set; } = [];
    /// <summary>Each time a clock stopped to wait for the customer (docs/rules-over-time.md, "Pause abuse").</summary>
    public List<ReportPause> Pauses { get; set; } = [];
    /// <summary>The first time the customer heard back: plan submitted, told the complaint is invalid, or closure.</summary>
    public ReportElapsed? FirstResponse { get; set; }
    public int EscalationLevel { get; set; }

    /// <summary>Who owns it now; <see cref="Assignments"/> says who did at each moment.</summary>
    public StaffMember? Owner { get; set; }
    public List<ReportAssignment> Assignments { get; set; } = [];
    public List<ReportReclassification> Reclassifications { get; set; } = [];
    public List<ReportNote> Notes { get; set; } = [];
    public List<ReportAttachment> Attachments { get; set; } = [];
    public List<string> DepartmentsToSign { get; set; } = [];
    public List<string> StillToSign { get; set; } = [];

    /// <summary>The earlier complaint this one repeats (procedure §10), as its registration recorded it.</summary>
    public RepeatOf? RepeatOf { get; set; }

    /// <summary>The root-cause category trends count: the latest plan's, else the latest verification's.</summary>
    public string? RootCause => Plans.LastOrDefault(p => p.RootCauseCategory is not null)?.RootCauseCategory
                                ?? Verifications.LastOrDefault(v => v.RootCauseCategory is not null)?.RootCauseCategory;
}

/// <summary>Who was made owner, by whom, when (the registration's owner first, when it named one).</summary>
public sealed record ReportAssignment(StaffMember Owner, string By, Instant At);

public sealed record ReportReclassification(Classification From, Classification To, string Reason, string By, Instant At);

public sealed record ReportNote(string Text, string By, Instant At);

public sealed record ReportAttachment(Guid AttachmentId, string FileName, string ContentType, long Size, string Sha256,
    string? Description, string By, Instant At);

/// <summary>
/// What a figure is counted under: the complaint's class, category, department and owner at the figure's moment
/// (a deadline's outcome, a closure), not as they are now (docs/analytics.md).
/// </summary>
public sealed record ReportCountedUnder(Severity Severity, string Category, string Department, string? Owner);

/// <summary>A span of time both as the clock saw it and in working minutes on the complaint's calendar.</summary>
public sealed record ReportElapsed(Instant From, Instant To, Duration Elapsed, long WorkingMinutes);

/// <summary>One thing that happened, with the deadlines it met.</summary>
public sealed record ReportStep(long Version, string Step, Instant At, string By, string? Detail,
    IReadOnlyList<StepDeadline> Met);

/// <summary>How a step fared against a deadline it satisfied.</summary>
public sealed record StepDeadline(string Rule, int Round, Instant DueAt, bool OnTime, Duration Elapsed, long WorkingMinutes);

/// <summary>One run of a clock rule and its outcome; working minutes exclude time paused for the customer.</summary>
public sealed record ReportDeadline(
    string Rule, int Round, TimeMeasure Measure, Instant StartedAt, Instant DueAt,
    Instant? MetAt, bool Late, bool Missed, Instant? WithdrawnAt, Duration Paused,
    long? MinutesTaken, long? WorkingMinutesTaken, int EscalationLevel, string CalendarVersion, string PolicyVersion,
    ReportCountedUnder? CountedUnder = null,
    bool FollowUp = false,
    Instant? RepairedDueAt = null,
    bool? RepairedLate = null,
    string? RepairedCalendarVersion = null)
{
    /// <summary>True: done in time; false: done late or missed; null: still running, or withdrawn before it fell due.</summary>
    public bool? OnTime => Missed || Late ? false : MetAt is null ? null : true;

    /// <summary>As the last repair counts it (docs/rules-over-time.md), or null when none was recorded.</summary>
    public bool? RepairedOnTime => RepairedLate switch { null => null, true => false, false => MetAt is null ? null : true };
}

public sealed record ReportVerification(bool Valid, string Findings, IReadOnlyList<string> ResponsibleParties,
    string By, Instant At, string? RootCauseCategory = null);

public sealed record ReportApproval(Approver Approver, bool Approved, string? Comment, string By, Instant At);

public sealed record ReportCustomerResponse(bool Accepted, string? Comment, Instant At);

public sealed record ReportPlan(
    int PlanVersion, string RootCause, string CorrectiveActions, string PreventiveActions, string ProposedBy,
    Instant ProposedAt, IReadOnlyList<ReportApproval> Approvals, Instant? SubmittedToCustomerAt,
    ReportCustomerResponse? CustomerResponse, string? RootCauseCategory = null);

public sealed record ReportExecution(int PlanVersion, string Summary, string By, Instant ExecutedAt,
    ReportApproval? Acceptance);

public sealed record ReportDraft(string Summary, string By, Instant CompiledAt, IReadOnlyList<ReportApproval> Approvals);

/// <summary>
/// One handling round ending in closure: from receipt (or the reopening that started it) to the closure,
/// and when it was reopened again, if it was; <see cref="Recurred"/>: a follow-up after it said the problem came back.
/// </summary>
public sealed record ReportClosure(int Round, Instant OpenedAt, Instant ClosedAt, bool AsInvalid, string? SentTo,
    string By, Duration Elapsed, long WorkingMinutes, Instant? ReopenedAt, bool SettledAtFirstContact = false,
    ReportCountedUnder? CountedUnder = null, bool Recurred = false);

public sealed record ReportReopening(string Reason, string By, Instant At);

public sealed record ReportSatisfaction(int Score, string? Comment, Instant At);

/// <summary>A follow-up contact after closure <see cref="Closure"/> (its round).</summary>
public sealed record ReportFollowUp(int Closure, FollowUpOutcome Outcome, FollowUpScores? Scores, bool Recurred,
    string? Comment, string By, Instant At);

/// <summary>
/// A clock paused while a plan waited for the customer's answer: the plan it waited on, and the department and owner
/// the complaint had when it paused. <see cref="ResumedAt"/> is null until the customer answered.
/// </summary>
public sealed record ReportPause(string Rule, int Round, Instant PausedAt, Instant? ResumedAt, int? PlanVersion,
    string Department, string? Owner);

public sealed record ReportEscalation(string? Rule, int Round, int Level, EscalationRole To, string? Department,
    string Reason, Instant At);
