using static Complaints.Domain.Tests.DeciderSpecification;

namespace Complaints.Domain.Tests;

public sealed partial class ComplaintDeciderTests
{
    [Fact]
    public void Execution_is_reported_against_the_plan_the_customer_accepted() =>
        Given(
            [
                .. History.AwaitingPlanApproval,
                Recorded.PlanRejected(1, Approver.GmOffice),
                Recorded.PlanProposed(2),
                Recorded.PlanApproved(2, Approver.CsLeadership),
                Recorded.PlanApproved(2, Approver.GmOffice),
                Recorded.PlanSubmitted(2),
                Recorded.CustomerAcceptedPlan(2)
            ])
            .When(new ReportExecution(Complaint.Id, "Pads refitted", "Head of After-Sales", Complaint.Now))
            .Then(new CorrectiveActionsExecuted(Complaint.Id, 2, "Pads refitted", "Head of After-Sales", Complaint.Now))
            .AndStatus("awaiting-execution-acceptance");

    [Fact]
    public void Director_accepting_the_execution_asks_for_the_handling_report() =>
        Given(History.AwaitingExecutionAcceptance)
            .When(new ReviewExecution(Complaint.Id, true, "Test drive fine", "Customer Service Director", Complaint.Now))
            .Then(new ExecutionAccepted(Complaint.Id, "Test drive fine", "Customer Service Director", Complaint.Now))
            .AndStatus("awaiting-handling-report");

    [Fact]
    public void Director_rejecting_the_execution_sends_the_department_back_to_execute() =>
        Given(History.AwaitingExecutionAcceptance)
            .When(new ReviewExecution(Complaint.Id, false, "Still squeals", "Customer Service Director", Complaint.Now))
            .Then(new ExecutionRejected(Complaint.Id, "Still squeals", "Customer Service Director", Complaint.Now))
            .AndStatus("awaiting-execution");

    [Fact]
    public void Redone_execution_is_reported_against_the_same_plan_version() =>
        Given([.. History.AwaitingExecutionAcceptance, Recorded.ExecutionRejectedByDirector])
            .When(new ReportExecution(Complaint.Id, "Discs replaced too", "Head of After-Sales", Complaint.Now))
            .Then(new CorrectiveActionsExecuted(Complaint.Id, 1, "Discs replaced too", "Head of After-Sales", Complaint.Now))
            .AndStatus("awaiting-execution-acceptance");

    [Fact]
    public void Reporting_execution_before_the_customer_accepts_the_plan_is_refused() =>
        Given(History.AwaitingCustomerResponse)
            .When(new ReportExecution(Complaint.Id, "Pads refitted", "Head of After-Sales", Complaint.Now))
            .ThenRefused("awaiting-customer-response", ComplaintActions.RespondToActionPlan);

    [Fact]
    public void Reviewing_execution_before_it_is_reported_is_refused() =>
        Given(History.AwaitingExecution)
            .When(new ReviewExecution(Complaint.Id, true, null, "Customer Service Director", Complaint.Now))
            .ThenRefused("awaiting-execution", ComplaintActions.ReportExecution);
}
