using Complaints.Domain.Deadlines;

namespace Complaints.Domain.Workflow;

/// <summary>
/// The whole write side of one complaint as a decider: <see cref="Decide"/> takes a command or a timer firing, the
/// write state and the deadline rules, and returns what to record, which timers to arm or cancel and whom to notify;
/// <see cref="Evolve"/> folds a recorded event into the write state. Pure: no I/O, no clock of its own. The procedure
/// (<see cref="ComplaintDecider"/>) and the clocks (<see cref="DeadlineTracker"/>) stay separate rules; this is where
/// they meet, so the host only carries inputs in and decisions out.
/// </summary>
public static class ComplaintWorkflow
{
    public static WriteState Initial => WriteState.Initial;

    public static Decision Decide(WorkflowInput input, WriteState state, DeadlineRules rules) => input switch
    {
        WorkflowInput.Command { Value: ErasePersonalData erase } => Erase(erase, state),
        WorkflowInput.Command { Value: RecordCustomerContact or UpdateCustomer } command =>
            Procedure(command.Value, state, rules, CustomerReached(command.Value, state)),
        WorkflowInput.Command command =>
            Procedure(command.Value, state, rules, ComplaintDecider.Decide(command.Value, state.Procedure)),
        WorkflowInput.TimerFired fired => Fire(fired, state, rules),
        WorkflowInput.Repair repair => ClockRepair.Decide(repair, state, rules),
        _ => throw new ArgumentOutOfRangeException(nameof(input), input.GetType().Name, "Unknown workflow input")
    };

    public static WriteState Evolve(WriteState state, IComplaintEvent @event) => new(
        ComplaintDecider.Evolve(state.Procedure, @event),
        state.Deadlines.Evolve(@event),
        ClockTerms.After(state.Terms, @event),
        state.PersonalDataErased || @event is PersonalDataErased);

    public static WriteState Fold(IEnumerable<IComplaintEvent> events) => events.Aggregate(Initial, Evolve);

    /// <summary>The timers that must be pending for the state's running clocks.</summary>
    public static IReadOnlyList<DeadlineTimer> PendingTimers(Guid complaintId, WriteState state, DeadlineRules rules) =>
        state.Terms is { } terms ? DeadlineTracker.PendingTimers(state.Deadlines, rules.ContextFor(complaintId, terms)) : [];

    /// <summary>
    /// The procedure decides; the clocks react to what it decided and the notifications follow from both. Timers follow
    /// the difference between the clocks running before and after: a clock the command leaves alone keeps the timer it
    /// already has.
    /// </summary>
    private static Decision Procedure(ComplaintCommand command, WriteState state, DeadlineRules rules,
        IReadOnlyList<IComplaintEvent> decided)
    {
        // The clocks react under the terms the command leaves (a reclassification's new class and department).
        var terms = decided.Aggregate(state.Terms, ClockTerms.After)!;
        var context = rules.ContextFor(command.ComplaintId, terms);
        if (command is RegisterComplaint register) RequestedOnOrAfterReceipt(register.Intake, context.Calendar);
        var reactions = DeadlineTracker.React(state.Deadlines, decided, context);
        IReadOnlyList<IComplaintEvent> events = [.. decided, .. reactions];

        var before = DeadlineTracker.PendingTimers(state.Deadlines, context);
        var after = DeadlineTracker.PendingTimers(reactions.Aggregate(state.Deadlines, (b, e) => b.Evolve(e)), context);
        return new Decision(events, new TimerChanges([.. after.Except(before)], [.. before.Except(after)]),
            Notices.For(events, terms, context), after.Count > 0);
    }

    /// <summary>
    /// A timer concerns one clock. When that clock still runs and has not passed the timer (warned that far, escalated
    /// that far), it records what the clock has reached by the rules in force (a warning, or the miss and the
    /// escalation) and arms the clock's next timer. A timer that fires early (another node's clock, a ladder that
    /// grew, a clock that was paused) arms the one that is now right; a stale one (the clock was met, paused, withdrawn
    /// or already past it) records and arms nothing, so a timer delivered twice warns or escalates once.
    /// </summary>
    private static Decision Fire(WorkflowInput.TimerFired fired, WriteState state, DeadlineRules rules)
    {
        var (rule, round, _, _, _) = fired.Timer;
        if (state.Terms is not { } terms) return new Decision([], TimerChanges.None, [], false);
        var context = rules.ContextFor(fired.ComplaintId, terms);
        var pending = DeadlineTracker.PendingTimers(state.Deadlines, context);
        var running = pending.Count > 0;
        var deadline = state.Deadlines.Find(rule, round);
        if (deadline is not { IsRunning: true } || Passed(deadline, fired.Timer)
            || pending.FirstOrDefault(t => t.Rule == rule && t.Round == round) is not { } next)
            return new Decision([], TimerChanges.None, [], running);

        var reached = DeadlineTracker.DueNow(state.Deadlines, rule, round, fired.Now, context);
        if (reached.Count == 0) return new Decision([], new TimerChanges([next], []), [], running);
        var after = DeadlineTracker.PendingTimers(reached.Aggregate(state.Deadlines, (b, e) => b.Evolve(e)), context);
        return new Decision(reached,
            new TimerChanges([.. after.Where(t => t.Rule == rule && t.Round == round)], []),
            Notices.For(reached, terms, context), after.Count > 0);
    }

    /// <summary>The clock is already past what the timer was armed for.</summary>
    private static bool Passed(TrackedDeadline deadline, DeadlineTimer timer) => timer.IsWarning
        ? deadline.Missed || deadline.EscalationLevel > 0 || deadline.WarnedPercent >= timer.Warning
        : deadline.EscalationLevel >= timer.Level;

    /// <summary>
    /// The customer's date is a day of the complaint's region (D8 falls due at its end there): a date before the day
    /// of receipt in that region would make D8 due before it started and escalate at once.
    /// </summary>
    private static void RequestedOnOrAfterReceipt(ComplaintIntake intake, Calendars.BusinessCalendar calendar)
    {
        var receiptDay = intake.ReceivedAt.InZone(calendar.Zone).Date;
        if (intake.RequestedResolutionDate < receiptDay)
            throw new InvalidCommandException(new Dictionary<string, string[]>
            {
                ["requestedResolutionDate"] = [$"lies before the day the complaint was received ({receiptDay:uuuu-MM-dd} in its region)"]
            });
    }

    /// <summary>
    /// Contacting and updating the customer are not steps of the procedure: taken while the complaint is open, they
    /// leave its state as it is. A contact cannot have happened before the complaint was received.
    /// </summary>
    private static IReadOnlyList<IComplaintEvent> CustomerReached(ComplaintCommand command, WriteState state)
    {
        if (state.Terms is not { } terms || state.Procedure is ComplaintState.Closed or ComplaintState.ClosedAsInvalid)
            throw new CommandNotAllowedException(
                $"The customer is contacted and kept informed while the complaint is open; it is {ComplaintDecider.StatusOf(state.Procedure)}.",
                ComplaintDecider.StatusOf(state.Procedure), ComplaintDecider.AllowedActions(state.Procedure));
        return command switch
        {
            RecordCustomerContact c when c.ContactedAt < terms.ReceivedAt => throw new InvalidCommandException(
                new Dictionary<string, string[]> { ["at"] = ["lies before the complaint was received"] }),
            RecordCustomerContact c => [new CustomerContacted(c.ComplaintId, c.Channel, c.Summary, c.By, c.ContactedAt)],
            UpdateCustomer c => [new CustomerUpdated(c.ComplaintId, c.Message, c.By, c.At)],
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a customer contact")
        };
    }

    /// <summary>Erasure is not a step of the procedure: any registered complaint may be erased, once.</summary>
    private static Decision Erase(ErasePersonalData command, WriteState state) => new(
        state.PersonalDataErased ? [] : [new PersonalDataErased(command.ComplaintId, command.Reason, command.By, command.At)],
        TimerChanges.None, [], state.Deadlines.Deadlines.Any(d => d.IsRunning));
}
