using Complaints.Domain.Calendars;
using Complaints.Domain.Deadlines;
using NodaTime;

namespace Complaints.Domain.Tests.Deadlines;

public sealed class DeadlineTrackerTests
{
    private static readonly Guid Id = Guid.Parse("0193a7d0-0000-7000-8000-000000000001");
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static readonly BusinessCalendar China = BusinessCalendar.Create("CN", "Asia/Shanghai",
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
        [new WorkingHours(new LocalTime(8, 30), new LocalTime(17, 30))], []);

    private static readonly IReadOnlyList<EscalationStep> Ladder =
    [
        new(EscalationRole.ResponsiblePerson, Duration.Zero),
        new(EscalationRole.DepartmentHead, Duration.FromHours(1)),
        new(EscalationRole.CustomerServiceDirector, Duration.FromHours(2)),
        new(EscalationRole.GmOffice, Duration.FromHours(4))
    ];

    private static readonly DeadlinePolicy Policy = DeadlinePolicy.Create("test-1",
    [
        Rule("D1", ["ComplaintReceived:regional"], ["ComplaintForwarded"], Duration.FromMinutes(15), TimeMeasure.ClockTime),
        Rule("D3", ["ComplaintReceived"], ["ComplaintAcknowledged:responsible-department"], Duration.FromHours(1)),
        Rule("D4", ["ComplaintReceived", "CustomerRejected"], ["ComplaintVerified", "ComplaintRejectedAsInvalid"], Duration.FromHours(2)),
        Rule("D6", ["ComplaintReceived", "CustomerRejected"], ["ActionPlanSubmittedToCustomer"], Duration.FromHours(8)),
        new DeadlineRule("D8", "closed by the requested date", [EventTrigger.Parse("ComplaintReceived")],
            [EventTrigger.Parse("ComplaintClosed")], null, TimeMeasure.ClockTime, DueAtRequestedDate: true,
            PausedWhileAwaitingCustomer: true, Ladder)
    ], EscalationRole.GmOffice);

    private static DeadlineRule Rule(string id, string[] starts, string[] met, Duration length,
        TimeMeasure measure = TimeMeasure.WorkingTime) =>
        new(id, id, starts.Select(EventTrigger.Parse).ToList(), met.Select(EventTrigger.Parse).ToList(), length,
            measure, DueAtRequestedDate: false, PausedWhileAwaitingCustomer: false, Ladder);

    /// <summary>Friday 2026-11-20, 17:00 in Shanghai.</summary>
    private static readonly Instant FridayFivePm = Local(2026, 11, 20, 17, 0);

    private static Instant Local(int year, int month, int day, int hour, int minute) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(Shanghai).ToInstant();

    private static DeadlineContext Context(Severity severity = Severity.B) =>
        new(Id, Policy, China, severity, new LocalDate(2026, 11, 30), "maintenance");

    private static ComplaintReceived Received(Severity severity = Severity.B, ReceiverKind kind = ReceiverKind.CustomerService) =>
        new(Id, "CP-2026-000001", new ComplaintIntake(severity, "billing", "maintenance", "cn-east", Channel.Phone,
            "d", "e", new LocalDate(2026, 11, 30), new Customer("Li", "1", null), new Receiver("Zhang", "cs", kind),
            FridayFivePm, null, null, null), FridayFivePm);

    private static (DeadlineBook Book, IReadOnlyList<IComplaintEvent> Reactions) Given(
        DeadlineContext context, params IComplaintEvent[] history)
    {
        var book = DeadlineBook.Empty;
        IReadOnlyList<IComplaintEvent> last = [];
        foreach (var happened in history)
        {
            last = DeadlineTracker.React(book, [happened], context);
            book = last.Aggregate(book, (b, e) => b.Evolve(e));
        }
        return (book, last);
    }

    [Fact]
    public void A_complaint_received_friday_at_five_must_be_acknowledged_by_nine_on_monday()
    {
        var (_, reactions) = Given(Context(), Received());

        var d3 = reactions.OfType<DeadlineSet>().Single(d => d.Rule == "D3");
        d3.DueAt.ShouldBe(Local(2026, 11, 23, 9, 0));
        d3.Measure.ShouldBe(TimeMeasure.WorkingTime);
        d3.CalendarVersion.ShouldBe(China.Version);
        d3.PolicyVersion.ShouldBe("test-1");
        reactions.OfType<Escalated>().ShouldBeEmpty();
    }

    [Fact]
    public void A_class_A_complaint_counts_clock_hours_and_reaches_the_gm_office_at_once()
    {
        var (_, reactions) = Given(Context(Severity.A), Received(Severity.A));

        reactions.OfType<DeadlineSet>().Single(d => d.Rule == "D3").DueAt.ShouldBe(Local(2026, 11, 20, 18, 0));
        var escalated = reactions.OfType<Escalated>().ShouldHaveSingleItem();
        escalated.To.ShouldBe(EscalationRole.GmOffice);
        escalated.Level.ShouldBe(4);
        escalated.EscalatedAt.ShouldBe(FridayFivePm);
    }

    [Fact]
    public void Only_a_regional_receiver_starts_the_fifteen_minute_forwarding_clock()
    {
        Given(Context(), Received()).Reactions.OfType<DeadlineSet>().ShouldNotContain(d => d.Rule == "D1");

        var d1 = Given(Context(), Received(kind: ReceiverKind.Regional)).Reactions.OfType<DeadlineSet>().Single(d => d.Rule == "D1");
        d1.DueAt.ShouldBe(FridayFivePm + Duration.FromMinutes(15));
    }

    [Fact]
    public void The_responsible_departments_signature_meets_the_acknowledgement_deadline_in_working_minutes()
    {
        var (_, other) = Given(Context(), Received(), new ComplaintAcknowledged(Id, "finance", "Qian", Local(2026, 11, 23, 8, 40)));
        other.ShouldBeEmpty();

        var (_, reactions) = Given(Context(), Received(),
            new ComplaintAcknowledged(Id, "Maintenance", "Liu", Local(2026, 11, 23, 8, 50)));

        var met = reactions.OfType<DeadlineMet>().ShouldHaveSingleItem();
        met.Rule.ShouldBe("D3");
        met.Late.ShouldBeFalse();
        met.MinutesTaken.ShouldBe(50);
    }

    [Fact]
    public void A_plan_put_to_the_customer_pauses_the_completion_date_clock_until_the_customer_answers()
    {
        var submitted = Local(2026, 11, 24, 10, 0);
        var answered = submitted + Duration.FromHours(30);
        var (book, paused) = Given(Context(), Received(), new ActionPlanSubmittedToCustomer(Id, 1, submitted));
        paused.OfType<DeadlineMet>().Select(m => m.Rule).ShouldBe(["D6"]);
        paused.OfType<DeadlineClockPaused>().Single().Rule.ShouldBe("D8");
        DeadlineTracker.PendingTimers(book, Context()).ShouldNotContain(t => t.Rule == "D8");

        var resumed = DeadlineTracker.React(book, [new CustomerAccepted(Id, 1, null, answered)], Context())
            .OfType<DeadlineClockResumed>().ShouldHaveSingleItem();

        resumed.PausedFor.ShouldBe(Duration.FromHours(30));
        resumed.DueAt.ShouldBe(China.EndOfDay(new LocalDate(2026, 11, 30)) + Duration.FromHours(30));
    }

    [Fact]
    public void A_customer_rejection_starts_verification_and_planning_clocks_again()
    {
        var (book, _) = Given(Context(), Received(),
            new ComplaintVerified(Id, "f", [], "Liu", Local(2026, 11, 23, 9, 0)),
            new ActionPlanSubmittedToCustomer(Id, 1, Local(2026, 11, 23, 15, 0)));

        var reactions = DeadlineTracker.React(book, [new CustomerRejected(Id, 1, "no", Local(2026, 11, 24, 9, 0))], Context());

        reactions.OfType<DeadlineSet>().Select(d => (d.Rule, d.Round)).ShouldBe([("D4", 2), ("D6", 2)], ignoreOrder: true);
    }

    [Fact]
    public void Closing_meets_the_completion_date_and_withdraws_clocks_no_longer_needed()
    {
        var (book, _) = Given(Context(), Received());

        var reactions = DeadlineTracker.React(book, [new ComplaintClosed(Id, "li@example.com", "Zhao", Local(2026, 11, 27, 9, 0))], Context());

        reactions.OfType<DeadlineMet>().Select(m => m.Rule).ShouldBe(["D8"]);
        reactions.OfType<DeadlineWithdrawn>().Select(w => w.Rule).ShouldBe(["D3", "D4", "D6"], ignoreOrder: true);
        reactions.Aggregate(book, (b, e) => b.Evolve(e)).Deadlines.ShouldAllBe(d => !d.IsOpen);
    }

    [Fact]
    public void A_missed_deadline_escalates_level_by_level_and_each_level_only_once()
    {
        var context = Context();
        var (book, _) = Given(context, Received());
        var due = book.Open("D3")!.DueAt;

        DeadlineTracker.Escalate(book, "D3", 1, 1, due - Duration.FromMinutes(1), context).ShouldBeEmpty();
        var first = DeadlineTracker.Escalate(book, "D3", 1, 1, due, context);
        first.OfType<DeadlineMissed>().ShouldHaveSingleItem().DueAt.ShouldBe(due);
        var toResponsible = first.OfType<Escalated>().ShouldHaveSingleItem();
        (toResponsible.Level, toResponsible.To, toResponsible.Department).ShouldBe((1, EscalationRole.ResponsiblePerson, "maintenance"));
        book = first.Aggregate(book, (b, e) => b.Evolve(e));

        DeadlineTracker.Escalate(book, "D3", 1, 1, due + Duration.FromHours(3), context).ShouldBeEmpty();
        var next = DeadlineTracker.PendingTimers(book, context).Single(t => t.Rule == "D3");
        (next.Level, next.At).ShouldBe((2, China.AddWorkingTime(due, Duration.FromHours(1))));

        var second = DeadlineTracker.Escalate(book, "D3", 1, 2, next.At, context);
        second.ShouldHaveSingleItem().ShouldBeOfType<Escalated>().To.ShouldBe(EscalationRole.DepartmentHead);
    }

    [Fact]
    public void A_step_done_before_its_timer_fires_is_not_escalated()
    {
        var context = Context();
        var (book, _) = Given(context, Received(),
            new ComplaintAcknowledged(Id, "maintenance", "Liu", Local(2026, 11, 23, 8, 45)));

        DeadlineTracker.Escalate(book, "D3", 1, 1, Local(2026, 11, 23, 12, 0), context).ShouldBeEmpty();
    }

    [Fact]
    public void A_step_done_late_is_met_late_and_stops_its_escalation()
    {
        var context = Context();
        var (book, _) = Given(context, Received());
        var due = book.Open("D3")!.DueAt;
        book = DeadlineTracker.Escalate(book, "D3", 1, 1, due, context).Aggregate(book, (b, e) => b.Evolve(e));

        var met = DeadlineTracker.React(book, [new ComplaintAcknowledged(Id, "maintenance", "Liu", due + Duration.FromMinutes(30))], context)
            .OfType<DeadlineMet>().ShouldHaveSingleItem();

        met.Late.ShouldBeTrue();
        met.MinutesTaken.ShouldBe(90);
        book = book.Evolve(met);
        DeadlineTracker.PendingTimers(book, context).ShouldNotContain(t => t.Rule == "D3");
    }

    [Fact]
    public void A_policy_rule_needs_a_length_or_the_requested_date_and_a_climbing_ladder()
    {
        Should.Throw<DeadlinePolicyException>(() => DeadlinePolicy.Create("v", [Rule("X", ["ComplaintReceived"], ["ComplaintClosed"], Duration.Zero)], EscalationRole.GmOffice))
            .Message.ShouldContain("Rule X");
        Should.Throw<DeadlinePolicyException>(() => EventTrigger.Parse("ComplaintTeleported")).Message.ShouldContain("not a complaint event");
        Should.Throw<DeadlinePolicyException>(() => EventTrigger.Parse("ComplaintReceived:by-pigeon")).Message.ShouldContain("unknown condition");
    }

    [Fact]
    public void A_clock_whose_rule_was_removed_from_the_policy_is_withdrawn_instead_of_failing()
    {
        var (book, _) = Given(Context(), Received());
        var withoutD6 = Context() with { Policy = Policy with { Version = "test-2", Rules = [.. Policy.Rules.Where(r => r.Id != "D6")] } };

        var reactions = DeadlineTracker.React(book,
            [new ComplaintAcknowledged(Id, "finance", "Qian", Local(2026, 11, 23, 9, 0))], withoutD6);

        var withdrawn = reactions.OfType<DeadlineWithdrawn>().ShouldHaveSingleItem();
        withdrawn.Rule.ShouldBe("D6");
        withdrawn.Reason.ShouldContain("test-2");
        DeadlineTracker.PendingTimers(book, withoutD6).ShouldNotContain(t => t.Rule == "D6");
        DeadlineTracker.Escalate(book, "D6", 1, 1, Local(2026, 12, 1, 9, 0), withoutD6).ShouldBeEmpty();
    }

    [Fact]
    public void A_back_dated_class_A_complaint_reaches_the_gm_office_when_it_is_registered_not_before()
    {
        var registeredLater = Received(Severity.A) with { RegisteredAt = FridayFivePm + Duration.FromDays(2) };

        var escalated = DeadlineTracker.React(DeadlineBook.Empty, [registeredLater], Context(Severity.A))
            .OfType<Escalated>().ShouldHaveSingleItem();

        escalated.EscalatedAt.ShouldBe(registeredLater.RegisteredAt);
    }

    [Fact]
    public void A_ladder_whose_grace_does_not_grow_is_refused()
    {
        var flat = Rule("X", ["ComplaintReceived"], ["ComplaintClosed"], Duration.FromHours(1)) with
        {
            Ladder = [new(EscalationRole.ResponsiblePerson, Duration.Zero), new(EscalationRole.DepartmentHead, Duration.Zero)]
        };

        Should.Throw<DeadlinePolicyException>(() => DeadlinePolicy.Create("v", [flat], EscalationRole.GmOffice))
            .Message.ShouldContain("growing grace");
    }
}
