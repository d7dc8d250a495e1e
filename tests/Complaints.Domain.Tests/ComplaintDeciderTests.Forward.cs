using static Complaints.Domain.Tests.DeciderSpecification;

namespace Complaints.Domain.Tests;

public sealed partial class ComplaintDeciderTests
{
    [Fact]
    public void Forwarding_hands_the_complaint_over_for_acknowledgement() =>
        Given(History.AwaitingForward)
            .When(new ForwardComplaint(Complaint.Id, "Customer Service", "Regional Manager East", Complaint.Now))
            .Then(new ComplaintForwarded(Complaint.Id, "Customer Service", "Regional Manager East", Complaint.Now))
            .AndStatus("awaiting-acknowledgement");

    [Fact]
    public void Forwarding_a_complaint_registered_by_customer_service_is_refused() =>
        Given(History.AwaitingAcknowledgement)
            .When(new ForwardComplaint(Complaint.Id, "Customer Service", "Zhang Min", Complaint.Now))
            .ThenRefused("awaiting-acknowledgement", ComplaintActions.Acknowledge);

    [Fact]
    public void Forwarding_twice_is_refused() =>
        Given([.. History.AwaitingForward, Recorded.Forwarded])
            .When(new ForwardComplaint(Complaint.Id, "Customer Service", "Regional Manager East", Complaint.Now))
            .ThenRefused("awaiting-acknowledgement", ComplaintActions.Acknowledge);

    [Fact]
    public void Acknowledging_before_the_complaint_is_forwarded_is_refused() =>
        Given(History.AwaitingForward)
            .When(new AcknowledgeComplaint(Complaint.Id, Complaint.ResponsibleDepartment, "Head of After-Sales", Complaint.Now))
            .ThenRefused("awaiting-forward", ComplaintActions.Forward);
}
