namespace Complaints.Domain;

/// <summary>What every registered complaint carries from step to step.</summary>
public sealed record ComplaintFile(
    Guid Id,
    string Number,
    string ResponsibleDepartment,
    IReadOnlyList<string> AcknowledgedBy,
    int LastPlanVersion)
{
    public Severity Severity { get; init; }

    public string Category { get; init; } = "";

    /// <summary>The departments the intake asked to inform and sign besides the responsible one.</summary>
    public IReadOnlyList<string> Notified { get; init; } = [];

    public StaffMember? Owner { get; init; }

    /// <summary>How many notes and files of evidence the complaint holds.</summary>
    public int Notes { get; init; }

    public int Attachments { get; init; }

    public Classification Classification => new(Severity, Category, ResponsibleDepartment);

    /// <summary>
    /// Every department that must sign that it read the registration (procedure §8): the responsible one, then those
    /// the intake notified. D3 is met once <see cref="StillToSign"/> is empty; notifications go to these.
    /// </summary>
    public IReadOnlyList<string> DepartmentsToSign =>
        [.. Notified.Prepend(ResponsibleDepartment).Distinct(Departments.Comparer)];

    public IReadOnlyList<string> StillToSign =>
        [.. DepartmentsToSign.Where(d => !AcknowledgedBy.Any(signed => Departments.Same(signed, d)))];
}

/// <summary>
/// The complaint's position in the procedure (§3), one record per step it can wait in.
/// The set is closed: only the nested records derive from it.
/// </summary>
public abstract record ComplaintState
{
    private ComplaintState() { }

    public sealed record Unregistered : ComplaintState;

    /// <summary>Registered by a receiver outside customer service, who must hand it over (step 1a).</summary>
    public sealed record AwaitingForward(ComplaintFile File) : ComplaintState;

    /// <summary>Notified; the responsible department has not yet signed that it read the registration (step 2).</summary>
    public sealed record AwaitingAcknowledgement(ComplaintFile File) : ComplaintState;

    public sealed record AwaitingVerification(ComplaintFile File) : ComplaintState;

    public sealed record AwaitingConfirmation(ComplaintFile File) : ComplaintState;

    public sealed record AwaitingActionPlan(ComplaintFile File) : ComplaintState;

    /// <summary>The plan needs both customer-service leadership and the GM office (step 6).</summary>
    public sealed record AwaitingPlanApproval(ComplaintFile File, int PlanVersion, IReadOnlyList<Approver> ApprovedBy)
        : ComplaintState;

    public sealed record AwaitingCustomerResponse(ComplaintFile File, int PlanVersion) : ComplaintState;

    public sealed record AwaitingExecution(ComplaintFile File, int PlanVersion) : ComplaintState;

    public sealed record AwaitingExecutionAcceptance(ComplaintFile File, int PlanVersion) : ComplaintState;

    public sealed record AwaitingHandlingReport(ComplaintFile File) : ComplaintState;

    public sealed record AwaitingReportApproval(ComplaintFile File, IReadOnlyList<Approver> ApprovedBy)
        : ComplaintState;

    public sealed record ReadyToClose(ComplaintFile File) : ComplaintState;

    /// <summary><see cref="Recurred"/>: a follow-up reported the problem back, so reopening is offered first.</summary>
    public sealed record Closed(ComplaintFile File, bool SatisfactionRecorded, bool Recurred = false) : ComplaintState;

    public sealed record ClosedAsInvalid(ComplaintFile File) : ComplaintState;
}
