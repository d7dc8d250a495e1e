using static Complaints.Domain.ComplaintState;

namespace Complaints.Domain;

/// <summary>
/// The complaint procedure as a decider: <see cref="Decide"/> turns a command and the current state into
/// events or a refusal; <see cref="Evolve"/> folds an event into the state. No I/O, no clock.
/// </summary>
public static class ComplaintDecider
{
    public static ComplaintState Initial { get; } = new Unregistered();

    public static IReadOnlyList<IComplaintEvent> Decide(ComplaintCommand command, ComplaintState state) =>
        (command, state) switch
        {
            (RegisterComplaint c, Unregistered) => Register(c),

            (ForwardComplaint c, AwaitingForward) =>
                [new ComplaintForwarded(c.ComplaintId, c.To, c.By, c.At)],

            (AcknowledgeComplaint c, _) when Signing(state, c.Department) is { } file => Acknowledge(c, file, state),

            (VerifyComplaint { Valid: true } c, AwaitingVerification) =>
                [new ComplaintVerified(c.ComplaintId, c.Findings, c.ResponsibleParties, c.By, c.At, c.RootCauseCategory)],
            (VerifyComplaint { Valid: false } c, AwaitingVerification) =>
                [new ComplaintRejectedAsInvalid(c.ComplaintId, c.Findings, c.ResponsibleParties, c.By, c.At, c.RootCauseCategory)],

            (ConfirmComplaint c, AwaitingConfirmation) =>
                [new ComplaintConfirmed(c.ComplaintId, c.By, c.At)],

            (ProposeActionPlan c, AwaitingActionPlan s) =>
                [new CorrectiveActionProposed(c.ComplaintId, s.File.LastPlanVersion + 1, c.RootCause,
                    c.CorrectiveActions, c.PreventiveActions, c.By, c.At, c.RootCauseCategory)],

            (ReviewActionPlan c, AwaitingPlanApproval s) => ReviewPlan(c, s),

            (RecordCustomerResponse c, AwaitingCustomerResponse s) => RespondToPlan(c, s),

            (ReportExecution c, AwaitingExecution s) =>
                [new CorrectiveActionsExecuted(c.ComplaintId, s.PlanVersion, c.Summary, c.By, c.At)],

            (ReviewExecution { Accepted: true } c, AwaitingExecutionAcceptance) =>
                [new ExecutionAccepted(c.ComplaintId, c.Comment, c.By, c.At)],
            (ReviewExecution { Accepted: false } c, AwaitingExecutionAcceptance) =>
                [new ExecutionRejected(c.ComplaintId, c.Comment, c.By, c.At)],

            (CompileHandlingReport c, AwaitingHandlingReport) =>
                [new HandlingReportCompiled(c.ComplaintId, c.Summary, c.By, c.At)],

            (ReviewHandlingReport c, AwaitingReportApproval s) => ReviewReport(c, s),

            (CloseComplaint c, ReadyToClose) =>
                [new ComplaintClosed(c.ComplaintId, c.SentTo, c.By, c.At)],

            (RecordSatisfaction c, Closed { SatisfactionRecorded: false }) =>
                [new SatisfactionRecorded(c.ComplaintId, c.Score, c.Comment, c.At)],

            (RecordFollowUp c, Closed) =>
                [new FollowUpRecorded(c.ComplaintId, c.Outcome, c.Scores, c.Recurred, c.Comment, c.By, c.At)],

            (ReopenComplaint c, Closed or ClosedAsInvalid) =>
                [new ComplaintReopened(c.ComplaintId, c.Reason, c.By, c.At)],

            (SettleAtFirstContact c, AwaitingAcknowledgement or AwaitingVerification) => Settle(c, state),
            (AssignComplaint c, _) when OpenFile(state) is { } file => Assign(c, file, state),
            (ReclassifyComplaint c, _) when OpenFile(state) is { } file => Reclassify(c, file),
            (AddNote c, _) when OpenFile(state) is not null => [new NoteAdded(c.ComplaintId, c.Text, c.By, c.At)],
            (AddAttachment c, _) when OpenFile(state) is { } file => Attach(c, file, state),

            _ => throw NotAllowed(command, state, Explain(command, state))
        };

    public static ComplaintState Evolve(ComplaintState state, IComplaintEvent @event) =>
        (state, @event) switch
        {
            (Unregistered, ComplaintReceived e) => Registered(e),
            (AwaitingForward s, ComplaintForwarded) => new AwaitingAcknowledgement(s.File),
            (AwaitingAcknowledgement s, ComplaintAcknowledged e) => Acknowledged(s.File, e),
            (AwaitingVerification s, ComplaintVerified) => new AwaitingConfirmation(s.File),
            (AwaitingVerification s, ComplaintRejectedAsInvalid) => new ClosedAsInvalid(s.File),
            (AwaitingConfirmation s, ComplaintConfirmed) => new AwaitingActionPlan(s.File),
            (AwaitingActionPlan s, CorrectiveActionProposed e) =>
                new AwaitingPlanApproval(s.File with { LastPlanVersion = e.PlanVersion }, e.PlanVersion, []),
            (AwaitingPlanApproval s, ActionPlanApproved e) => s with { ApprovedBy = [.. s.ApprovedBy, e.Approver] },
            (AwaitingPlanApproval s, ActionPlanRejected) => new AwaitingActionPlan(s.File),
            (AwaitingPlanApproval s, ActionPlanSubmittedToCustomer e) => new AwaitingCustomerResponse(s.File, e.PlanVersion),
            (AwaitingCustomerResponse s, CustomerAccepted) => new AwaitingExecution(s.File, s.PlanVersion),
            (AwaitingCustomerResponse s, CustomerRejected) => new AwaitingVerification(s.File),
            (AwaitingExecution s, CorrectiveActionsExecuted) => new AwaitingExecutionAcceptance(s.File, s.PlanVersion),
            (AwaitingExecutionAcceptance s, ExecutionAccepted) => new AwaitingHandlingReport(s.File),
            (AwaitingExecutionAcceptance s, ExecutionRejected) => new AwaitingExecution(s.File, s.PlanVersion),
            (AwaitingHandlingReport s, HandlingReportCompiled) => new AwaitingReportApproval(s.File, []),
            (AwaitingReportApproval s, HandlingReportApproved e) => ReportApproved(s, e),
            (AwaitingReportApproval s, HandlingReportRejected) => new AwaitingHandlingReport(s.File),
            (ReadyToClose s, ComplaintClosed) => new Closed(s.File, SatisfactionRecorded: false),
            (Closed s, SatisfactionRecorded) => s with { SatisfactionRecorded = true },
            (Closed s, FollowUpRecorded e) => s with { Recurred = s.Recurred || e.Recurred },
            (Closed s, ComplaintReopened) => new AwaitingVerification(s.File),
            (ClosedAsInvalid s, ComplaintReopened) => new AwaitingVerification(s.File),
            (AwaitingAcknowledgement or AwaitingVerification, ComplaintSettledAtFirstContact) =>
                new Closed(FileOf(state)!, SatisfactionRecorded: false),
            (AwaitingAcknowledgement s, ComplaintReclassified e) => Acknowledged(s.File with
            {
                Severity = e.To.Severity,
                Category = e.To.Category,
                ResponsibleDepartment = e.To.ResponsibleDepartment
            }, null),
            (_, ComplaintReclassified e) => WithFile(state, f => f with
            {
                Severity = e.To.Severity,
                Category = e.To.Category,
                ResponsibleDepartment = e.To.ResponsibleDepartment
            }),
            (_, ComplaintAcknowledged e) => WithFile(state, f => WithAcknowledgement(f, e.Department)),
            (_, ComplaintAssigned e) => WithFile(state, f => f with { Owner = e.Owner }),
            (_, NoteAdded) => WithFile(state, f => f with { Notes = f.Notes + 1 }),
            (_, AttachmentAdded) => WithFile(state, f => f with { Attachments = f.Attachments + 1 }),
            // Recorded history is a fact: an event that does not move this state leaves it as it is.
            _ => state
        };

    public static ComplaintState Fold(IEnumerable<IComplaintEvent> events) => events.Aggregate(Initial, Evolve);

    /// <summary>
    /// The actions the current state accepts: its steps in procedure order (an acknowledgement first while a
    /// department must still sign, settling on the spot for class C and D before verification), then the staff work
    /// every open complaint takes (adding a file only while it holds fewer than it may).
    /// </summary>
    public static IReadOnlyList<string> AllowedActions(ComplaintState state)
    {
        var steps = StepActions(state);
        if (OpenFile(state) is not { } file) return steps;
        var signing = state is not AwaitingForward && file.StillToSign.Count > 0 && !steps.Contains(ComplaintActions.Acknowledge)
            ? [ComplaintActions.Acknowledge] : Array.Empty<string>();
        var settling = state is AwaitingAcknowledgement or AwaitingVerification && SettlesAtFirstContact(file.Severity)
            ? [ComplaintActions.SettleAtFirstContact] : Array.Empty<string>();
        var staffWork = file.Attachments < MaxAttachments
            ? ComplaintActions.StaffWork
            : ComplaintActions.StaffWork.Where(action => action != ComplaintActions.AddAttachment);
        return [.. signing, .. steps, .. settling, .. staffWork];
    }

    /// <summary>Only the simple classes may take the short path (001 当场解决).</summary>
    public static bool SettlesAtFirstContact(Severity severity) => severity is Severity.C or Severity.D;

    /// <summary>How many files of evidence one complaint may hold: each is up to 10 MB of the database.</summary>
    public const int MaxAttachments = 100;

    /// <summary>The complaint's file in any registered state, or null before registration.</summary>
    public static ComplaintFile? FileOf(ComplaintState state) => state switch
    {
        AwaitingForward s => s.File,
        AwaitingAcknowledgement s => s.File,
        AwaitingVerification s => s.File,
        AwaitingConfirmation s => s.File,
        AwaitingActionPlan s => s.File,
        AwaitingPlanApproval s => s.File,
        AwaitingCustomerResponse s => s.File,
        AwaitingExecution s => s.File,
        AwaitingExecutionAcceptance s => s.File,
        AwaitingHandlingReport s => s.File,
        AwaitingReportApproval s => s.File,
        ReadyToClose s => s.File,
        Closed s => s.File,
        ClosedAsInvalid s => s.File,
        _ => null
    };

    /// <summary>The file of a complaint still being handled (registered, not closed), else null.</summary>
    public static ComplaintFile? OpenFile(ComplaintState state) => state is Closed or ClosedAsInvalid ? null : FileOf(state);

    private static ComplaintState WithFile(ComplaintState state, Func<ComplaintFile, ComplaintFile> change) => state switch
    {
        AwaitingForward s => s with { File = change(s.File) },
        AwaitingAcknowledgement s => s with { File = change(s.File) },
        AwaitingVerification s => s with { File = change(s.File) },
        AwaitingConfirmation s => s with { File = change(s.File) },
        AwaitingActionPlan s => s with { File = change(s.File) },
        AwaitingPlanApproval s => s with { File = change(s.File) },
        AwaitingCustomerResponse s => s with { File = change(s.File) },
        AwaitingExecution s => s with { File = change(s.File) },
        AwaitingExecutionAcceptance s => s with { File = change(s.File) },
        AwaitingHandlingReport s => s with { File = change(s.File) },
        AwaitingReportApproval s => s with { File = change(s.File) },
        ReadyToClose s => s with { File = change(s.File) },
        Closed s => s with { File = change(s.File) },
        ClosedAsInvalid s => s with { File = change(s.File) },
        _ => state
    };

    private static IReadOnlyList<string> StepActions(ComplaintState state) => state switch
    {
        Unregistered => [ComplaintActions.Register],
        AwaitingForward => [ComplaintActions.Forward],
        AwaitingAcknowledgement => [ComplaintActions.Acknowledge],
        AwaitingVerification => [ComplaintActions.Acknowledge, ComplaintActions.Verify],
        AwaitingConfirmation => [ComplaintActions.Confirm],
        AwaitingActionPlan => [ComplaintActions.ProposeActionPlan],
        AwaitingPlanApproval => [ComplaintActions.ReviewActionPlan],
        AwaitingCustomerResponse => [ComplaintActions.RespondToActionPlan],
        AwaitingExecution => [ComplaintActions.ReportExecution],
        AwaitingExecutionAcceptance => [ComplaintActions.ReviewExecution],
        AwaitingHandlingReport => [ComplaintActions.CompileHandlingReport],
        AwaitingReportApproval => [ComplaintActions.ReviewHandlingReport],
        ReadyToClose => [ComplaintActions.Close],
        Closed { Recurred: true, SatisfactionRecorded: false } =>
            [ComplaintActions.Reopen, ComplaintActions.RecordFollowUp, ComplaintActions.RecordSatisfaction],
        Closed { Recurred: true } => [ComplaintActions.Reopen, ComplaintActions.RecordFollowUp],
        Closed { SatisfactionRecorded: false } =>
            [ComplaintActions.RecordSatisfaction, ComplaintActions.RecordFollowUp, ComplaintActions.Reopen],
        Closed => [ComplaintActions.RecordFollowUp, ComplaintActions.Reopen],
        ClosedAsInvalid => [ComplaintActions.Reopen],
        _ => []
    };

    /// <summary>Every name <see cref="StatusOf"/> gives, in lifecycle order.</summary>
    public static IReadOnlyList<string> Statuses { get; } =
    [
        "unregistered", "awaiting-forward", "awaiting-acknowledgement", "awaiting-verification", "awaiting-confirmation",
        "awaiting-action-plan", "awaiting-plan-approval", "awaiting-customer-response", "awaiting-execution",
        "awaiting-execution-acceptance", "awaiting-handling-report", "awaiting-report-approval", "ready-to-close",
        "closed", "closed-as-invalid"
    ];

    /// <summary>The state's name on the wire (kebab-case), used by the read models and the ledger filter.</summary>
    public static string StatusOf(ComplaintState state) => state switch
    {
        Unregistered => "unregistered",
        AwaitingForward => "awaiting-forward",
        AwaitingAcknowledgement => "awaiting-acknowledgement",
        AwaitingVerification => "awaiting-verification",
        AwaitingConfirmation => "awaiting-confirmation",
        AwaitingActionPlan => "awaiting-action-plan",
        AwaitingPlanApproval => "awaiting-plan-approval",
        AwaitingCustomerResponse => "awaiting-customer-response",
        AwaitingExecution => "awaiting-execution",
        AwaitingExecutionAcceptance => "awaiting-execution-acceptance",
        AwaitingHandlingReport => "awaiting-handling-report",
        AwaitingReportApproval => "awaiting-report-approval",
        ReadyToClose => "ready-to-close",
        Closed => "closed",
        ClosedAsInvalid => "closed-as-invalid",
        _ => throw new ArgumentOutOfRangeException(nameof(state))
    };

    /// <summary>
    /// A customer cannot ask for a resolution before the complaint was received (a date in the year 0 did reach the
    /// deadlines and the reports). Checked here rather than with the form: a retry of the same request is answered
    /// before it is decided, and a receipt that defaulted to "now" would be later on every retry.
    /// </summary>
    private static IReadOnlyList<IComplaintEvent> Register(RegisterComplaint c)
    {
        if (c.Intake.RequestedResolutionDate < InputBounds.ReceiptDay(c.Intake.ReceivedAt))
            throw new InvalidCommandException(new Dictionary<string, string[]>
            {
                ["requestedResolutionDate"] = ["lies before the day the complaint was received"]
            });
        return [new ComplaintReceived(c.ComplaintId, c.Number, c.Intake, c.At,
            c.Recurrence is { } candidates ? Repeats.Find(c.Intake, candidates) : null)];
    }

    private static ComplaintState Registered(ComplaintReceived e)
    {
        var file = new ComplaintFile(e.ComplaintId, e.Number, e.Intake.ResponsibleDepartment, [], 0)
        {
            Severity = e.Intake.Severity, Category = e.Intake.Category, Notified = e.Intake.NotifiedDepartments,
            Owner = e.Intake.Owner
        };
        return e.Intake.ReceivedBy.Kind == ReceiverKind.CustomerService
            ? new AwaitingAcknowledgement(file)
            : new AwaitingForward(file);
    }

    /// <summary>
    /// Any department may sign before and during verification; later only one that must still sign (a department
    /// that became responsible by a reclassification).
    /// </summary>
    private static ComplaintFile? Signing(ComplaintState state, string department) => state switch
    {
        AwaitingAcknowledgement s => s.File,
        AwaitingVerification s => s.File,
        AwaitingForward => null,
        _ => OpenFile(state) is { } file && file.StillToSign.Any(d => Departments.Same(d, department)) ? file : null
    };

    private static IReadOnlyList<IComplaintEvent> Acknowledge(AcknowledgeComplaint c, ComplaintFile file, ComplaintState state)
    {
        if (file.AcknowledgedBy.Any(d => Departments.Same(d, c.Department)))
            throw NotAllowed(c, state, $"Department '{c.Department}' has already acknowledged this complaint.");
        var stillToSign = WithAcknowledgement(file, c.Department).StillToSign.ToArray();
        return [new ComplaintAcknowledged(c.ComplaintId, c.Department, c.By, c.At, stillToSign)];
    }

    /// <summary>Verification opens once the responsible department has signed (the others may sign meanwhile).</summary>
    private static ComplaintState Acknowledged(ComplaintFile file, ComplaintAcknowledged? e)
    {
        var updated = e is null ? file : WithAcknowledgement(file, e.Department);
        return updated.AcknowledgedBy.Any(d => Departments.Same(d, updated.ResponsibleDepartment))
            ? new AwaitingVerification(updated)
            : new AwaitingAcknowledgement(updated);
    }

    private static ComplaintFile WithAcknowledgement(ComplaintFile file, string department) =>
        file with { AcknowledgedBy = [.. file.AcknowledgedBy, department] };

    private static IReadOnlyList<IComplaintEvent> Assign(AssignComplaint c, ComplaintFile file, ComplaintState state) =>
        file.Owner is { } owner && string.Equals(owner.Name, c.Owner.Name, StringComparison.OrdinalIgnoreCase)
            && string.Equals(owner.Email, c.Owner.Email, StringComparison.OrdinalIgnoreCase)
            ? throw NotAllowed(c, state, $"'{owner.Name}' already owns this complaint.")
            : [new ComplaintAssigned(c.ComplaintId, c.Owner, c.By, c.At)];

    /// <summary>A correction must change something: the fields that name what the complaint already is are refused.</summary>
    private static IReadOnlyList<IComplaintEvent> Reclassify(ReclassifyComplaint c, ComplaintFile file)
    {
        var from = file.Classification;
        var to = new Classification(c.Severity ?? from.Severity, c.Category ?? from.Category,
            c.ResponsibleDepartment ?? from.ResponsibleDepartment);
        if (to.Severity == from.Severity && string.Equals(to.Category, from.Category, StringComparison.OrdinalIgnoreCase)
            && Departments.Same(to.ResponsibleDepartment, from.ResponsibleDepartment))
        {
            var unchanged = new Dictionary<string, string[]>();
            if (c.Severity is not null) unchanged["severity"] = [$"is already {from.Severity}"];
            if (c.Category is not null) unchanged["category"] = [$"is already {from.Category}"];
            if (c.ResponsibleDepartment is not null) unchanged["responsibleDepartment"] = [$"is already {from.ResponsibleDepartment}"];
            throw new InvalidCommandException(unchanged);
        }
        var stillToSign = (file with { ResponsibleDepartment = to.ResponsibleDepartment }).StillToSign.ToArray();
        return [new ComplaintReclassified(c.ComplaintId, from, to, c.Reason, c.By, c.At, stillToSign)];
    }

    private static IReadOnlyList<IComplaintEvent> Attach(AddAttachment c, ComplaintFile file, ComplaintState state) =>
        file.Attachments >= MaxAttachments
            ? throw NotAllowed(c, state, $"The complaint already holds {MaxAttachments} attachments, as many as one may hold.")
            : [new AttachmentAdded(c.ComplaintId, c.AttachmentId, c.FileName, c.ContentType, c.Size, c.Sha256,
                c.Description, c.By, c.At)];

    private static IReadOnlyList<IComplaintEvent> Settle(SettleAtFirstContact c, ComplaintState state) =>
        SettlesAtFirstContact(FileOf(state)!.Severity)
            ? [new ComplaintSettledAtFirstContact(c.ComplaintId, c.Resolution, c.By, c.At)]
            : throw NotAllowed(c, state, "Only class C and D complaints may be settled at first contact; this one is class " +
                                         $"{FileOf(state)!.Severity}.");

    private static IReadOnlyList<IComplaintEvent> ReviewPlan(ReviewActionPlan c, AwaitingPlanApproval s)
    {
        if (c.PlanVersion != s.PlanVersion)
            throw NotAllowed(c, s, $"Plan version {c.PlanVersion} is not the plan under review (version {s.PlanVersion}).");
        if (s.ApprovedBy.Contains(c.Approver))
            throw NotAllowed(c, s, $"{WireNames.Of(c.Approver)} has already approved plan version {s.PlanVersion}.");
        if (!c.Approved)
            return [new ActionPlanRejected(c.ComplaintId, c.PlanVersion, c.Approver, c.Comment, c.By, c.At)];

        var approved = new ActionPlanApproved(c.ComplaintId, c.PlanVersion, c.Approver, c.Comment, c.By, c.At);
        return s.ApprovedBy.Count + 1 == Enum.GetValues<Approver>().Length
            ? [approved, new ActionPlanSubmittedToCustomer(c.ComplaintId, c.PlanVersion, c.At)]
            : [approved];
    }

    private static IReadOnlyList<IComplaintEvent> RespondToPlan(RecordCustomerResponse c, AwaitingCustomerResponse s)
    {
        if (c.PlanVersion != s.PlanVersion)
            throw NotAllowed(c, s, $"Plan version {c.PlanVersion} is not the plan put to the customer (version {s.PlanVersion}).");
        return c.Accepted
            ? [new CustomerAccepted(c.ComplaintId, c.PlanVersion, c.Comment, c.At)]
            : [new CustomerRejected(c.ComplaintId, c.PlanVersion, c.Comment, c.At)];
    }

    private static IReadOnlyList<IComplaintEvent> ReviewReport(ReviewHandlingReport c, AwaitingReportApproval s)
    {
        if (s.ApprovedBy.Contains(c.Approver))
            throw NotAllowed(c, s, $"{WireNames.Of(c.Approver)} has already approved the handling report.");
        return c.Approved
            ? [new HandlingReportApproved(c.ComplaintId, c.Approver, c.Comment, c.By, c.At)]
            : [new HandlingReportRejected(c.ComplaintId, c.Approver, c.Comment, c.By, c.At)];
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859",
        Justification = "It returns AwaitingReportApproval too: the analyzer reads the conditional as its first branch's type.")]
    private static ComplaintState ReportApproved(AwaitingReportApproval s, HandlingReportApproved e)
    {
        var approvedBy = s.ApprovedBy.Append(e.Approver).Distinct().ToList();
        return approvedBy.Count == Enum.GetValues<Approver>().Length
            ? new ReadyToClose(s.File)
            : s with { ApprovedBy = approvedBy };
    }

    private static string Explain(ComplaintCommand command, ComplaintState state) => (command, state) switch
    {
        (RecordSatisfaction, Closed) => "Satisfaction has already been recorded for this closure.",
        (RegisterComplaint, _) => "The complaint is already registered.",
        _ => $"'{ComplaintActions.Of(command)}' is not allowed while the complaint is {StatusOf(state)}."
    };

    private static CommandNotAllowedException NotAllowed(ComplaintCommand command, ComplaintState state, string reason) =>
        new(reason, StatusOf(state), AllowedActions(state));
}
