using NodaTime;

namespace Complaints.Domain;

/// <summary>An instruction for one complaint, stamped with the moment the engine accepted it.</summary>
public abstract record ComplaintCommand(Guid ComplaintId, Instant At);

/// <summary>A command an employee performs and signs; customer answers have no such name.</summary>
public interface IPerformedBy
{
    string By { get; }
}

/// <summary>
/// <see cref="Recurrence"/>: the closed complaints of the same customer or vehicle the host found before registering,
/// like the <see cref="Number"/> it drew; the decider finds among them the one this complaint repeats, if any.
/// </summary>
public sealed record RegisterComplaint(
    Guid ComplaintId, string Number, ComplaintIntake Intake, Instant At, RecurrenceCandidates? Recurrence = null)
    : ComplaintCommand(ComplaintId, At), IPerformedBy
{
    /// <summary>The first receiver registers it, or customer service on their behalf.</summary>
    public string By => Intake.ReceivedBy.Name;
}

public sealed record ForwardComplaint(Guid ComplaintId, string To, string By, Instant At)
    : ComplaintCommand(ComplaintId, At), IPerformedBy;

public sealed record AcknowledgeComplaint(Guid ComplaintId, string Department, string By, Instant At)
    : ComplaintCommand(ComplaintId, At), IPerformedBy;

/// <summary><see cref="RootCauseCategory"/>: one of the configured root causes (<see cref="RootCauses"/>), the findings the detail.</summary>
public sealed record VerifyComplaint(
    Guid ComplaintId, bool Valid, string Findings, IReadOnlyList<string> ResponsibleParties, string By, Instant At,
    string? RootCauseCategory = null)
    : ComplaintCommand(ComplaintId, At), IPerformedBy;

public sealed record ConfirmComplaint(Guid ComplaintId, string By, Instant At)
    : ComplaintCommand(ComplaintId, At), IPerformedBy;

/// <summary><see cref="RootCauseCategory"/>: one of the configured root causes; <see cref="RootCause"/> stays the free-text detail.</summary>
public sealed record ProposeActionPlan(
    Guid ComplaintId, string RootCause, string CorrectiveActions, string PreventiveActions, string By, Instant At,
    string? RootCauseCategory = null)
    : ComplaintCommand(ComplaintId, At), IPerformedBy;

/// <summary>A decision signed on behalf of one of the two approving bodies.</summary>
public interface IApproval
{
    Approver Approver { get; }
}

public sealed record ReviewActionPlan(
    Guid ComplaintId, int PlanVersion, Approver Approver, bool Approved, string? Comment, string By, Instant At)
    : ComplaintCommand(ComplaintId, At), IPerformedBy, IApproval;

public sealed record RecordCustomerResponse(
    Guid ComplaintId, int PlanVersion, bool Accepted, string? Comment, Instant At)
    : ComplaintCommand(ComplaintId, At);

public sealed record ReportExecution(Guid ComplaintId, string Summary, string By, Instant At)
    : ComplaintCommand(ComplaintId, At), IPerformedBy;

public sealed record ReviewExecution(Guid ComplaintId, bool Accepted, string? Comment, string By, Instant At)
    : ComplaintCommand(ComplaintId, At), IPerformedBy;

public sealed record CompileHandlingReport(Guid ComplaintId, string Summary, string By, Instant At)
    : ComplaintCommand(ComplaintId, At), IPerformedBy;

public sealed record ReviewHandlingReport(
    Guid ComplaintId, Approver Approver, bool Approved, string? Comment, string By, Instant At)
    : ComplaintCommand(ComplaintId, At), IPerformedBy, IApproval;

public sealed record CloseComplaint(Guid ComplaintId, string SentTo, string By, Instant At)
    : ComplaintCommand(ComplaintId, At), IPerformedBy;

public sealed record RecordSatisfaction(Guid ComplaintId, int Score, string? Comment, Instant At)
    : ComplaintCommand(ComplaintId, At);

public sealed record ReopenComplaint(Guid ComplaintId, string Reason, string By, Instant At)
    : ComplaintCommand(ComplaintId, At), IPerformedBy;

// Staff work (procedure §9): allowed in every open state (settling only before verification, for class C and D).

public sealed record AssignComplaint(Guid ComplaintId, StaffMember Owner, string By, Instant At)
    : ComplaintCommand(ComplaintId, At), IPerformedBy;

/// <summary>Any of the three may be given; those left out stay as they are.</summary>
public sealed record ReclassifyComplaint(
    Guid ComplaintId, Severity? Severity, string? Category, string? ResponsibleDepartment, string Reason, string By,
    Instant At) : ComplaintCommand(ComplaintId, At), IPerformedBy;

public sealed record AddNote(Guid ComplaintId, string Text, string By, Instant At)
    : ComplaintCommand(ComplaintId, At), IPerformedBy;

public sealed record AddAttachment(
    Guid ComplaintId, Guid AttachmentId, string FileName, string ContentType, long Size, string Sha256,
    string? Description, string By, Instant At) : ComplaintCommand(ComplaintId, At), IPerformedBy;

public sealed record SettleAtFirstContact(Guid ComplaintId, string Resolution, string By, Instant At)
    : ComplaintCommand(ComplaintId, At), IPerformedBy;

public sealed record RecordFollowUp(
    Guid ComplaintId, FollowUpOutcome Outcome, FollowUpScores? Scores, bool Recurred, string? Comment, string By, Instant At)
    : ComplaintCommand(ComplaintId, At), IPerformedBy;

/// <summary>
/// An administrator erases the customer's name and contact details (procedure §7). Not a step of the procedure, so
/// never among the allowed actions: the workflow (<see cref="Workflow.ComplaintWorkflow"/>) takes it in every state
/// once the complaint exists, and a second erasure records nothing.
/// </summary>
public sealed record ErasePersonalData(Guid ComplaintId, string Reason, string By, Instant At)
    : ComplaintCommand(ComplaintId, At), IPerformedBy;

// Reaching the customer (procedure §8): facts beside the procedure, taken in every open state, never among its steps.

/// <summary>Someone spoke to or wrote to the customer (<paramref name="ContactedAt"/>: when); the first one meets D7.</summary>
public sealed record RecordCustomerContact(
    Guid ComplaintId, Channel Channel, string Summary, string By, Instant ContactedAt, Instant At)
    : ComplaintCommand(ComplaintId, At), IPerformedBy;

/// <summary>The customer is told how far the complaint has come; emailed when an address is known.</summary>
public sealed record UpdateCustomer(Guid ComplaintId, string Message, string By, Instant At)
    : ComplaintCommand(ComplaintId, At), IPerformedBy;
