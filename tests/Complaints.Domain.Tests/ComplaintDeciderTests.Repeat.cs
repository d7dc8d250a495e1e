using NodaTime;
using static Complaints.Domain.Tests.DeciderSpecification;

namespace Complaints.Domain.Tests;

public sealed partial class ComplaintDeciderTests
{
    private static readonly Guid EarlierId = Guid.Parse("0b7d9c1e-2f3a-4e5b-8c6d-7e8f9a0b1c2d");

    private static RegisterComplaint RegisterWith(params EarlierComplaint[] earlier) =>
        new(Complaint.Id, Complaint.Number, Complaint.IntakeByCustomerService, Complaint.Now,
            new RecurrenceCandidates(Repeats.DefaultWindow, earlier));

    private static EarlierComplaint ClosedBefore(Duration beforeReceipt, string category = "repair-workmanship",
        bool sameCustomer = true, bool sameVehicle = false, Guid? id = null) =>
        new(id ?? EarlierId, "CMP-2026-0007", category, Complaint.ReceivedAt - beforeReceipt, sameCustomer, sameVehicle);

    private static ComplaintReceived Received(RepeatOf? repeatOf) =>
        new(Complaint.Id, Complaint.Number, Complaint.IntakeByCustomerService, Complaint.Now, repeatOf);

    [Fact]
    public void A_registration_within_the_window_of_a_closed_complaint_of_the_same_customer_and_category_repeats_it() =>
        Given()
            .When(RegisterWith(ClosedBefore(Duration.FromDays(90))))
            .Then(Received(new RepeatOf(EarlierId, "CMP-2026-0007", RepeatLink.Customer, Complaint.ReceivedAt - Duration.FromDays(90))))
            .AndStatus("awaiting-acknowledgement");

    [Fact]
    public void A_closure_longer_ago_than_the_window_is_no_repeat() =>
        Given()
            .When(RegisterWith(ClosedBefore(Duration.FromDays(90) + Duration.FromMinutes(1))))
            .Then(Received(null));

    [Fact]
    public void The_same_customer_in_another_category_is_no_repeat() =>
        Given()
            .When(RegisterWith(ClosedBefore(Duration.FromDays(3), category: "billing")))
            .Then(Received(null));

    [Fact]
    public void The_same_vehicle_repeats_whatever_the_customer_and_category() =>
        Given()
            .When(RegisterWith(ClosedBefore(Duration.FromDays(3), category: "billing", sameCustomer: false, sameVehicle: true)))
            .Then(Received(new RepeatOf(EarlierId, "CMP-2026-0007", RepeatLink.Vehicle, Complaint.ReceivedAt - Duration.FromDays(3))));

    [Fact]
    public void A_complaint_closed_after_the_new_one_was_received_is_no_repeat() =>
        Given()
            .When(RegisterWith(ClosedBefore(-Duration.FromHours(1))))
            .Then(Received(null));

    [Fact]
    public void Of_several_repeated_complaints_the_one_closed_last_is_named()
    {
        var later = Guid.Parse("1c8e0d2f-3a4b-4f6c-9d7e-8f9a0b1c2d3e");

        Given()
            .When(RegisterWith(ClosedBefore(Duration.FromDays(30)),
                ClosedBefore(Duration.FromDays(2), category: "billing", sameCustomer: false, sameVehicle: true, id: later)))
            .Then(Received(new RepeatOf(later, "CMP-2026-0007", RepeatLink.Vehicle, Complaint.ReceivedAt - Duration.FromDays(2))));
    }
}
