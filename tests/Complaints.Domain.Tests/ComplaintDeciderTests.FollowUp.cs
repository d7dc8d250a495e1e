using static Complaints.Domain.Tests.DeciderSpecification;

namespace Complaints.Domain.Tests;

public sealed partial class ComplaintDeciderTests
{
    private static readonly FollowUpScores Scores = new(Timeliness: 3, Attitude: 5, Result: 4);

    [Fact]
    public void A_follow_up_is_recorded_after_closing_and_the_complaint_stays_closed() =>
        Given(History.Closed)
            .When(new RecordFollowUp(Complaint.Id, FollowUpOutcome.Reached, Scores, false, "All fine", "Intake Zhao", Complaint.Now))
            .Then(new FollowUpRecorded(Complaint.Id, FollowUpOutcome.Reached, Scores, false, "All fine", "Intake Zhao", Complaint.Now))
            .AndStatus("closed");

    [Fact]
    public void Follow_ups_go_on_after_the_satisfaction_score_and_after_one_another() =>
        Given([.. History.ClosedWithSatisfaction, Recorded.FollowedUp()])
            .When(new RecordFollowUp(Complaint.Id, FollowUpOutcome.Declined, null, false, null, "Intake Zhao", Complaint.Now))
            .Then(new FollowUpRecorded(Complaint.Id, FollowUpOutcome.Declined, null, false, null, "Intake Zhao", Complaint.Now));

    [Fact]
    public void A_follow_up_that_reports_recurrence_offers_reopening_first()
    {
        var state = ComplaintDecider.Fold([.. History.Closed, Recorded.FollowedUp(recurred: true)]);

        ComplaintDecider.AllowedActions(state).ShouldBe(
            [ComplaintActions.Reopen, ComplaintActions.RecordFollowUp, ComplaintActions.RecordSatisfaction]);
    }

    [Fact]
    public void Reopening_after_a_recurrence_and_closing_again_no_longer_leads_with_reopen()
    {
        var state = ComplaintDecider.Fold([.. History.ClosedAgainAfterReopen]);

        ComplaintDecider.AllowedActions(state).ShouldBe(
            [ComplaintActions.RecordSatisfaction, ComplaintActions.RecordFollowUp, ComplaintActions.Reopen]);
    }

    [Fact]
    public void A_follow_up_before_closing_is_refused() =>
        Given(History.ReadyToClose)
            .When(new RecordFollowUp(Complaint.Id, FollowUpOutcome.Reached, Scores, false, null, "Intake Zhao", Complaint.Now))
            .ThenRefused("ready-to-close", ComplaintActions.Close);

    [Fact]
    public void A_follow_up_of_a_complaint_closed_as_invalid_is_refused() =>
        Given(History.ClosedAsInvalid)
            .When(new RecordFollowUp(Complaint.Id, FollowUpOutcome.Unreachable, null, false, null, "Intake Zhao", Complaint.Now))
            .ThenRefused("closed-as-invalid", ComplaintActions.Reopen);
}
