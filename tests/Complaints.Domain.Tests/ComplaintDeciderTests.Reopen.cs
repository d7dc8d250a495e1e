using static Complaints.Domain.Tests.DeciderSpecification;

namespace Complaints.Domain.Tests;

public sealed partial class ComplaintDeciderTests
{
    private static ReopenComplaint Reopen() => new(Complaint.Id, "Squeal is back", "Intake Specialist", Complaint.Now);

    private static ComplaintReopened ReopenedNow() => new(Complaint.Id, "Squeal is back", "Intake Specialist", Complaint.Now);

    [Fact]
    public void Reopening_a_closed_complaint_returns_it_to_verification() =>
        Given(History.Closed)
            .When(Reopen())
            .Then(ReopenedNow())
            .AndStatus("awaiting-verification");

    [Fact]
    public void Reopening_after_satisfaction_was_recorded_returns_it_to_verification() =>
        Given(History.ClosedWithSatisfaction)
            .When(Reopen())
            .Then(ReopenedNow())
            .AndStatus("awaiting-verification");

    [Fact]
    public void Reopening_a_complaint_closed_as_invalid_returns_it_to_verification() =>
        Given(History.ClosedAsInvalid)
            .When(Reopen())
            .Then(ReopenedNow())
            .AndStatus("awaiting-verification");

    [Fact]
    public void Reopening_a_complaint_that_is_not_closed_is_refused() =>
        Given(History.ReadyToClose)
            .When(Reopen())
            .ThenRefused("ready-to-close", ComplaintActions.Close);

    [Fact]
    public void Reopening_an_already_reopened_complaint_is_refused() =>
        Given([.. History.Closed, Recorded.Reopened])
            .When(Reopen())
            .ThenRefused("awaiting-verification", ComplaintActions.Acknowledge, ComplaintActions.Verify);
}
