using Complaints.Domain.Deadlines;
using Complaints.Domain.Tests.Calendars;
using Complaints.Domain.Workflow;
using NodaTime;

namespace Complaints.Domain.Tests.Workflow;

/// <summary>How the clocks follow staff work: D3 waits for every department to sign, reclassification moves clocks.</summary>
public sealed class StaffWorkClockTests
{
    private static readonly IReadOnlyList<EscalationStep> Ladder = [new(EscalationRole.ResponsiblePerson, Duration.Zero)];

    /// <summary>D3 as shipped (all must sign; a new department signs afresh) and D4 counted in working hours.</summary>
    private static readonly DeadlineRules Rules = new(DeadlinePolicy.Create("staff-work-test-1",
    [
        new DeadlineRule("D3", "all sign", [EventTrigger.Parse("ComplaintReceived"), EventTrigger.Parse("ComplaintReclassified:department-changed")],
            [EventTrigger.Parse("ComplaintAcknowledged:all-signed")], Duration.FromHours(1), TimeMeasure.WorkingTime, false, false, Ladder),
        new DeadlineRule("D4", "verify", [EventTrigger.Parse("ComplaintReceived")], [EventTrigger.Parse("ComplaintVerified")],
            Duration.FromHours(2), TimeMeasure.WorkingTime, false, false, Ladder),
        new DeadlineRule("D7", "first contact", [EventTrigger.Parse("ComplaintReceived")],
            [EventTrigger.Parse("ComplaintSettledAtFirstContact")], Duration.FromHours(24), TimeMeasure.ClockTime, false, false, Ladder)
    ], EscalationRole.GmOffice), _ => TestCalendars.China);

    private static WriteState Run(WriteState state, ComplaintCommand command, out IReadOnlyList<IComplaintEvent> events)
    {
        events = ComplaintWorkflow.Decide(new WorkflowInput.Command(command), state, Rules).Events;
        return events.Aggregate(state, ComplaintWorkflow.Evolve);
    }

    private static WriteState Registered(ComplaintIntake intake) =>
        Run(ComplaintWorkflow.Initial, new RegisterComplaint(Complaint.Id, Complaint.Number, intake, Complaint.ReceivedAt), out _);

    private static string Name(IComplaintEvent e) => e switch
    {
        DeadlineSet s => $"DeadlineSet {s.Rule}#{s.Round}",
        DeadlineMet m => $"DeadlineMet {m.Rule}#{m.Round}",
        DeadlineWithdrawn w => $"DeadlineWithdrawn {w.Rule}#{w.Round}",
        Escalated x => $"Escalated {x.To}",
        _ => e.GetType().Name
    };

    [Fact]
    public void D3_is_met_only_when_every_notified_department_has_signed()
    {
        var state = Registered(Complaint.IntakeByCustomerService with { Notify = [Complaint.OtherDepartment] });

        state = Run(state, new AcknowledgeComplaint(Complaint.Id, Complaint.ResponsibleDepartment, "Head", Complaint.ReceivedAt), out var first);
        Run(state, new AcknowledgeComplaint(Complaint.Id, Complaint.OtherDepartment, "Head", Complaint.ReceivedAt), out var last);

        first.Select(Name).ShouldBe(["ComplaintAcknowledged"]);
        last.Select(Name).ShouldBe(["ComplaintAcknowledged", "DeadlineMet D3#1"]);
    }

    [Fact]
    public void A_move_to_a_department_that_signed_already_counts_as_its_signature()
    {
        var state = Registered(Complaint.IntakeByCustomerService with { Notify = [Complaint.OtherDepartment] });
        state = Run(state, new AcknowledgeComplaint(Complaint.Id, Complaint.OtherDepartment, "Head", Complaint.ReceivedAt), out _);

        state = Run(state, new ReclassifyComplaint(Complaint.Id, null, null, Complaint.OtherDepartment, "Wrong department",
            "Intake", Complaint.ReceivedAt), out var events);

        events.Select(Name).ShouldBe(["ComplaintReclassified", "DeadlineMet D3#1"]);
        events.OfType<ComplaintReclassified>().Single().StillToSign.ShouldBe([]);
        ComplaintDecider.StatusOf(state.Procedure).ShouldBe("awaiting-verification");
    }

    [Fact]
    public void A_move_to_a_department_that_has_not_signed_starts_its_clock_afresh()
    {
        var state = Registered(Complaint.IntakeByCustomerService);
        state = Run(state, new AcknowledgeComplaint(Complaint.Id, Complaint.ResponsibleDepartment, "Head", Complaint.ReceivedAt), out _);

        Run(state, new ReclassifyComplaint(Complaint.Id, null, null, Complaint.OtherDepartment, "Wrong department",
            "Intake", Complaint.ReceivedAt), out var events);

        events.Select(Name).ShouldBe(["ComplaintReclassified", "DeadlineSet D3#2"]);
        events.OfType<ComplaintReclassified>().Single().StillToSign.ShouldBe([Complaint.OtherDepartment]);
    }

    [Fact]
    public void An_upgrade_to_class_A_escalates_at_once_and_counts_the_rest_of_working_time_clocks_in_clock_hours()
    {
        var state = Registered(Complaint.IntakeByCustomerService);
        var d4 = state.Deadlines.Open("D4")!;
        var at = Complaint.ReceivedAt; // Sunday 22 Nov 09:30 Shanghai: no working time yet, so D4 still has its 2 hours

        Run(state, new ReclassifyComplaint(Complaint.Id, Severity.A, null, null, "Injury", "Intake", at), out var events);

        events.Select(Name).ShouldBe(["ComplaintReclassified", "DeadlineWithdrawn D3#1", "DeadlineSet D3#2",
            "DeadlineWithdrawn D4#1", "DeadlineSet D4#2", "Escalated GmOffice"]);
        var restarted = events.OfType<DeadlineSet>().Single(s => s.Rule == "D4");
        restarted.Measure.ShouldBe(TimeMeasure.ClockTime);
        restarted.DueAt.ShouldBe(at + TestCalendars.China.WorkingTimeBetween(at, d4.DueAt));
        events.OfType<DeadlineWithdrawn>().First(w => w.Rule == "D4").Reason.ShouldContain("class A");
    }

    [Fact]
    public void An_upgrade_to_class_A_leaves_a_clock_already_missed_as_it_is_so_the_miss_is_not_counted_twice()
    {
        var state = Registered(Complaint.IntakeByCustomerService);
        var d4 = state.Deadlines.Open("D4")!;
        state = state with { Deadlines = state.Deadlines.Evolve(new DeadlineMissed(Complaint.Id, "D4", 1, d4.DueAt, d4.DueAt)) };

        Run(state, new ReclassifyComplaint(Complaint.Id, Severity.A, null, null, "Injury", "Intake", d4.DueAt + Duration.FromHours(1)),
            out var events);

        events.Select(Name).ShouldNotContain("DeadlineSet D4#2");
        events.Select(Name).ShouldNotContain("DeadlineWithdrawn D4#1");
        events.Select(Name).ShouldContain("Escalated GmOffice");
    }

    [Fact]
    public void A_new_responsible_department_restarts_its_acknowledgement_and_the_old_run_stays_withdrawn()
    {
        var state = Registered(Complaint.IntakeByCustomerService);

        state = Run(state, new ReclassifyComplaint(Complaint.Id, null, null, Complaint.OtherDepartment, "Wrong department", "Intake",
            Complaint.ReceivedAt), out var events);

        events.Select(Name).ShouldBe(["ComplaintReclassified", "DeadlineWithdrawn D3#1", "DeadlineSet D3#2"]);
        events.OfType<DeadlineWithdrawn>().Single().Reason.ShouldContain(Complaint.OtherDepartment);
        Run(state, new AcknowledgeComplaint(Complaint.Id, Complaint.OtherDepartment, "Head", Complaint.ReceivedAt), out var signed);
        signed.Select(Name).ShouldBe(["ComplaintAcknowledged", "DeadlineMet D3#2"]);
    }

    [Fact]
    public void Settling_at_first_contact_meets_first_contact_and_withdraws_the_other_clocks()
    {
        var state = Registered(Complaint.IntakeByCustomerService with { Severity = Severity.D });

        Run(state, new SettleAtFirstContact(Complaint.Id, "Refunded", "Intake", Complaint.ReceivedAt), out var events);

        events.Select(Name).ShouldBe(["ComplaintSettledAtFirstContact", "DeadlineWithdrawn D3#1", "DeadlineWithdrawn D4#1",
            "DeadlineMet D7#1"]);
    }
}
