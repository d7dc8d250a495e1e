using static Complaints.Domain.Tests.DeciderSpecification;

namespace Complaints.Domain.Tests;

public sealed partial class ComplaintDeciderTests
{
    [Fact]
    public void Acknowledgement_by_another_department_keeps_waiting_for_the_responsible_department() =>
        Given(History.AwaitingAcknowledgement)
            .When(new AcknowledgeComplaint(Complaint.Id, Complaint.OtherDepartment, "Head of Quality", Complaint.Now))
            .Then(new ComplaintAcknowledged(Complaint.Id, Complaint.OtherDepartment, "Head of Quality", Complaint.Now,
                new[] { Complaint.ResponsibleDepartment }))
            .AndStatus("awaiting-acknowledgement");

    [Fact]
    public void Acknowledgement_by_the_responsible_department_opens_verification() =>
        Given(History.AwaitingAcknowledgement)
            .When(new AcknowledgeComplaint(Complaint.Id, Complaint.ResponsibleDepartment, "Head of After-Sales", Complaint.Now))
            .Then(new ComplaintAcknowledged(Complaint.Id, Complaint.ResponsibleDepartment, "Head of After-Sales", Complaint.Now, []))
            .AndStatus("awaiting-verification");

    [Fact]
    public void Responsible_department_is_recognised_regardless_of_case_and_surrounding_spaces() =>
        Given(History.AwaitingAcknowledgement)
            .When(new AcknowledgeComplaint(Complaint.Id, "  after-sales SERVICE ", "Head of After-Sales", Complaint.Now))
            .Then(new ComplaintAcknowledged(Complaint.Id, "  after-sales SERVICE ", "Head of After-Sales", Complaint.Now, []))
            .AndStatus("awaiting-verification");

    [Fact]
    public void Forwarded_complaint_opens_verification_once_the_responsible_department_acknowledges() =>
        Given([.. History.AwaitingForward, Recorded.Forwarded])
            .When(new AcknowledgeComplaint(Complaint.Id, Complaint.ResponsibleDepartment, "Head of After-Sales", Complaint.Now))
            .Then(new ComplaintAcknowledged(Complaint.Id, Complaint.ResponsibleDepartment, "Head of After-Sales", Complaint.Now, []))
            .AndStatus("awaiting-verification");

    [Fact]
    public void Responsible_department_acknowledging_after_another_department_opens_verification() =>
        Given([.. History.AwaitingAcknowledgement, Recorded.AcknowledgedBy(Complaint.OtherDepartment)])
            .When(new AcknowledgeComplaint(Complaint.Id, Complaint.ResponsibleDepartment, "Head of After-Sales", Complaint.Now))
            .Then(new ComplaintAcknowledged(Complaint.Id, Complaint.ResponsibleDepartment, "Head of After-Sales", Complaint.Now, []))
            .AndStatus("awaiting-verification");

    [Fact]
    public void Another_department_may_still_acknowledge_during_verification() =>
        Given(History.AwaitingVerification)
            .When(new AcknowledgeComplaint(Complaint.Id, Complaint.OtherDepartment, "Head of Quality", Complaint.Now))
            .Then(new ComplaintAcknowledged(Complaint.Id, Complaint.OtherDepartment, "Head of Quality", Complaint.Now, []))
            .AndStatus("awaiting-verification");

    [Fact]
    public void Department_acknowledging_twice_is_refused() =>
        Given([.. History.AwaitingAcknowledgement, Recorded.AcknowledgedBy(Complaint.OtherDepartment)])
            .When(new AcknowledgeComplaint(Complaint.Id, "QUALITY OFFICE", "Head of Quality", Complaint.Now))
            .ThenRefused("awaiting-acknowledgement", ComplaintActions.Acknowledge)
            .Message.ShouldContain("already acknowledged");

    [Fact]
    public void Responsible_department_acknowledging_again_during_verification_is_refused() =>
        Given(History.AwaitingVerification)
            .When(new AcknowledgeComplaint(Complaint.Id, Complaint.ResponsibleDepartment, "Head of After-Sales", Complaint.Now))
            .ThenRefused("awaiting-verification", ComplaintActions.Acknowledge, ComplaintActions.Verify)
            .Message.ShouldContain("already acknowledged");

    [Fact]
    public void Acknowledging_after_verification_is_refused() =>
        Given(History.AwaitingConfirmation)
            .When(new AcknowledgeComplaint(Complaint.Id, Complaint.OtherDepartment, "Head of Quality", Complaint.Now))
            .ThenRefused("awaiting-confirmation", ComplaintActions.Confirm);
}
