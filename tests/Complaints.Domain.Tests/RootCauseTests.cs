using static Complaints.Domain.Tests.DeciderSpecification;

namespace Complaints.Domain.Tests;

public sealed class RootCauseTests
{
    [Fact]
    public void Verification_carries_its_root_cause_category_into_the_event() =>
        Given(History.AwaitingVerification)
            .When(new VerifyComplaint(Complaint.Id, true, "Torque step skipped", ["Workshop 2"], "Head Liu", Complaint.Now, "process"))
            .Then(new ComplaintVerified(Complaint.Id, "Torque step skipped", ["Workshop 2"], "Head Liu", Complaint.Now, "process"));

    [Fact]
    public void The_plan_carries_its_root_cause_category_beside_the_free_text() =>
        Given(History.AwaitingActionPlan)
            .When(new ProposeActionPlan(Complaint.Id, "Torque step skipped", "Refit", "Checklist", "Head Liu", Complaint.Now, "workmanship"))
            .Then(new CorrectiveActionProposed(Complaint.Id, 1, "Torque step skipped", "Refit", "Checklist", "Head Liu",
                Complaint.Now, "workmanship"));

    [Fact]
    public void A_known_category_takes_the_configured_spelling_and_an_unknown_one_names_the_field()
    {
        var v = new Validator();
        var plan = new ProposeActionPlan(Complaint.Id, "x", "y", "z", "Head Liu", Complaint.Now, "PARTS-quality");

        ((ProposeActionPlan)RootCauses.Checked(plan, RootCauses.Default, v)).RootCauseCategory.ShouldBe("parts-quality");
        v.Errors.ShouldBeEmpty();
        RootCauses.Checked(plan with { RootCauseCategory = "fate" }, RootCauses.Default, v);
        v.Errors.Keys.ShouldBe(["rootCauseCategory"]);
    }
}
