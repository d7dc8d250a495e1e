using static Complaints.Domain.Tests.DeciderSpecification;

namespace Complaints.Domain.Tests;

public sealed partial class ComplaintDeciderTests
{
    [Fact]
    public void Registration_by_customer_service_awaits_acknowledgement() =>
        Given()
            .When(new RegisterComplaint(Complaint.Id, Complaint.Number, Complaint.IntakeByCustomerService, Complaint.Now))
            .Then(new ComplaintReceived(Complaint.Id, Complaint.Number, Complaint.IntakeByCustomerService, Complaint.Now))
            .AndStatus("awaiting-acknowledgement");

    [Fact]
    public void Registration_by_a_regional_receiver_awaits_forwarding() =>
        Given()
            .When(new RegisterComplaint(Complaint.Id, Complaint.Number, Complaint.IntakeByRegion, Complaint.Now))
            .Then(new ComplaintReceived(Complaint.Id, Complaint.Number, Complaint.IntakeByRegion, Complaint.Now))
            .AndStatus("awaiting-forward");

    [Fact]
    public void Registration_by_another_department_awaits_forwarding()
    {
        var intake = Complaint.IntakeByCustomerService with
        {
            ReceivedBy = new Receiver("Wang Fang", "Finance", ReceiverKind.OtherDepartment)
        };

        Given()
            .When(new RegisterComplaint(Complaint.Id, Complaint.Number, intake, Complaint.Now))
            .Then(new ComplaintReceived(Complaint.Id, Complaint.Number, intake, Complaint.Now))
            .AndStatus("awaiting-forward");
    }

    [Fact]
    public void Registering_an_already_registered_complaint_is_refused() =>
        Given(History.AwaitingAcknowledgement)
            .When(new RegisterComplaint(Complaint.Id, Complaint.Number, Complaint.IntakeByCustomerService, Complaint.Now))
            .ThenRefused("awaiting-acknowledgement", ComplaintActions.Acknowledge)
            .Message.ShouldBe("The complaint is already registered.");
}
