using NodaTime;
using static Complaints.Domain.Tests.Workflow.WorkflowSpecification;

namespace Complaints.Domain.Tests.Workflow;

/// <summary>A timer falling due: the miss and the escalation are recorded once, and the clock's next timer armed.</summary>
public sealed class TimerFiringTests
{
    private static readonly Instant AcknowledgementDue = Complaint.ReceivedAt + Duration.FromHours(1);

    [Fact]
    public void A_due_timer_records_the_miss_and_the_first_escalation_and_arms_the_next_level() =>
        Given(History.AwaitingAcknowledgement)
            .WhenTimerFires("D3", 1, AcknowledgementDue)
            .Then("DeadlineMissed D3#1", "Escalated D3#1 to level 1")
            .AndArms(Timer("D3", 2, AcknowledgementDue + Duration.FromHours(1)))
            .AndCancels()
            .AndClocksRunning(true);

    [Fact]
    public void A_later_level_escalates_without_a_second_miss() =>
        Given(History.AwaitingAcknowledgement, Missed("D3", AcknowledgementDue), Escalated("D3", 1))
            .WhenTimerFires("D3", 2, AcknowledgementDue + Duration.FromHours(1))
            .Then("Escalated D3#1 to level 2")
            .AndArms(Timer("D3", 3, AcknowledgementDue + Duration.FromHours(2)));

    [Fact]
    public void The_last_level_arms_nothing_more_for_that_clock() =>
        Given(History.AwaitingAcknowledgement, Missed("D3", AcknowledgementDue), Escalated("D3", 1), Escalated("D3", 2),
                Escalated("D3", 3))
            .WhenTimerFires("D3", 4, AcknowledgementDue + Duration.FromHours(4))
            .Then("Escalated D3#1 to level 4")
            .AndArms()
            .AndClocksRunning(true);

    [Fact]
    public void A_timer_delivered_twice_escalates_once() =>
        Given(History.AwaitingAcknowledgement, Missed("D3", AcknowledgementDue), Escalated("D3", 1))
            .WhenTimerFires(Timer("D3", 1, AcknowledgementDue), AcknowledgementDue + Duration.FromMinutes(1))
            .Then()
            .AndArms()
            .AndCancels();

    [Fact]
    public void A_timer_of_a_clock_that_was_met_records_and_arms_nothing() =>
        Given(History.AwaitingVerification)
            .WhenTimerFires(Timer("D3", 1, AcknowledgementDue), AcknowledgementDue)
            .Then()
            .AndArms();

    [Fact]
    public void A_timer_of_a_paused_clock_records_and_arms_nothing() =>
        Given(History.AwaitingCustomerResponse)
            .WhenTimerFires(Timer("D8", 1, RequestedDateEnds), RequestedDateEnds)
            .Then()
            .AndArms()
            .AndClocksRunning(false);

    [Fact]
    public void A_timer_that_fires_before_its_moment_is_armed_again_for_it()
    {
        var early = AcknowledgementDue - Duration.FromMilliseconds(300);
        Given(History.AwaitingAcknowledgement)
            .WhenTimerFires(Timer("D3", 1, AcknowledgementDue), early)
            .Then()
            .AndArms(Timer("D3", 1, AcknowledgementDue));
    }

    [Fact]
    public void A_timer_for_a_complaint_never_registered_records_nothing() =>
        Given()
            .WhenTimerFires(Timer("D3", 1, AcknowledgementDue), AcknowledgementDue)
            .Then()
            .AndArms()
            .AndClocksRunning(false);

    [Fact]
    public void A_timer_after_closure_records_nothing_and_leaves_no_clock_running() =>
        Given(History.Closed)
            .WhenTimerFires(Timer("D8", 1, RequestedDateEnds), RequestedDateEnds)
            .Then()
            .AndClocksRunning(false);
}
