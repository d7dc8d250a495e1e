using static Complaints.Domain.Tests.DeciderSpecification;

namespace Complaints.Domain.Tests;

public sealed partial class ComplaintDeciderTests
{
    private static ReviewActionPlan ApprovePlan(int version, Approver approver) =>
        new(Complaint.Id, version, approver, true, "Agreed", WireNames.Of(approver), Complaint.Now);

    private static ReviewActionPlan RejectPlan(int version, Approver approver) =>
        new(Complaint.Id, version, approver, false, "Needs a preventive action", WireNames.Of(approver), Complaint.Now);

    [Theory]
    [InlineData(Approver.CsLeadership)]
    [InlineData(Approver.GmOffice)]
    public void First_approval_waits_for_the_other_approver(Approver approver) =>
        Given(History.AwaitingPlanApproval)
            .When(ApprovePlan(1, approver))
            .Then(new ActionPlanApproved(Complaint.Id, 1, approver, "Agreed", WireNames.Of(approver), Complaint.Now))
            .AndStatus("awaiting-plan-approval");

    [Theory]
    [InlineData(Approver.CsLeadership, Approver.GmOffice)]
    [InlineData(Approver.GmOffice, Approver.CsLeadership)]
    public void Second_approval_submits_the_plan_to_the_customer(Approver first, Approver second) =>
        Given([.. History.AwaitingPlanApproval, Recorded.PlanApproved(1, first)])
            .When(ApprovePlan(1, second))
            .Then(
                new ActionPlanApproved(Complaint.Id, 1, second, "Agreed", WireNames.Of(second), Complaint.Now),
                new ActionPlanSubmittedToCustomer(Complaint.Id, 1, Complaint.Now))
            .AndStatus("awaiting-customer-response");

    [Theory]
    [InlineData(Approver.CsLeadership)]
    [InlineData(Approver.GmOffice)]
    public void Rejection_by_either_approver_sends_the_plan_back_for_revision(Approver approver) =>
        Given(History.AwaitingPlanApproval)
            .When(RejectPlan(1, approver))
            .Then(new ActionPlanRejected(
                Complaint.Id, 1, approver, "Needs a preventive action", WireNames.Of(approver), Complaint.Now))
            .AndStatus("awaiting-action-plan");

    [Fact]
    public void Rejection_after_the_other_approver_approved_sends_the_plan_back_for_revision() =>
        Given([.. History.AwaitingPlanApproval, Recorded.PlanApproved(1, Approver.CsLeadership)])
            .When(RejectPlan(1, Approver.GmOffice))
            .Then(new ActionPlanRejected(
                Complaint.Id, 1, Approver.GmOffice, "Needs a preventive action", "gm-office", Complaint.Now))
            .AndStatus("awaiting-action-plan");

    [Fact]
    public void Same_approver_approving_twice_is_refused() =>
        Given([.. History.AwaitingPlanApproval, Recorded.PlanApproved(1, Approver.CsLeadership)])
            .When(ApprovePlan(1, Approver.CsLeadership))
            .ThenRefused("awaiting-plan-approval", ComplaintActions.ReviewActionPlan)
            .Message.ShouldContain("cs-leadership has already approved");

    [Fact]
    public void Review_of_a_superseded_plan_version_is_refused() =>
        Given(
            [
                .. History.AwaitingPlanApproval,
                Recorded.PlanRejected(1, Approver.GmOffice),
                Recorded.PlanProposed(2)
            ])
            .When(ApprovePlan(1, Approver.CsLeadership))
            .ThenRefused("awaiting-plan-approval", ComplaintActions.ReviewActionPlan)
            .Message.ShouldContain("version 2");

    [Fact]
    public void Approvals_of_a_rejected_plan_do_not_carry_over_to_its_revision() =>
        Given(
            [
                .. History.AwaitingPlanApproval,
                Recorded.PlanApproved(1, Approver.CsLeadership),
                Recorded.PlanRejected(1, Approver.GmOffice),
                Recorded.PlanProposed(2)
            ])
            .When(ApprovePlan(2, Approver.GmOffice))
            .Then(new ActionPlanApproved(Complaint.Id, 2, Approver.GmOffice, "Agreed", "gm-office", Complaint.Now))
            .AndStatus("awaiting-plan-approval");

    [Fact]
    public void Reviewing_a_plan_already_submitted_to_the_customer_is_refused() =>
        Given(History.AwaitingCustomerResponse)
            .When(RejectPlan(1, Approver.GmOffice))
            .ThenRefused("awaiting-customer-response", ComplaintActions.RespondToActionPlan);
}
