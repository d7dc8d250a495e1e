using Complaints.Domain.Calendars;
using Complaints.Domain.Deadlines;
using Complaints.Domain.Tests.Calendars;
using Complaints.Domain.Workflow;
using NodaTime;

namespace Complaints.Domain.Tests.Workflow;

/// <summary>Replay and repair (docs/rules-over-time.md): the workflow's clocks recounted from the stored events alone.</summary>
public sealed class ClockReplayTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static Instant Local(int day, int hour, int minute = 0) =>
        new LocalDateTime(2026, 11, day, hour, minute).InZoneStrictly(Shanghai).ToInstant();

    private static DeadlineRules RulesOn(BusinessCalendar calendar, string version = "replay-test-1", int d3Minutes = 60) =>
        new(DeadlinePolicy.Create(version,
        [
            Rule("D3", "ComplaintReceived", "ComplaintAcknowledged:responsible-department", Duration.FromMinutes(d3Minutes)),
            Rule("D4", "ComplaintReceived", "ComplaintVerified", Duration.FromHours(2))
        ], EscalationRole.GmOffice), _ => calendar);

    private static DeadlineRule Rule(string id, string starts, string met, Duration length) =>
        new(id, id, [EventTrigger.Parse(starts)], [EventTrigger.Parse(met)], length, TimeMeasure.WorkingTime, false, false,
            WorkflowSpecification.Ladder, []);

    /// <summary>Tuesday 24 November declared a holiday after the fact: the calendar as it should have been.</summary>
    private static readonly BusinessCalendar Corrected = BusinessCalendar.Create("CN", "Asia/Shanghai",
        TestCalendars.China.WeeklyWorkingDays, TestCalendars.China.DailyWorkingHours,
        [TestCalendars.China2026 with
        {
            Holidays = [.. TestCalendars.China2026.Holidays, new DatedEntry(new LocalDate(2026, 11, 24), new LocalDate(2026, 11, 24), "missing")]
        }]);

    /// <summary>
    /// Received Monday 17:00, acknowledged Wednesday 08:45 and verified Wednesday 11:00, each command decided by the
    /// workflow and every timer it armed fired at its instant, recorded as the engine records them.
    /// </summary>
    private static List<StoredClockEvent> Recorded(DeadlineRules rules, Instant? acknowledgedAt = null)
    {
        var acknowledged = acknowledgedAt ?? Local(25, 8, 45);
        var stored = new List<StoredClockEvent>();
        var state = ComplaintWorkflow.Initial;
        var timers = new List<DeadlineTimer>();
        void Record(WorkflowInput input, Instant at)
        {
            var decision = ComplaintWorkflow.Decide(input, state, rules);
            foreach (var e in decision.Events)
            {
                stored.Add(new StoredClockEvent(e, at));
                state = ComplaintWorkflow.Evolve(state, e);
            }
            timers.AddRange(decision.Timers.Arm);
        }
        void FireUntil(Instant until)
        {
            // As the engine takes them: a command at a timer's instant comes first.
            while (timers.Where(t => t.At < until).OrderBy(t => t.At).FirstOrDefault() is { } next)
            {
                timers.Remove(next);
                Record(new WorkflowInput.TimerFired(Complaint.Id, next, next.At), next.At);
            }
        }
        var intake = Complaint.IntakeByCustomerService with { ReceivedAt = Local(23, 17) };
        Record(new WorkflowInput.Command(new RegisterComplaint(Complaint.Id, Complaint.Number, intake, Local(23, 17))), Local(23, 17));
        FireUntil(acknowledged);
        Record(new WorkflowInput.Command(new AcknowledgeComplaint(Complaint.Id, Complaint.ResponsibleDepartment, "Head Liu", acknowledged)), acknowledged);
        FireUntil(Local(25, 11));
        Record(new WorkflowInput.Command(new VerifyComplaint(Complaint.Id, true, "Confirmed", ["Workshop 2"], "Head Liu", Local(25, 11))), Local(25, 11));
        return stored;
    }

    [Fact]
    public void Replaying_with_the_rules_then_in_force_gives_every_recorded_deadline_back()
    {
        var rules = RulesOn(TestCalendars.China);
        var stream = Recorded(rules);

        var replayed = ClockReplay.Compare(Complaint.Id, stream, _ => rules, stream[^1].RecordedAt);

        replayed.Select(c => c.Rule).ShouldBe(["D3", "D4"]);
        replayed.ShouldAllBe(c => c.Differences.Count == 0);
        replayed[0].Recorded!.DueAt.ShouldBe(Local(24, 9));
        replayed[0].Recorded!.Late.ShouldBeTrue();
        replayed[0].Recorded!.EscalationLevel.ShouldBe(4);
    }

    /// <summary>The replay fired the timer of the due instant before the step done at that instant, and called it late.</summary>
    [Fact]
    public void A_step_done_at_its_due_instant_replays_on_time()
    {
        var rules = RulesOn(TestCalendars.China);
        var stream = Recorded(rules, acknowledgedAt: Local(24, 9));

        var d3 = ClockReplay.Compare(Complaint.Id, stream, _ => rules, stream[^1].RecordedAt).Single(c => c.Rule == "D3");

        d3.Recorded!.DueAt.ShouldBe(Local(24, 9));
        d3.Recorded.MetAt.ShouldBe(Local(24, 9));
        d3.Recorded.Late.ShouldBeFalse();
        d3.Differences.ShouldBeEmpty();
    }

    [Fact]
    public void A_corrected_calendar_is_repaired_by_recounting_each_clock_it_moves_once()
    {
        var stream = Recorded(RulesOn(TestCalendars.China));
        var corrected = RulesOn(Corrected);

        var differing = ClockReplay.Compare(Complaint.Id, stream, _ => corrected, stream[^1].RecordedAt);
        differing[0].Differences.ShouldBe(["dueAt", "late", "calendarVersion"]);
        var planned = ClockRepair.Plan(Complaint.Id, differing, "24 Nov was a holiday", Local(26, 9));

        planned.Select(r => (r.Rule, r.RecordedDueAt, r.DueAt, r.RecordedLate, r.Late)).ShouldBe(
        [
            ("D3", Local(24, 9), Local(25, 9), true, false),
            ("D4", Local(24, 10), Local(25, 10), true, true)
        ]);
        var state = ComplaintWorkflow.Fold(stream.Select(e => e.Event));
        var decision = ComplaintWorkflow.Decide(new WorkflowInput.Repair(Complaint.Id, planned), state, corrected);
        decision.Events.ShouldBe(planned);

        var repaired = stream.Concat(planned.Select(r => new StoredClockEvent(r, Local(26, 9)))).ToList();
        ClockRepair.Plan(Complaint.Id, ClockReplay.Compare(Complaint.Id, repaired, _ => corrected, Local(26, 9)), "again", Local(26, 10))
            .ShouldBeEmpty();
    }

    [Fact]
    public void A_repair_moves_the_timer_of_a_clock_still_running_to_its_corrected_instant()
    {
        var rules = RulesOn(TestCalendars.China);
        var registered = ComplaintWorkflow.Decide(new WorkflowInput.Command(new RegisterComplaint(Complaint.Id, Complaint.Number,
            Complaint.IntakeByCustomerService with { ReceivedAt = Local(23, 17) }, Local(23, 17))), ComplaintWorkflow.Initial, rules);
        var state = ComplaintWorkflow.Fold(registered.Events);
        var recomputed = new DeadlineRecomputed(Complaint.Id, "D3", 1, Local(24, 9), Local(25, 9), false, false,
            Corrected.Version, "replay-test-1", "24 Nov was a holiday", Local(23, 17));

        var decision = ComplaintWorkflow.Decide(new WorkflowInput.Repair(Complaint.Id, [recomputed]), state, RulesOn(Corrected));

        decision.Timers.Arm.ShouldContain(new DeadlineTimer("D3", 1, 1, Local(25, 9)));
    }

    [Fact]
    public void A_shorter_candidate_rule_misses_more_and_an_identical_one_nothing_more()
    {
        var rules = RulesOn(TestCalendars.China, d3Minutes: 24 * 60);
        var stream = Recorded(rules);

        var same = ClockReplay.Recompute(Complaint.Id, stream, _ => rules, Local(26, 9));
        var shorter = ClockReplay.Recompute(Complaint.Id, stream, _ => RulesOn(TestCalendars.China, "candidate", 60), Local(26, 9));

        same.Count(r => r.Late).ShouldBe(ClockReplay.Recorded(stream).Count(r => r.Late));
        shorter.Count(r => r.Late).ShouldBeGreaterThan(same.Count(r => r.Late));
    }
}
