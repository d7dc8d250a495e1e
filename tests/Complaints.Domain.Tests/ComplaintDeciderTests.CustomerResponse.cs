using static Complaints.Domain.Tests.DeciderSpecification;

namespace Complaints.Domain.Tests;

public sealed partial class ComplaintDeciderTests
{
    [Fact]
    public void Customer_accepting_the_plan_starts_execution() =>
        Given(History.AwaitingCustomerResponse)
            .When(new RecordCustomerResponse(Complaint.Id, 1, true, "Fine by me", Complaint.Now))
            .Then(new CustomerAccepted(Complaint.Id, 1, "Fine by me", Complaint.Now))
            .AndStatus("awaiting-execution");

    [Fact]
    public void Customer_rejecting_the_plan_sends_the_complaint_back_to_verification() =>
        Given(History.AwaitingCustomerResponse)
            .When(new RecordCustomerResponse(Complaint.Id, 1, false, "I want a replacement car", Complaint.Now))
            .Then(new CustomerRejected(Complaint.Id, 1, "I want a replacement car", Complaint.Now))
            .AndStatus("awaiting-verification");

    [Fact]
    public void Customer_response_to_another_plan_version_is_refused() =>
        Given(History.AwaitingCustomerResponse)
            .When(new RecordCustomerResponse(Complaint.Id, 2, true, null, Complaint.Now))
            .ThenRefused("awaiting-customer-response", ComplaintActions.RespondToActionPlan)
            .Message.ShouldContain("version 1");

    [Fact]
    public void Customer_response_before_both_approvals_is_refused() =>
        Given([.. History.AwaitingPlanApproval, Recorded.PlanApproved(1, Approver.CsLeadership)])
            .When(new RecordCustomerResponse(Complaint.Id, 1, true, null, Complaint.Now))
            .ThenRefused("awaiting-plan-approval", ComplaintActions.ReviewActionPlan);
}
