namespace Complaints.Domain.Tests;

/// <summary>The events that bring the complaint to each step of the happy path (plan version 1).</summary>
internal static class History
{
    public static ComplaintState Fold(IEnumerable<IComplaintEvent> events) =>
        events.Aggregate(ComplaintDecider.Initial, ComplaintDecider.Evolve);

    public static IComplaintEvent[] AwaitingForward => [Recorded.ReceivedByRegion];

    public static IComplaintEvent[] AwaitingAcknowledgement => [Recorded.ReceivedByCustomerService];

    public static IComplaintEvent[] AwaitingVerification =>
        [.. AwaitingAcknowledgement, Recorded.AcknowledgedBy(Complaint.ResponsibleDepartment)];

    public static IComplaintEvent[] AwaitingConfirmation => [.. AwaitingVerification, Recorded.Verified];

    public static IComplaintEvent[] ClosedAsInvalid => [.. AwaitingVerification, Recorded.RejectedAsInvalid];

    public static IComplaintEvent[] AwaitingActionPlan => [.. AwaitingConfirmation, Recorded.Confirmed];

    public static IComplaintEvent[] AwaitingPlanApproval => [.. AwaitingActionPlan, Recorded.PlanProposed(1)];

    public static IComplaintEvent[] AwaitingCustomerResponse =>
    [
        .. AwaitingPlanApproval,
        Recorded.PlanApproved(1, Approver.CsLeadership),
        Recorded.PlanApproved(1, Approver.GmOffice),
        Recorded.PlanSubmitted(1)
    ];

    public static IComplaintEvent[] AwaitingExecution => [.. AwaitingCustomerResponse, Recorded.CustomerAcceptedPlan(1)];

    public static IComplaintEvent[] AwaitingExecutionAcceptance => [.. AwaitingExecution, Recorded.ActionsExecuted(1)];

    public static IComplaintEvent[] AwaitingHandlingReport =>
        [.. AwaitingExecutionAcceptance, Recorded.ExecutionAcceptedByDirector];

    public static IComplaintEvent[] AwaitingReportApproval => [.. AwaitingHandlingReport, Recorded.ReportCompiled];

    public static IComplaintEvent[] ReadyToClose =>
    [
        .. AwaitingReportApproval,
        Recorded.ReportApproved(Approver.CsLeadership),
        Recorded.ReportApproved(Approver.GmOffice)
    ];

    public static IComplaintEvent[] Closed => [.. ReadyToClose, Recorded.Closed];

    public static IComplaintEvent[] ClosedWithSatisfaction => [.. Closed, Recorded.SatisfactionSurveyed];

    /// <summary>Surveyed, reopened because the problem recurred, handled again with plan version 2 and closed again.</summary>
    public static IComplaintEvent[] ClosedAgainAfterReopen =>
    [
        .. ClosedWithSatisfaction,
        Recorded.Reopened,
        Recorded.Verified,
        Recorded.Confirmed,
        Recorded.PlanProposed(2),
        Recorded.PlanApproved(2, Approver.GmOffice),
        Recorded.PlanApproved(2, Approver.CsLeadership),
        Recorded.PlanSubmitted(2),
        Recorded.CustomerAcceptedPlan(2),
        Recorded.ActionsExecuted(2),
        Recorded.ExecutionAcceptedByDirector,
        Recorded.ReportCompiled,
        Recorded.ReportApproved(Approver.GmOffice),
        Recorded.ReportApproved(Approver.CsLeadership),
        Recorded.Closed
    ];
}
