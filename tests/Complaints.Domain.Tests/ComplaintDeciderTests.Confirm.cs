using static Complaints.Domain.Tests.DeciderSpecification;

namespace Complaints.Domain.Tests;

public sealed partial class ComplaintDeciderTests
{
    [Fact]
    public void Confirmation_asks_the_department_for_an_action_plan() =>
        Given(History.AwaitingConfirmation)
            .When(new ConfirmComplaint(Complaint.Id, "GM Office", Complaint.Now))
            .Then(new ComplaintConfirmed(Complaint.Id, "GM Office", Complaint.Now))
            .AndStatus("awaiting-action-plan");

    [Fact]
    public void Confirming_before_verification_is_refused() =>
        Given(History.AwaitingVerification)
            .When(new ConfirmComplaint(Complaint.Id, "GM Office", Complaint.Now))
            .ThenRefused("awaiting-verification", ComplaintActions.Acknowledge, ComplaintActions.Verify);

    [Fact]
    public void Confirming_a_complaint_closed_as_invalid_is_refused() =>
        Given(History.ClosedAsInvalid)
            .When(new ConfirmComplaint(Complaint.Id, "GM Office", Complaint.Now))
            .ThenRefused("closed-as-invalid", ComplaintActions.Reopen);
}
