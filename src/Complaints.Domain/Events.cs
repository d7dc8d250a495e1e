using NodaTime;

namespace Complaints.Domain;

/// <summary>Something that happened to one complaint; every event names its complaint so it stands alone on replay.</summary>
public interface IComplaintEvent
{
    Guid ComplaintId { get; }
}

public enum Approver { CsLeadership, GmOffice }

public sealed record ComplaintReceived(
    Guid ComplaintId, string Number, ComplaintIntake Intake, Instant RegisteredAt) : IComplaintEvent;

public sealed record ComplaintForwarded(Guid ComplaintId, string To, string By, Instant ForwardedAt) : IComplaintEvent;

public sealed record ComplaintAcknowledged(
    Guid ComplaintId, string Department, string By, Instant AcknowledgedAt) : IComplaintEvent;

public sealed record ComplaintVerified(
    Guid ComplaintId, string Findings, IReadOnlyList<string> ResponsibleParties, string By, Instant VerifiedAt)
    : IComplaintEvent;

public sealed record ComplaintRejectedAsInvalid(
    Guid ComplaintId, string Findings, IReadOnlyList<string> ResponsibleParties, string By, Instant RejectedAt)
    : IComplaintEvent;

public sealed record ComplaintConfirmed(Guid ComplaintId, string By, Instant ConfirmedAt) : IComplaintEvent;

public sealed record CorrectiveActionProposed(
    Guid ComplaintId, int PlanVersion, string RootCause, string CorrectiveActions, string PreventiveActions,
    string By, Instant ProposedAt) : IComplaintEvent;

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

/// <summary>
/// An administrator erased the customer's name and contact details (procedure §7): the values are gone from every
/// event and read model; this event records who did it, when and why.
/// </summary>
public sealed record PersonalDataErased(Guid ComplaintId, string Reason, string By, Instant ErasedAt) : IComplaintEvent;

// Reaching the customer (procedure §8): facts beside the procedure; they never move its state.

public sealed record CustomerContacted(Guid ComplaintId, Channel Channel, string Summary, string By, Instant ContactedAt)
    : IComplaintEvent;

public sealed record CustomerUpdated(Guid ComplaintId, string Message, string By, Instant UpdatedAt) : IComplaintEvent;
