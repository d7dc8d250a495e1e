using static Complaints.Domain.Tests.DeciderSpecification;

namespace Complaints.Domain.Tests;

public sealed partial class ComplaintDeciderTests
{
    private static ReviewHandlingReport ApproveReport(Approver approver) =>
        new(Complaint.Id, approver, true, null, WireNames.Of(approver), Complaint.Now);

    [Fact]
    public void Compiled_handling_report_awaits_approval() =>
        Given(History.AwaitingHandlingReport)
            .When(new CompileHandlingReport(Complaint.Id, "Brakes repaired", "Intake Specialist", Complaint.Now))
            .Then(new HandlingReportCompiled(Complaint.Id, "Brakes repaired", "Intake Specialist", Complaint.Now))
            .AndStatus("awaiting-report-approval");

    [Theory]
    [InlineData(Approver.CsLeadership)]
    [InlineData(Approver.GmOffice)]
    public void First_report_approval_waits_for_the_other_approver(Approver approver) =>
        Given(History.AwaitingReportApproval)
            .When(ApproveReport(approver))
            .Then(new HandlingReportApproved(Complaint.Id, approver, null, WireNames.Of(approver), Complaint.Now))
            .AndStatus("awaiting-report-approval");

    [Theory]
    [InlineData(Approver.CsLeadership, Approver.GmOffice)]
    [InlineData(Approver.GmOffice, Approver.CsLeadership)]
    public void Second_report_approval_makes_the_complaint_ready_to_close(Approver first, Approver second) =>
        Given([.. History.AwaitingReportApproval, Recorded.ReportApproved(first)])
            .When(ApproveReport(second))
            .Then(new HandlingReportApproved(Complaint.Id, second, null, WireNames.Of(second), Complaint.Now))
            .AndStatus("ready-to-close");

    [Theory]
    [InlineData(Approver.CsLeadership)]
    [InlineData(Approver.GmOffice)]
    public void Rejected_report_must_be_compiled_again(Approver approver) =>
        Given(History.AwaitingReportApproval)
            .When(new ReviewHandlingReport(
                Complaint.Id, approver, false, "Add the refund", WireNames.Of(approver), Complaint.Now))
            .Then(new HandlingReportRejected(Complaint.Id, approver, "Add the refund", WireNames.Of(approver), Complaint.Now))
            .AndStatus("awaiting-handling-report");

    [Fact]
    public void Same_approver_approving_the_report_twice_is_refused() =>
        Given([.. History.AwaitingReportApproval, Recorded.ReportApproved(Approver.GmOffice)])
            .When(ApproveReport(Approver.GmOffice))
            .ThenRefused("awaiting-report-approval", ComplaintActions.ReviewHandlingReport)
            .Message.ShouldContain("gm-office has already approved");

    [Fact]
    public void Recompiled_report_needs_both_approvals_again() =>
        Given(
            [
                .. History.AwaitingReportApproval,
                Recorded.ReportApproved(Approver.CsLeadership),
                Recorded.ReportRejected(Approver.GmOffice),
                Recorded.ReportCompiled
            ])
            .When(ApproveReport(Approver.GmOffice))
            .Then(new HandlingReportApproved(Complaint.Id, Approver.GmOffice, null, "gm-office", Complaint.Now))
            .AndStatus("awaiting-report-approval");

    [Fact]
    public void Compiling_the_report_before_execution_is_accepted_is_refused() =>
        Given(History.AwaitingExecutionAcceptance)
            .When(new CompileHandlingReport(Complaint.Id, "Brakes repaired", "Intake Specialist", Complaint.Now))
            .ThenRefused("awaiting-execution-acceptance", ComplaintActions.ReviewExecution);
}
