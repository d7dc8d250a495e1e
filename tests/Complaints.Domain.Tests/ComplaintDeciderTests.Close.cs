using static Complaints.Domain.Tests.DeciderSpecification;

namespace Complaints.Domain.Tests;

public sealed partial class ComplaintDeciderTests
{
    [Fact]
    public void Closing_sends_the_handling_report_to_the_customer() =>
        Given(History.ReadyToClose)
            .When(new CloseComplaint(Complaint.Id, "li.wei@example.com", "Intake Specialist", Complaint.Now))
            .Then(new ComplaintClosed(Complaint.Id, "li.wei@example.com", "Intake Specialist", Complaint.Now))
            .AndStatus("closed");

    [Fact]
    public void Closing_before_both_report_approvals_is_refused() =>
        Given([.. History.AwaitingReportApproval, Recorded.ReportApproved(Approver.CsLeadership)])
            .When(new CloseComplaint(Complaint.Id, "li.wei@example.com", "Intake Specialist", Complaint.Now))
            .ThenRefused("awaiting-report-approval", ComplaintActions.ReviewHandlingReport);

    [Fact]
    public void Closing_twice_is_refused() =>
        Given(History.Closed)
            .When(new CloseComplaint(Complaint.Id, "li.wei@example.com", "Intake Specialist", Complaint.Now))
            .ThenRefused("closed", ComplaintActions.RecordSatisfaction, ComplaintActions.RecordFollowUp, ComplaintActions.Reopen);
}
