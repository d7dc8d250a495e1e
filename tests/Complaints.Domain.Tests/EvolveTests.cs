namespace Complaints.Domain.Tests;

public sealed class EvolveTests
{
    [Fact]
    public void Unregistered_complaint_can_only_be_registered()
    {
        ComplaintDecider.StatusOf(ComplaintDecider.Initial).ShouldBe("unregistered");
        ComplaintDecider.AllowedActions(ComplaintDecider.Initial).ShouldBe([ComplaintActions.Register]);
    }

    [Fact]
    public void Happy_path_ends_closed_awaiting_satisfaction_or_reopening()
    {
        var state = History.Fold(History.Closed);

        state.ShouldBeOfType<ComplaintState.Closed>().SatisfactionRecorded.ShouldBeFalse();
        ComplaintDecider.AllowedActions(state).ShouldBe([ComplaintActions.RecordSatisfaction, ComplaintActions.RecordFollowUp, ComplaintActions.Reopen]);
    }

    [Fact]
    public void Happy_path_passes_through_every_step_in_procedure_order() =>
        StatusesAlong(History.Closed).ShouldBe(
        [
            "unregistered",
            "awaiting-acknowledgement",
            "awaiting-verification",
            "awaiting-confirmation",
            "awaiting-action-plan",
            "awaiting-plan-approval",
            "awaiting-plan-approval",
            "awaiting-plan-approval",
            "awaiting-customer-response",
            "awaiting-execution",
            "awaiting-execution-acceptance",
            "awaiting-handling-report",
            "awaiting-report-approval",
            "awaiting-report-approval",
            "ready-to-close",
            "closed"
        ]);

    [Fact]
    public void Complaint_received_outside_customer_service_is_forwarded_before_acknowledgement() =>
        StatusesAlong([Recorded.ReceivedByRegion, Recorded.Forwarded, Recorded.AcknowledgedBy(Complaint.ResponsibleDepartment)])
            .ShouldBe(["unregistered", "awaiting-forward", "awaiting-acknowledgement", "awaiting-verification"]);

    [Fact]
    public void Recorded_satisfaction_leaves_follow_ups_and_reopening()
    {
        var state = History.Fold(History.ClosedWithSatisfaction);

        ComplaintDecider.StatusOf(state).ShouldBe("closed");
        ComplaintDecider.AllowedActions(state).ShouldBe([ComplaintActions.RecordFollowUp, ComplaintActions.Reopen]);
    }

    [Fact]
    public void Plan_approval_remembers_who_approved()
    {
        IComplaintEvent[] events = [.. History.AwaitingPlanApproval, Recorded.PlanApproved(1, Approver.GmOffice)];

        var state = History.Fold(events)
            .ShouldBeOfType<ComplaintState.AwaitingPlanApproval>();

        state.PlanVersion.ShouldBe(1);
        state.ApprovedBy.ShouldBe([Approver.GmOffice]);
    }

    [Fact]
    public void Acknowledgements_are_kept_on_the_complaint_file()
    {
        IComplaintEvent[] events =
        [
            Recorded.ReceivedByCustomerService,
            Recorded.AcknowledgedBy(Complaint.OtherDepartment),
            Recorded.AcknowledgedBy(Complaint.ResponsibleDepartment)
        ];

        var state = History.Fold(events)
            .ShouldBeOfType<ComplaintState.AwaitingVerification>();

        state.File.AcknowledgedBy.ShouldBe([Complaint.OtherDepartment, Complaint.ResponsibleDepartment]);
        state.File.ResponsibleDepartment.ShouldBe(Complaint.ResponsibleDepartment);
        state.File.Number.ShouldBe(Complaint.Number);
    }

    [Fact]
    public void Event_that_does_not_fit_the_state_leaves_it_unchanged()
    {
        var state = History.Fold(History.Closed);

        ComplaintDecider.Evolve(state, Recorded.PlanProposed(7)).ShouldBeSameAs(state);
    }

    private static IEnumerable<string> StatusesAlong(IEnumerable<IComplaintEvent> events)
    {
        var state = ComplaintDecider.Initial;
        yield return ComplaintDecider.StatusOf(state);
        foreach (var @event in events)
        {
            state = ComplaintDecider.Evolve(state, @event);
            yield return ComplaintDecider.StatusOf(state);
        }
    }
}
