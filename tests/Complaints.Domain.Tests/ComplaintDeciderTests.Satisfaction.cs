using static Complaints.Domain.Tests.DeciderSpecification;

namespace Complaints.Domain.Tests;

public sealed partial class ComplaintDeciderTests
{
    [Fact]
    public void Satisfaction_is_recorded_after_closing() =>
        Given(History.Closed)
            .When(new RecordSatisfaction(Complaint.Id, 5, "Quick and friendly", Complaint.Now))
            .Then(new SatisfactionRecorded(Complaint.Id, 5, "Quick and friendly", Complaint.Now))
            .AndStatus("closed");

    [Fact]
    public void Recording_satisfaction_twice_for_one_closure_is_refused() =>
        Given(History.ClosedWithSatisfaction)
            .When(new RecordSatisfaction(Complaint.Id, 2, "Changed my mind", Complaint.Now))
            .ThenRefused("closed", ComplaintActions.RecordFollowUp, ComplaintActions.Reopen)
            .Message.ShouldBe("Satisfaction has already been recorded for this closure.");

    [Fact]
    public void Satisfaction_is_recorded_again_after_reopening_and_closing_again() =>
        Given(History.ClosedAgainAfterReopen)
            .When(new RecordSatisfaction(Complaint.Id, 5, "Now it is really fixed", Complaint.Now))
            .Then(new SatisfactionRecorded(Complaint.Id, 5, "Now it is really fixed", Complaint.Now))
            .AndStatus("closed");

    [Fact]
    public void Recording_satisfaction_before_closing_is_refused() =>
        Given(History.ReadyToClose)
            .When(new RecordSatisfaction(Complaint.Id, 5, null, Complaint.Now))
            .ThenRefused("ready-to-close", ComplaintActions.Close);

    [Fact]
    public void Recording_satisfaction_for_a_complaint_closed_as_invalid_is_refused() =>
        Given(History.ClosedAsInvalid)
            .When(new RecordSatisfaction(Complaint.Id, 1, null, Complaint.Now))
            .ThenRefused("closed-as-invalid", ComplaintActions.Reopen);
}
