namespace Complaints.Domain;

/// <summary>The names of the commands as clients see them in <c>allowedActions</c>.</summary>
public static class ComplaintActions
{
    public const string Register = "register";
    public const string Forward = "forward";
    public const string Acknowledge = "acknowledge";
    public const string Verify = "verify";
    public const string Confirm = "confirm";
    public const string ProposeActionPlan = "propose-action-plan";
    public const string ReviewActionPlan = "review-action-plan";
    public const string RespondToActionPlan = "respond-to-action-plan";
    public const string ReportExecution = "report-execution";
    public const string ReviewExecution = "review-execution";
    public const string CompileHandlingReport = "compile-handling-report";
    public const string ReviewHandlingReport = "review-handling-report";
    public const string Close = "close";
    public const string RecordSatisfaction = "record-satisfaction";
    public const string Reopen = "reopen";
    public const string SettleAtFirstContact = "settle-at-first-contact";
    public const string Assign = "assign";
    public const string Reclassify = "reclassify";
    public const string AddNote = "add-note";
    public const string AddAttachment = "add-attachment";

    /// <summary>What staff may do to any open complaint besides its next step (procedure §9).</summary>
    public static readonly IReadOnlyList<string> StaffWork = [Assign, Reclassify, AddNote, AddAttachment];
    public const string RecordFollowUp = "record-follow-up";

    public static string Of(ComplaintCommand command) => command switch
    {
        Domain.RegisterComplaint => Register,
        Domain.ForwardComplaint => Forward,
        Domain.AcknowledgeComplaint => Acknowledge,
        Domain.VerifyComplaint => Verify,
        Domain.ConfirmComplaint => Confirm,
        Domain.ProposeActionPlan => ProposeActionPlan,
        Domain.ReviewActionPlan => ReviewActionPlan,
        Domain.RecordCustomerResponse => RespondToActionPlan,
        Domain.ReportExecution => ReportExecution,
        Domain.ReviewExecution => ReviewExecution,
        Domain.CompileHandlingReport => CompileHandlingReport,
        Domain.ReviewHandlingReport => ReviewHandlingReport,
        Domain.CloseComplaint => Close,
        Domain.RecordSatisfaction => RecordSatisfaction,
        Domain.ReopenComplaint => Reopen,
        Domain.SettleAtFirstContact => SettleAtFirstContact,
        Domain.AssignComplaint => Assign,
        Domain.ReclassifyComplaint => Reclassify,
        Domain.AddNote => AddNote,
        Domain.AddAttachment => AddAttachment,
        Domain.RecordFollowUp => RecordFollowUp,
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown command")
    };
}
