using NodaTime;

namespace Complaints.Domain;

/// <summary>Something that happened to one complaint; every event names its complaint so it stands alone on replay.</summary>
public interface IComplaintEvent
{
    Guid ComplaintId { get; }
}

public enum Approver { CsLeadership, GmOffice }

/// <summary><see cref="RepeatOf"/>: the earlier complaint this one repeats (procedure §10), so replay needs no lookup.</summary>
public sealed record ComplaintReceived(
    Guid ComplaintId, string Number, ComplaintIntake Intake, Instant RegisteredAt, RepeatOf? RepeatOf = null)
    : IComplaintEvent;

public sealed record ComplaintForwarded(Guid ComplaintId, string To, string By, Instant ForwardedAt) : IComplaintEvent;

/// <summary>
/// A department signed that it read the registration. <see cref="StillToSign"/> names the departments that must
/// still sign after it (procedure §8: D3 is met when none is left); events recorded before notify lists lack it.
/// </summary>
public sealed record ComplaintAcknowledged(
    Guid ComplaintId, string Department, string By, Instant AcknowledgedAt, IReadOnlyList<string>? StillToSign = null)
    : IComplaintEvent;

public sealed record ComplaintVerified(
    Guid ComplaintId, string Findings, IReadOnlyList<string> ResponsibleParties, string By, Instant VerifiedAt,
    string? RootCauseCategory = null)
    : IComplaintEvent;

public sealed record ComplaintRejectedAsInvalid(
    Guid ComplaintId, string Findings, IReadOnlyList<string> ResponsibleParties, string By, Instant RejectedAt,
    string? RootCauseCategory = null)
    : IComplaintEvent;

public sealed record ComplaintConfirmed(Guid ComplaintId, string By, Instant ConfirmedAt) : IComplaintEvent;

public sealed record CorrectiveActionProposed(
    Guid ComplaintId, int PlanVersion, string RootCause, string CorrectiveActions, string PreventiveActions,
    string By, Instant ProposedAt, string? RootCauseCategory = null) : IComplaintEvent;

public sealed record ActionPlanApproved(
    Guid ComplaintId, int PlanVersion, Approver Approver, string? Comment, string By, Instant ApprovedAt)
    : IComplaintEvent;

public sealed record ActionPlanRejected(
    Guid ComplaintId, int PlanVersion, Approver Approver, string? Comment, string By, Instant RejectedAt)
    : IComplaintEvent;

/// <summary>Both approvals are in, so the plan goes to the customer and the customer's clock starts.</summary>
public sealed record ActionPlanSubmittedToCustomer(Guid ComplaintId, int PlanVersion, Instant SubmittedAt)
    : IComplaintEvent;

public sealed record CustomerAccepted(Guid ComplaintId, int PlanVersion, string? Comment, Instant AcceptedAt)
    : IComplaintEvent;

public sealed record CustomerRejected(Guid ComplaintId, int PlanVersion, string? Comment, Instant RejectedAt)
    : IComplaintEvent;

public sealed record CorrectiveActionsExecuted(
    Guid ComplaintId, int PlanVersion, string Summary, string By, Instant ExecutedAt) : IComplaintEvent;

public sealed record ExecutionAccepted(Guid ComplaintId, string? Comment, string By, Instant AcceptedAt)
    : IComplaintEvent;

public sealed record ExecutionRejected(Guid ComplaintId, string? Comment, string By, Instant RejectedAt)
    : IComplaintEvent;

public sealed record HandlingReportCompiled(Guid ComplaintId, string Summary, string By, Instant CompiledAt)
    : IComplaintEvent;

public sealed record HandlingReportApproved(
    Guid ComplaintId, Approver Approver, string? Comment, string By, Instant ApprovedAt) : IComplaintEvent;

public sealed record HandlingReportRejected(
    Guid ComplaintId, Approver Approver, string? Comment, string By, Instant RejectedAt) : IComplaintEvent;

public sealed record ComplaintClosed(Guid ComplaintId, string SentTo, string By, Instant ClosedAt) : IComplaintEvent;

public sealed record SatisfactionRecorded(Guid ComplaintId, int Score, string? Comment, Instant RecordedAt)
    : IComplaintEvent;

public sealed record ComplaintReopened(Guid ComplaintId, string Reason, string By, Instant ReopenedAt)
    : IComplaintEvent;

/// <summary>How a follow-up contact after closing went (procedure §10).</summary>
public enum FollowUpOutcome { Reached, Unreachable, Declined }

/// <summary>The customer's satisfaction per dimension, 1-5, when the follow-up reached them.</summary>
public sealed record FollowUpScores(int Timeliness, int Attitude, int Result);

/// <summary>
/// A follow-up contact after closing (回访): it meets the follow-up clock that is due and starts the next one of the
/// schedule; <see cref="Recurred"/> says the problem came back, so reopening is offered and counted.
/// </summary>
public sealed record FollowUpRecorded(
    Guid ComplaintId, FollowUpOutcome Outcome, FollowUpScores? Scores, bool Recurred, string? Comment, string By,
    Instant RecordedAt) : IComplaintEvent;

/// <summary>
/// An administrator erased the customer's name and contact details (procedure §7): the values are gone from every
/// event and read model; this event records who did it, when and why.
/// </summary>
public sealed record PersonalDataErased(Guid ComplaintId, string Reason, string By, Instant ErasedAt) : IComplaintEvent;

// Staff work (procedure §9): owners, changes of course, notes and evidence, the short path of a simple complaint.

public sealed record ComplaintAssigned(Guid ComplaintId, StaffMember Owner, string By, Instant AssignedAt) : IComplaintEvent;

/// <summary>What the clocks, the worklists and the reports count a complaint under.</summary>
public sealed record Classification(Severity Severity, string Category, string ResponsibleDepartment);

/// <summary>
/// The class, category or department was corrected; both the old and the new one stay in the history.
/// <see cref="StillToSign"/>: the departments that must sign after it (recorded since a move to a department that had
/// signed already counts as its signature; null in events recorded before).
/// </summary>
public sealed record ComplaintReclassified(
    Guid ComplaintId, Classification From, Classification To, string Reason, string By, Instant ReclassifiedAt,
    IReadOnlyList<string>? StillToSign = null)
    : IComplaintEvent;

public sealed record NoteAdded(Guid ComplaintId, string Text, string By, Instant AddedAt) : IComplaintEvent;

/// <summary>A file of evidence; its bytes are stored beside the stream and <see cref="Sha256"/> seals them into the chain.</summary>
public sealed record AttachmentAdded(
    Guid ComplaintId, Guid AttachmentId, string FileName, string ContentType, long Size, string Sha256,
    string? Description, string By, Instant AddedAt) : IComplaintEvent;

/// <summary>A class C/D complaint settled on the spot with the customer's agreement (001 当场解决): closed at once.</summary>
public sealed record ComplaintSettledAtFirstContact(Guid ComplaintId, string Resolution, string By, Instant SettledAt)
    : IComplaintEvent;

// Reaching the customer (procedure §8): facts beside the procedure; they never move its state.

public sealed record CustomerContacted(Guid ComplaintId, Channel Channel, string Summary, string By, Instant ContactedAt)
    : IComplaintEvent;

public sealed record CustomerUpdated(Guid ComplaintId, string Message, string By, Instant UpdatedAt) : IComplaintEvent;
