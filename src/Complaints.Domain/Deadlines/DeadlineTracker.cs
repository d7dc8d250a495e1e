using Complaints.Domain.Calendars;
using NodaTime;

namespace Complaints.Domain.Deadlines;

/// <summary>What the clocks of one complaint are computed with.</summary>
public sealed record DeadlineContext(
    Guid ComplaintId,
    DeadlinePolicy Policy,
    BusinessCalendar Calendar,
    Severity Severity,
    LocalDate RequestedResolutionDate,
    string ResponsibleDepartment,
    FollowUpPolicy? FollowUps = null)
{
    /// <summary>Class A counts every working-hour deadline in clock hours (procedure §4).</summary>
    public TimeMeasure MeasureOf(DeadlineRule rule) => Severity == Severity.A ? TimeMeasure.ClockTime : rule.Measure;

    public Instant Add(Instant start, Duration length, TimeMeasure measure) =>
        measure == TimeMeasure.ClockTime ? start + length : Calendar.AddWorkingTime(start, length);

    public Duration Between(Instant from, Instant to, TimeMeasure measure) =>
        measure == TimeMeasure.ClockTime ? Duration.Max(Duration.Zero, to - from) : Calendar.WorkingTimeBetween(from, to);

    /// <summary>The rule in force, or null when neither policy has it any more (the clock is then withdrawn).</summary>
    public DeadlineRule? Rule(string id) => Policy.RuleOrNull(id) ?? FollowUps?.RuleOrNull(id);
}

/// <summary>
/// A timer the engine must set for one clock: its next warning (<see cref="Warning"/>, a percentage of the clock's
/// time, at level 0), or the moment it falls due (level 1) or reaches its next escalation level.
/// </summary>
public sealed record DeadlineTimer(string Rule, int Round, int Level, Instant At, int Warning = 0)
{
    public bool IsWarning => Warning > 0;
}

/// <summary>
/// The clock rules as pure functions: which deadline events follow from what happened, which escalation a
/// timer triggers, and which timers must be pending. The complaint decider stays unaware of clocks.
/// </summary>
public static class DeadlineTracker
{
    public static IReadOnlyList<IComplaintEvent> React(
        DeadlineBook book, IReadOnlyList<IComplaintEvent> happened, DeadlineContext context)
    {
        var reactions = new List<IComplaintEvent>();
        foreach (var @event in happened)
        {
            var step = ReactTo(book, @event, context);
            book = step.Aggregate(book, (b, e) => b.Evolve(e));
            reactions.AddRange(step);
        }
        return reactions;
    }

    /// <summary>
    /// What one running clock has reached at <paramref name="now"/>: its next escalation when that is due (warnings it
    /// passed meanwhile are moot), else the furthest warning it passed and has not given (even once due, while its
    /// escalation waits for a later step of the ladder), else nothing. Whenever its pending timer's moment has come,
    /// this is not nothing.
    /// </summary>
    public static IReadOnlyList<IComplaintEvent> DueNow(
        DeadlineBook book, string rule, int round, Instant now, DeadlineContext context)
    {
        var deadline = book.Find(rule, round);
        if (deadline is not { IsRunning: true } || context.Rule(rule) is not { } policy) return [];
        var step = policy.Ladder.FirstOrDefault(s => s.Level > deadline.EscalationLevel);
        if (step is not null && now >= EscalationDue(deadline, step, context)) return EscalationOf(deadline, step, now, context);
        if (deadline.Missed || deadline.EscalationLevel > 0) return [];
        var reached = policy.Warnings.Where(p => p > deadline.WarnedPercent && WarningDue(deadline, p, context) <= now)
            .DefaultIfEmpty(0).Max();
        return reached == 0
            ? []
            : [new DeadlineWarned(context.ComplaintId, rule, round, reached, deadline.DueAt, now)];
    }

    /// <summary>
    /// The escalation to <paramref name="level"/> at <paramref name="now"/>, or nothing when the step was met,
    /// withdrawn, paused, already escalated that far, or the level is not due yet.
    /// </summary>
    public static IReadOnlyList<IComplaintEvent> Escalate(
        DeadlineBook book, string rule, int round, int level, Instant now, DeadlineContext context)
    {
        var deadline = book.Find(rule, round);
        if (deadline is not { IsRunning: true } || deadline.EscalationLevel >= level) return [];
        var step = context.Rule(rule)?.Ladder.FirstOrDefault(s => s.Level == level);
        return step is null || now < EscalationDue(deadline, step, context) ? [] : EscalationOf(deadline, step, now, context);
    }

    private static IReadOnlyList<IComplaintEvent> EscalationOf(TrackedDeadline deadline, EscalationStep step, Instant now,
        DeadlineContext context)
    {
        var (rule, round, level) = (deadline.Rule, deadline.Round, step.Level);
        var escalated = new Escalated(context.ComplaintId, rule, round, level, step.To,
            step.To <= EscalationRole.DepartmentHead ? context.ResponsibleDepartment : null,
            $"{rule} missed", now);
        return deadline.Missed
            ? [escalated]
            : [new DeadlineMissed(context.ComplaintId, rule, round, deadline.DueAt, now), escalated];
    }

    /// <summary>
    /// For each running deadline, the one timer it needs: its next warning while it has not fallen due, else its next
    /// escalation level. One timer per clock, whatever its warnings, keeps a registration's commit small.
    /// </summary>
    public static IReadOnlyList<DeadlineTimer> PendingTimers(DeadlineBook book, DeadlineContext context) =>
        [.. book.Deadlines.Where(d => d.IsRunning).Select(d => NextTimer(d, context)).OfType<DeadlineTimer>()];

    private static DeadlineTimer? NextTimer(TrackedDeadline deadline, DeadlineContext context)
    {
        if (context.Rule(deadline.Rule) is not { } rule) return null;
        if (!deadline.Missed && deadline.EscalationLevel == 0
            && rule.Warnings.FirstOrDefault(p => p > deadline.WarnedPercent) is > 0 and var percent
            && WarningDue(deadline, percent, context) is var warnAt && warnAt < deadline.DueAt)
            return new DeadlineTimer(deadline.Rule, deadline.Round, 0, warnAt, percent);
        return rule.Ladder.FirstOrDefault(s => s.Level > deadline.EscalationLevel) is { } step
            ? new DeadlineTimer(deadline.Rule, deadline.Round, step.Level, EscalationDue(deadline, step, context))
            : null;
    }

    private static Instant EscalationDue(TrackedDeadline deadline, EscalationStep step, DeadlineContext context) =>
        context.Add(deadline.DueAt, step.After, deadline.Measure);

    /// <summary>When <paramref name="percent"/> of the clock's time has run, pauses left out, as the clock counts time.</summary>
    private static Instant WarningDue(TrackedDeadline deadline, int percent, DeadlineContext context)
    {
        var length = context.Between(deadline.StartedAt, deadline.DueAt, deadline.Measure) - deadline.Paused;
        return context.Add(deadline.StartedAt, deadline.Paused + length * percent / 100, deadline.Measure);
    }

    private static List<IComplaintEvent> ReactTo(DeadlineBook book, IComplaintEvent @event, DeadlineContext context)
    {
        var at = InstantOf(@event);
        var reactions = new List<IComplaintEvent>();

        foreach (var deadline in book.Deadlines.Where(d => d.IsOpen))
        {
            var rule = context.Rule(deadline.Rule);
            if (rule is null)
                reactions.Add(new DeadlineWithdrawn(context.ComplaintId, deadline.Rule, deadline.Round, at,
                    $"rule no longer in deadline policy {context.Policy.Version}"));
            else if (rule.MetBy.Any(t => t.Matches(@event, context.ResponsibleDepartment)))
                reactions.Add(Met(deadline, at, context));
            else if (@event is ComplaintClosed or ComplaintRejectedAsInvalid or ComplaintSettledAtFirstContact or ComplaintReopened)
                reactions.Add(new DeadlineWithdrawn(context.ComplaintId, deadline.Rule, deadline.Round, at,
                    @event switch
                    {
                        ComplaintClosed => "complaint closed",
                        ComplaintSettledAtFirstContact => "complaint settled at first contact",
                        ComplaintReopened => "complaint reopened",
                        _ => "complaint found invalid"
                    }));
            else if (@event is ComplaintReclassified reclassified && Restarts(rule, deadline, reclassified, context) is { } restart)
                reactions.AddRange(restart);
            else if (rule.PausedWhileAwaitingCustomer && deadline.IsRunning && @event is ActionPlanSubmittedToCustomer)
                reactions.Add(new DeadlineClockPaused(context.ComplaintId, deadline.Rule, deadline.Round, at));
            else if (deadline.PausedAt is { } pausedAt && @event is CustomerAccepted or CustomerRejected)
            {
                var pausedFor = context.Between(pausedAt, at, deadline.Measure);
                reactions.Add(new DeadlineClockResumed(context.ComplaintId, deadline.Rule, deadline.Round, at, pausedFor,
                    ResumedDue(deadline, pausedAt, at, context)));
            }
        }

        // A clock this event withdrew (a department that is no longer responsible) starts again for the new one.
        var withdrawn = reactions.OfType<DeadlineWithdrawn>().Select(w => w.Rule).ToHashSet();
        foreach (var rule in context.Policy.Rules)
            if (rule.StartsOn.Any(t => t.Matches(@event, context.ResponsibleDepartment))
                && (book.Open(rule.Id) is null || withdrawn.Contains(rule.Id))
                && !reactions.OfType<DeadlineSet>().Any(set => set.Rule == rule.Id))
                reactions.Add(Set(rule, book.LastRound(rule.Id) + 1, at, context));

        reactions.AddRange(FollowUpClocks.Start(book, @event, at, context));

        // Stamped when the engine registered it: that is when the GM office could first be told.
        if (@event is ComplaintReceived received && context.Severity == Severity.A)
            reactions.Add(new Escalated(context.ComplaintId, null, 0, (int)context.Policy.ClassAImmediateEscalation,
                context.Policy.ClassAImmediateEscalation, null, "class A complaint", received.RegisteredAt));
        if (@event is ComplaintReclassified { From.Severity: not Severity.A, To.Severity: Severity.A } upgrade)
            reactions.Add(new Escalated(context.ComplaintId, null, 0, (int)context.Policy.ClassAImmediateEscalation,
                context.Policy.ClassAImmediateEscalation, null, "reclassified to class A", upgrade.ReclassifiedAt));
        return reactions;
    }

    /// <summary>
    /// What a reclassification does to one open clock (procedure §9): a clock the new department must meet afresh
    /// (one a department change starts) is withdrawn and started again below; an upgrade to class A withdraws a
    /// running working-time clock and counts what was left of it in clock hours from now, as a new round. The old
    /// run stays in the history, withdrawn with the reason.
    /// </summary>
    private static IReadOnlyList<IComplaintEvent>? Restarts(DeadlineRule rule, TrackedDeadline deadline,
        ComplaintReclassified reclassified, DeadlineContext context)
    {
        var at = reclassified.ReclassifiedAt;
        if (rule.StartsOn.Any(t => t.Matches(reclassified, context.ResponsibleDepartment)))
            return [new DeadlineWithdrawn(context.ComplaintId, deadline.Rule, deadline.Round, at,
                $"responsible department changed to {reclassified.To.ResponsibleDepartment}")];
        // A clock already missed keeps its run and its ladder: restarting it would record the same miss again.
        if (reclassified.From.Severity == Severity.A || reclassified.To.Severity != Severity.A
            || !deadline.IsRunning || deadline.Missed || deadline.Measure != TimeMeasure.WorkingTime)
            return null;
        var remaining = context.Between(at, deadline.DueAt, TimeMeasure.WorkingTime);
        return
        [
            new DeadlineWithdrawn(context.ComplaintId, deadline.Rule, deadline.Round, at,
                "reclassified to class A: the rest counts in clock hours"),
            new DeadlineSet(context.ComplaintId, deadline.Rule, deadline.Round + 1, at, at + remaining,
                TimeMeasure.ClockTime, context.Calendar.Id, context.Calendar.Version, context.Policy.Version)
        ];
    }

    private static DeadlineSet Set(DeadlineRule rule, int round, Instant start, DeadlineContext context)
    {
        var measure = rule.DueAtRequestedDate ? TimeMeasure.ClockTime : context.MeasureOf(rule);
        var due = rule.DueAtRequestedDate
            ? context.Calendar.EndOfDay(context.RequestedResolutionDate)
            : context.Add(start, rule.Length!.Value, measure);
        return new DeadlineSet(context.ComplaintId, rule.Id, round, start, due, measure, context.Calendar.Id,
            context.Calendar.Version, context.Policy.Version);
    }

    private static DeadlineMet Met(TrackedDeadline deadline, Instant at, DeadlineContext context)
    {
        var taken = context.Between(deadline.StartedAt, at, deadline.Measure) - deadline.Paused;
        return new DeadlineMet(context.ComplaintId, deadline.Rule, deadline.Round, at, at > deadline.DueAt,
            (long)Duration.Max(Duration.Zero, taken).TotalMinutes);
    }

    /// <summary>The remaining time at the pause is granted again from the resumption.</summary>
    private static Instant ResumedDue(TrackedDeadline deadline, Instant pausedAt, Instant resumedAt, DeadlineContext context)
    {
        var remaining = context.Between(pausedAt, deadline.DueAt, deadline.Measure);
        return context.Add(resumedAt, remaining, deadline.Measure);
    }

    /// <summary>When the event happened, as the event itself records it; a complaint's clocks start at receipt.</summary>
    private static Instant InstantOf(IComplaintEvent @event) => @event switch
    {
        ComplaintReceived e => e.Intake.ReceivedAt,
        ComplaintForwarded e => e.ForwardedAt,
        ComplaintAcknowledged e => e.AcknowledgedAt,
        ComplaintVerified e => e.VerifiedAt,
        ComplaintRejectedAsInvalid e => e.RejectedAt,
        ComplaintConfirmed e => e.ConfirmedAt,
        CorrectiveActionProposed e => e.ProposedAt,
        ActionPlanApproved e => e.ApprovedAt,
        ActionPlanRejected e => e.RejectedAt,
        ActionPlanSubmittedToCustomer e => e.SubmittedAt,
        CustomerAccepted e => e.AcceptedAt,
        CustomerRejected e => e.RejectedAt,
        CorrectiveActionsExecuted e => e.ExecutedAt,
        ExecutionAccepted e => e.AcceptedAt,
        ExecutionRejected e => e.RejectedAt,
        HandlingReportCompiled e => e.CompiledAt,
        HandlingReportApproved e => e.ApprovedAt,
        HandlingReportRejected e => e.RejectedAt,
        ComplaintClosed e => e.ClosedAt,
        SatisfactionRecorded e => e.RecordedAt,
        ComplaintReopened e => e.ReopenedAt,
        ComplaintAssigned e => e.AssignedAt,
        ComplaintReclassified e => e.ReclassifiedAt,
        NoteAdded e => e.AddedAt,
        AttachmentAdded e => e.AddedAt,
        ComplaintSettledAtFirstContact e => e.SettledAt,
        FollowUpRecorded e => e.RecordedAt,
        DeadlineSet e => e.StartedAt,
        DeadlineMet e => e.MetAt,
        DeadlineMissed e => e.RecordedAt,
        DeadlineWarned e => e.WarnedAt,
        Escalated e => e.EscalatedAt,
        DeadlineClockPaused e => e.PausedAt,
        DeadlineClockResumed e => e.ResumedAt,
        DeadlineWithdrawn e => e.WithdrawnAt,
        DeadlineRecomputed e => e.RecomputedAt,
        CustomerContacted e => e.ContactedAt,
        CustomerUpdated e => e.UpdatedAt,
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown event")
    };
}
