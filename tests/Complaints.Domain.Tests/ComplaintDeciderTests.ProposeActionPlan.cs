using static Complaints.Domain.Tests.DeciderSpecification;

namespace Complaints.Domain.Tests;

public sealed partial class ComplaintDeciderTests
{
    private static ProposeActionPlan ProposePlan() =>
        new(Complaint.Id, "Missing torque check", "Refit the pads", "Torque check on the job card", "Head of After-Sales",
            Complaint.Now);

    private static CorrectiveActionProposed PlanProposedNow(int version) =>
        new(Complaint.Id, version, "Missing torque check", "Refit the pads", "Torque check on the job card",
            "Head of After-Sales", Complaint.Now);

    [Fact]
    public void First_plan_is_version_one_and_awaits_approval() =>
        Given(History.AwaitingActionPlan)
            .When(ProposePlan())
            .Then(PlanProposedNow(1))
            .AndStatus("awaiting-plan-approval");

    [Fact]
    public void Plan_revised_after_a_leadership_rejection_gets_the_next_version() =>
        Given([.. History.AwaitingPlanApproval, Recorded.PlanRejected(1, Approver.GmOffice)])
            .When(ProposePlan())
            .Then(PlanProposedNow(2));

    [Fact]
    public void Every_revision_increments_the_plan_version() =>
        Given(
            [
                .. History.AwaitingPlanApproval,
                Recorded.PlanRejected(1, Approver.CsLeadership),
                Recorded.PlanProposed(2),
                Recorded.PlanApproved(2, Approver.CsLeadership),
                Recorded.PlanRejected(2, Approver.GmOffice)
            ])
            .When(ProposePlan())
            .Then(PlanProposedNow(3));

    [Fact]
    public void Plan_after_the_customer_rejected_the_previous_one_continues_the_version_count() =>
        Given(
            [
                .. History.AwaitingCustomerResponse,
                Recorded.CustomerRejectedPlan(1),
                Recorded.Verified,
                Recorded.Confirmed
            ])
            .When(ProposePlan())
            .Then(PlanProposedNow(2));

    [Fact]
    public void Plan_after_reopening_continues_the_version_count() =>
        Given([.. History.Closed, Recorded.Reopened, Recorded.Verified, Recorded.Confirmed])
            .When(ProposePlan())
            .Then(PlanProposedNow(2));

    [Fact]
    public void Proposing_while_a_plan_awaits_approval_is_refused() =>
        Given(History.AwaitingPlanApproval)
            .When(ProposePlan())
            .ThenRefused("awaiting-plan-approval", ComplaintActions.ReviewActionPlan);

    [Fact]
    public void Proposing_before_confirmation_is_refused() =>
        Given(History.AwaitingConfirmation)
            .When(ProposePlan())
            .ThenRefused("awaiting-confirmation", ComplaintActions.Confirm);
}
