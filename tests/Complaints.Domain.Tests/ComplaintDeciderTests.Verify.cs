using static Complaints.Domain.Tests.DeciderSpecification;

namespace Complaints.Domain.Tests;

public sealed partial class ComplaintDeciderTests
{
    [Fact]
    public void Valid_verification_awaits_confirmation() =>
        Given(History.AwaitingVerification)
            .When(new VerifyComplaint(
                Complaint.Id, true, "Pads fitted without torque check.", ["Workshop Hangzhou"], "Head of After-Sales",
                Complaint.Now))
            .Then(new ComplaintVerified(
                Complaint.Id, "Pads fitted without torque check.", ["Workshop Hangzhou"], "Head of After-Sales",
                Complaint.Now))
            .AndStatus("awaiting-confirmation");

    [Fact]
    public void Invalid_verification_closes_the_complaint_as_invalid() =>
        Given(History.AwaitingVerification)
            .When(new VerifyComplaint(
                Complaint.Id, false, "Noise is within specification.", [], "Head of After-Sales", Complaint.Now))
            .Then(new ComplaintRejectedAsInvalid(
                Complaint.Id, "Noise is within specification.", [], "Head of After-Sales", Complaint.Now))
            .AndStatus("closed-as-invalid");

    [Fact]
    public void Verifying_before_the_responsible_department_acknowledges_is_refused() =>
        Given([.. History.AwaitingAcknowledgement, Recorded.AcknowledgedBy(Complaint.OtherDepartment)])
            .When(new VerifyComplaint(Complaint.Id, true, "Checked.", [], "Head of Quality", Complaint.Now))
            .ThenRefused("awaiting-acknowledgement", ComplaintActions.Acknowledge);

    [Fact]
    public void Verifying_twice_is_refused() =>
        Given(History.AwaitingConfirmation)
            .When(new VerifyComplaint(Complaint.Id, false, "On second thought, invalid.", [], "Head of After-Sales", Complaint.Now))
            .ThenRefused("awaiting-confirmation", ComplaintActions.Confirm);
}
