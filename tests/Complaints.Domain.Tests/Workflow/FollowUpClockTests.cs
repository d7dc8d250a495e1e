using Complaints.Domain.Calendars;
using Complaints.Domain.Deadlines;
using Complaints.Domain.Tests.Calendars;
using NodaTime;
using static Complaints.Domain.Tests.Workflow.WorkflowSpecification;

namespace Complaints.Domain.Tests.Workflow;

/// <summary>
/// Follow-up clocks after closing (procedure §10): each a deadline with its rule, calendar and policy version that
/// escalates when missed, is met by the recorded follow-up, and is withdrawn when the complaint reopens.
/// </summary>
public sealed class FollowUpClockTests
{
    /// <summary>Mainland China with the 2026 notice and the provisional 2027 statutory days.</summary>
    private static readonly BusinessCalendar China = BusinessCalendar.Create("CN", "Asia/Shanghai",
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
        [new(new LocalTime(8, 30), new LocalTime(17, 30))],
        [TestCalendars.China2026, ChineseStatutoryHolidays.Provisional(2027)]);

    private static readonly FollowUpPolicy ThreeContacts = FollowUpPolicy.Create("follow-up-test-1",
        [Contact("F1", workingDays: 3), Contact("M1", months: 1), Contact("M2", months: 2)], Rules.Policy);

    private static readonly DeadlineRules WithFollowUps = new(Rules.Policy, _ => China, ThreeContacts);

    /// <summary>Closed Monday 23 Nov 16:00 in Shanghai: the first follow-up is due by the end of Thursday the 26th.</summary>
    private static readonly Instant FirstDue = Instant.FromUtc(2026, 11, 26, 16, 0);

    /// <summary>Without warnings, so each clock's timer is its ladder; <c>NotificationTests</c> covers the warnings.</summary>
    private static FollowUpContact Contact(string id, int? workingDays = null, int? months = null) =>
        new(id, id, workingDays, months, Ladder, WarningPercents: []);

    private static RecordFollowUp FollowUp(bool recurred = false) =>
        new(Complaint.Id, FollowUpOutcome.Reached, new FollowUpScores(4, 4, 4), recurred, null, "Intake Zhao", Complaint.Now);

    [Fact]
    public void Closing_starts_the_first_follow_up_clock_with_its_rule_calendar_and_policy_version()
    {
        var decision = GivenWith(WithFollowUps, History.ReadyToClose)
            .When(new CloseComplaint(Complaint.Id, "li.wei@example.com", "Intake Zhao", Complaint.Now))
            .Decision;

        var set = decision.Events.OfType<DeadlineSet>().ShouldHaveSingleItem();
        // Closed Wednesday 25 Nov 17:00 in Shanghai: Thursday, Friday, Monday; due when Monday 30 Nov ends.
        (set.Rule, set.Round, set.DueAt).ShouldBe(("F1", 1, Instant.FromUtc(2026, 11, 30, 16, 0)));
        (set.Measure, set.CalendarVersion, set.PolicyVersion).ShouldBe((TimeMeasure.WorkingTime, China.Version, "follow-up-test-1"));
        decision.Timers.Arm.ShouldContain(Timer("F1", 1, set.DueAt));
        decision.ClocksRunning.ShouldBeTrue();
    }

    [Fact]
    public void A_follow_up_clock_warns_its_owner_by_default_before_it_falls_due()
    {
        var warned = FollowUpPolicy.Create("follow-up-test-2", [new FollowUpContact("F1", "F1", 3, null, Ladder)], Rules.Policy);

        var timer = GivenWith(new DeadlineRules(Rules.Policy, _ => China, warned), History.ReadyToClose)
            .When(new CloseComplaint(Complaint.Id, "li.wei@example.com", "Intake Zhao", Complaint.Now))
            .Decision.Timers.Arm.ShouldHaveSingleItem();

        (timer.Rule, timer.Warning).ShouldBe(("F1", 50));
        timer.At.ShouldBeLessThan(Instant.FromUtc(2026, 11, 30, 16, 0));
    }

    [Fact]
    public void A_missed_follow_up_records_the_miss_escalates_and_arms_the_next_level_a_working_hour_later() =>
        GivenWith(WithFollowUps, History.Closed)
            .WhenTimerFires(Timer("F1", 1, FirstDue), FirstDue)
            .Then("DeadlineMissed F1#1", "Escalated F1#1 to level 1")
            .AndArms(Timer("F1", 2, Instant.FromUtc(2026, 11, 27, 1, 30)))
            .AndClocksRunning(true);

    [Fact]
    public void A_follow_up_timer_before_its_moment_records_nothing() =>
        GivenWith(WithFollowUps, History.Closed)
            .WhenTimerFires(Timer("F1", 1, FirstDue), FirstDue - Duration.FromMinutes(1))
            .Then()
            .AndArms(Timer("F1", 1, FirstDue));

    [Fact]
    public void A_recorded_follow_up_meets_the_clock_and_starts_the_next_counted_from_the_closing() =>
        GivenWith(WithFollowUps, History.Closed)
            .When(FollowUp())
            .Then("FollowUpRecorded", "DeadlineMet F1#1", "DeadlineSet M1#1")
            // A month after Monday 23 November: Wednesday 23 December, due when it ends in Shanghai.
            .AndArms(Timer("M1", 1, Instant.FromUtc(2026, 12, 23, 16, 0)))
            .AndCancels(Timer("F1", 1, FirstDue));

    [Fact]
    public void A_met_follow_up_escalates_no_more() =>
        GivenWith(WithFollowUps, [.. History.Closed, Recorded.FollowedUp()])
            .WhenTimerFires(Timer("F1", 1, FirstDue), FirstDue)
            .Then()
            .AndArms();

    [Fact]
    public void The_second_month_falls_on_a_saturday_in_the_new_year_so_it_is_due_on_monday() =>
        GivenWith(WithFollowUps, [.. History.Closed, Recorded.FollowedUp()])
            .When(FollowUp())
            .Then("FollowUpRecorded", "DeadlineMet M1#1", "DeadlineSet M2#1")
            .AndArms(Timer("M2", 1, Instant.FromUtc(2027, 1, 25, 16, 0)));

    [Fact]
    public void After_the_last_contact_a_follow_up_is_recorded_and_no_clock_is_left() =>
        GivenWith(WithFollowUps, [.. History.Closed, Recorded.FollowedUp(), Recorded.FollowedUp(), Recorded.FollowedUp()])
            .When(FollowUp())
            .Then("FollowUpRecorded")
            .AndArms()
            .AndClocksRunning(false);

    [Fact]
    public void Reopening_withdraws_the_running_follow_up_clock() =>
        GivenWith(WithFollowUps, History.Closed)
            .When(new ReopenComplaint(Complaint.Id, "Squeal is back", "Intake Zhao", Complaint.Now))
            .Then("ComplaintReopened", "DeadlineWithdrawn F1#1", "DeadlineSet D4#2", "DeadlineSet D6#2")
            .AndCancels(Timer("F1", 1, FirstDue));

    [Fact]
    public void Closing_again_after_a_reopen_starts_the_schedule_over_as_a_new_round() =>
        GivenWith(WithFollowUps, History.ClosedAgainAfterReopen)
            .When(FollowUp())
            .Then("FollowUpRecorded", "DeadlineMet F1#2", "DeadlineSet M1#2");

    [Fact]
    public void Without_a_follow_up_policy_closing_starts_no_follow_up_clock() =>
        Given(History.ReadyToClose)
            .When(new CloseComplaint(Complaint.Id, "li.wei@example.com", "Intake Zhao", Complaint.Now))
            .Decision.Events.OfType<DeadlineSet>().ShouldBeEmpty();

    [Fact]
    public void The_schedule_runs_across_the_year_boundary_and_around_the_provisional_2027_holidays()
    {
        var yearly = FollowUpPolicy.Create("year-1",
        [
            Contact("F1", workingDays: 3),
            .. Enumerable.Range(1, 12).Select(m => Contact($"M{m}", months: m)),
            .. Enumerable.Range(1, 4).Select(q => Contact($"Q{q}", months: 12 + 3 * q))
        ], Rules.Policy);
        string Due(Instant closedAt, string rule) =>
            FollowUpClocks.Schedule(yearly, closedAt, China).Single(s => s.Rule == rule).DueAt.InZone(China.Zone).Date.PlusDays(-1)
                .ToString("yyyy-MM-dd", null);

        var monday28December = Instant.FromUtc(2026, 12, 28, 2, 0);
        Due(monday28December, "F1").ShouldBe("2026-12-31"); // Tuesday, Wednesday, Thursday: 1 January is a holiday
        Due(monday28December, "M1").ShouldBe("2027-01-28");
        Due(monday28December, "M2").ShouldBe("2027-03-01"); // 28 February 2027 is a Sunday
        Due(monday28December, "M12").ShouldBe("2027-12-28");
        Due(monday28December, "Q1").ShouldBe("2028-03-28");
        Due(monday28December, "Q4").ShouldBe("2028-12-28");
        // Closed 6 January 2027: a month later is Saturday 6 February, in the provisional Spring Festival (5-8 February).
        Due(Instant.FromUtc(2027, 1, 6, 2, 0), "M1").ShouldBe("2027-02-09");
        FollowUpClocks.Schedule(yearly, monday28December, China).Count.ShouldBe(17);
    }

    [Theory]
    [InlineData("F1", 3, null, "F1", 3, null, "Contact F1 is defined more than once.")]
    [InlineData("D4", 3, null, "M1", null, 1, "Contact D4 has the id of a deadline rule.")]
    [InlineData("F1", 3, 1, "M1", null, 1, "Contact F1: give either workingDaysAfterClosing or monthsAfterClosing, not both or neither.")]
    [InlineData("F1", 0, null, "M1", null, 1, "Contact F1: workingDaysAfterClosing must be 1 to 60.")]
    [InlineData("F1", 3, null, "M1", null, 121, "Contact M1: monthsAfterClosing must be 1 to 120.")]
    [InlineData("M1", null, 2, "M2", null, 1, "Contact M2: it must fall due after contact M1.")]
    [InlineData("M1", null, 1, "F1", 3, null, "Contact F1: it must fall due after contact M1.")]
    public void A_schedule_that_cannot_work_is_refused_naming_the_contact(
        string first, int? firstDays, int? firstMonths, string second, int? secondDays, int? secondMonths, string message)
    {
        var refusal = Should.Throw<DeadlinePolicyException>(() => FollowUpPolicy.Create("bad",
            [Contact(first, firstDays, firstMonths), Contact(second, secondDays, secondMonths)], Rules.Policy));

        refusal.Message.ShouldBe(message);
    }
}
