namespace Complaints.Client;

// The request bodies of the contract (docs/contract/openapi.json, components.schemas), one record each. Dates are
// ISO-8601 text as on the wire ("2026-11-30", "2026-11-20T08:00:00Z"), so the client needs no time library.

public sealed record Customer(string Name, string? Phone = null, string? Email = null);

/// <summary>Who took the complaint in; <see cref="Kind"/> is customer-service, dealer or other.</summary>
public sealed record Receiver(string Name, string Department, string Kind = "customer-service");

/// <summary><c>POST /api/complaints</c>. Severity A, B or C; the channel one of the contract's (phone, email, …).</summary>
public sealed record Registration(
    string Severity, string Category, string ResponsibleDepartment, string Region, string Channel,
    string Description, string CustomerExpectation, string RequestedResolutionDate, Customer Customer,
    Receiver ReceivedBy, string? ReceivedAt = null, string? OccurredAt = null, string? Location = null,
    string? AssetReference = null);

public sealed record Forwarding(string To, string By);

public sealed record Acknowledgement(string Department, string By);

public sealed record Verification(bool Valid, string Findings, IReadOnlyList<string> ResponsibleParties, string By);

public sealed record Confirmation(string By);

public sealed record ActionPlan(string RootCause, string CorrectiveActions, string PreventiveActions, string By);

/// <summary>An approval or rejection signed for one body (<see cref="Approver"/>: cs-leadership or gm-office).</summary>
public sealed record Review(string Approver, bool Approved, string By, string? Comment = null);

public sealed record CustomerAnswer(bool Accepted, string? Comment = null);

/// <summary>The body of an execution report and of a handling report.</summary>
public sealed record StepReport(string Summary, string By);

public sealed record ExecutionReview(bool Accepted, string By, string? Comment = null);

public sealed record Closure(string SentTo, string By);

public sealed record Satisfaction(int Score, string? Comment = null);

public sealed record Reopening(string Reason, string By);

public sealed record Erasure(string Reason);
