using NodaTime;
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

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(-1, 1, 1)]
    [InlineData(2026, 11, 20)]
    public void Registration_asking_for_a_resolution_before_the_day_of_receipt_is_refused(int year, int month, int day)
    {
        var intake = Complaint.IntakeByCustomerService with { RequestedResolutionDate = new LocalDate(year, month, day) };

        Given()
            .When(new RegisterComplaint(Complaint.Id, Complaint.Number, intake, Complaint.Now))
            .ThenInvalid()
            .Errors["requestedResolutionDate"].ShouldBe(["lies before the day the complaint was received"]);
    }

    [Fact]
    public void Registration_asking_for_the_day_of_receipt_as_it_is_still_called_west_of_utc_is_recorded()
    {
        // Received at 01:30 UTC on 22 November: west of UTC-01:30 it is still the 21st.
        var intake = Complaint.IntakeByCustomerService with { RequestedResolutionDate = new LocalDate(2026, 11, 21) };

        Given()
            .When(new RegisterComplaint(Complaint.Id, Complaint.Number, intake, Complaint.Now))
            .Then(new ComplaintReceived(Complaint.Id, Complaint.Number, intake, Complaint.Now));
    }

    [Fact]
    public void Registering_an_already_registered_complaint_is_refused() =>
        Given(History.AwaitingAcknowledgement)
            .When(new RegisterComplaint(Complaint.Id, Complaint.Number, Complaint.IntakeByCustomerService, Complaint.Now))
            .ThenRefused("awaiting-acknowledgement", ComplaintActions.Acknowledge)
            .Message.ShouldBe("The complaint is already registered.");
}
