namespace Complaints.Domain.Tests;

/// <summary>Events as they were recorded in the complaint's past, all at <see cref="Complaint.Earlier"/>.</summary>
internal static class Recorded
{
    private const string DepartmentHead = "Head of After-Sales";
    private const string IntakeSpecialist = "Intake Specialist";

    public static ComplaintReceived ReceivedByCustomerService =>
        new(Complaint.Id, Complaint.Number, Complaint.IntakeByCustomerService, Complaint.Earlier);

    public static ComplaintReceived ReceivedByRegion =>
        new(Complaint.Id, Complaint.Number, Complaint.IntakeByRegion, Complaint.Earlier);

    public static ComplaintForwarded Forwarded =>
        new(Complaint.Id, "Customer Service", "Regional Manager East", Complaint.Earlier);

    public static ComplaintAcknowledged AcknowledgedBy(string department) =>
        new(Complaint.Id, department, "Head of " + department, Complaint.Earlier);

    public static ComplaintVerified Verified =>
        new(Complaint.Id, "Pads fitted without torque check.", ["Workshop Hangzhou"], DepartmentHead, Complaint.Earlier);

    public static ComplaintRejectedAsInvalid RejectedAsInvalid =>
        new(Complaint.Id, "Noise is within specification.", [], DepartmentHead, Complaint.Earlier);

    public static ComplaintConfirmed Confirmed => new(Complaint.Id, "GM Office", Complaint.Earlier);

    public static CorrectiveActionProposed PlanProposed(int version) =>
        new(Complaint.Id, version, "Missing torque check", "Refit the pads", "Add torque check to the job card",
            DepartmentHead, Complaint.Earlier);

    public static ActionPlanApproved PlanApproved(int version, Approver approver) =>
        new(Complaint.Id, version, approver, null, WireNames.Of(approver), Complaint.Earlier);

    public static ActionPlanRejected PlanRejected(int version, Approver approver) =>
        new(Complaint.Id, version, approver, "Preventive action too vague", WireNames.Of(approver), Complaint.Earlier);

    public static ActionPlanSubmittedToCustomer PlanSubmitted(int version) => new(Complaint.Id, version, Complaint.Earlier);

    public static CustomerAccepted CustomerAcceptedPlan(int version) => new(Complaint.Id, version, null, Complaint.Earlier);

    public static CustomerRejected CustomerRejectedPlan(int version) =>
        new(Complaint.Id, version, "I want a replacement car meanwhile", Complaint.Earlier);

    public static CorrectiveActionsExecuted ActionsExecuted(int version) =>
        new(Complaint.Id, version, "Pads refitted and torque checked", DepartmentHead, Complaint.Earlier);

    public static ExecutionAccepted ExecutionAcceptedByDirector =>
        new(Complaint.Id, null, "Customer Service Director", Complaint.Earlier);

    public static ExecutionRejected ExecutionRejectedByDirector =>
        new(Complaint.Id, "No test drive recorded", "Customer Service Director", Complaint.Earlier);

    public static HandlingReportCompiled ReportCompiled =>
        new(Complaint.Id, "Brakes repaired, job card updated", IntakeSpecialist, Complaint.Earlier);

    public static HandlingReportApproved ReportApproved(Approver approver) =>
        new(Complaint.Id, approver, null, WireNames.Of(approver), Complaint.Earlier);

    public static HandlingReportRejected ReportRejected(Approver approver) =>
        new(Complaint.Id, approver, "Add the customer's refund", WireNames.Of(approver), Complaint.Earlier);

    public static ComplaintClosed Closed => new(Complaint.Id, "li.wei@example.com", IntakeSpecialist, Complaint.Earlier);

    public static SatisfactionRecorded SatisfactionSurveyed => new(Complaint.Id, 4, "Fixed, but took long", Complaint.Earlier);

    public static FollowUpRecorded FollowedUp(bool recurred = false) =>
        new(Complaint.Id, FollowUpOutcome.Reached, new FollowUpScores(4, 5, recurred ? 2 : 4), recurred, null, IntakeSpecialist,
            Complaint.Earlier);

    public static ComplaintReopened Reopened => new(Complaint.Id, "Squeal is back", IntakeSpecialist, Complaint.Earlier);

    /// <summary>A class D complaint, which may be settled at first contact.</summary>
    public static ComplaintReceived ReceivedAsClassD =>
        new(Complaint.Id, Complaint.Number, Complaint.IntakeByCustomerService with { Severity = Severity.D }, Complaint.Earlier);

    /// <summary>Registered with Quality Office to inform and sign besides the responsible department.</summary>
    public static ComplaintReceived ReceivedNotifying(params string[] departments) =>
        new(Complaint.Id, Complaint.Number, Complaint.IntakeByCustomerService with { Notify = departments }, Complaint.Earlier);

    public static ComplaintAssigned AssignedTo(string owner) =>
        new(Complaint.Id, new StaffMember(owner, null), IntakeSpecialist, Complaint.Earlier);

    public static ComplaintReclassified MovedTo(string department) => new(Complaint.Id,
        new Classification(Severity.B, "repair-workmanship", Complaint.ResponsibleDepartment),
        new Classification(Severity.B, "repair-workmanship", department), "Wrong department at intake", IntakeSpecialist,
        Complaint.Earlier);
}
