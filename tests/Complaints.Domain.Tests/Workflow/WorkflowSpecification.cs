using Complaints.Domain.Deadlines;
using Complaints.Domain.Tests.Calendars;
using Complaints.Domain.Workflow;
using NodaTime;

namespace Complaints.Domain.Tests.Workflow;

/// <summary>
/// Given the procedure's past events (with the clock events the workflow recorded beside them), when a command or a
/// timer arrives, then these events are recorded and these timers armed or cancelled.
/// </summary>
public sealed class WorkflowSpecification
{
    public static readonly IReadOnlyList<EscalationStep> Ladder =
    [
        new(EscalationRole.ResponsiblePerson, Duration.Zero),
        new(EscalationRole.DepartmentHead, Duration.FromHours(1)),
        new(EscalationRole.CustomerServiceDirector, Duration.FromHours(2)),
        new(EscalationRole.GmOffice, Duration.FromHours(4))
    ];

    /// <summary>
    /// Clock-time rules, so every due instant is plain arithmetic on <see cref="Complaint.ReceivedAt"/>, without
    /// warnings, so a clock's timer is its escalation ladder; <see cref="WarnedRules"/> warns at 50 % and 80 %.
    /// </summary>
    public static readonly DeadlineRules Rules = RulesWarningAt([]);

    public static readonly DeadlineRules WarnedRules = RulesWarningAt(DeadlineRule.DefaultWarnings);

    private static DeadlineRules RulesWarningAt(IReadOnlyList<int> warnings) => new(DeadlinePolicy.Create("workflow-test-1",
    [
        Rule("D1", ["ComplaintReceived:regional"], ["ComplaintForwarded"], Duration.FromMinutes(15), warnings),
        Rule("D3", ["ComplaintReceived"], ["ComplaintAcknowledged:responsible-department"], Duration.FromHours(1), warnings),
        Rule("D4", ["ComplaintReceived", "CustomerRejected", "ComplaintReopened"],
            ["ComplaintVerified", "ComplaintRejectedAsInvalid"], Duration.FromHours(2), warnings),
        Rule("D6", ["ComplaintReceived", "CustomerRejected", "ComplaintReopened"], ["ActionPlanSubmittedToCustomer"],
            Duration.FromHours(8), warnings),
        new DeadlineRule("D8", "closed by the requested date", [EventTrigger.Parse("ComplaintReceived")],
            [EventTrigger.Parse("ComplaintClosed"), EventTrigger.Parse("ComplaintRejectedAsInvalid")], null,
            TimeMeasure.ClockTime, DueAtRequestedDate: true, PausedWhileAwaitingCustomer: true, Ladder, warnings)
    ], EscalationRole.GmOffice), _ => TestCalendars.China);

    /// <summary>The end of the requested date (2026-11-30) in Shanghai.</summary>
    public static readonly Instant RequestedDateEnds = Instant.FromUtc(2026, 11, 30, 16, 0);

    private readonly WriteState state;
    private readonly DeadlineRules rules;
    private Func<Decision>? decide;

    private WorkflowSpecification(WriteState state, DeadlineRules rules) => (this.state, this.rules) = (state, rules);

    /// <summary>The procedure's events; the clock events the workflow would have recorded with each are added.</summary>
    public static WorkflowSpecification Given(params IComplaintEvent[] history) => GivenWith(Rules, history);

    /// <summary>As <see cref="Given(IComplaintEvent[])"/>, with the clocks counted by <paramref name="rules"/>.</summary>
    public static WorkflowSpecification GivenWith(DeadlineRules rules, params IComplaintEvent[] history)
    {
        var state = ComplaintWorkflow.Initial;
        foreach (var happened in history)
        {
            state = ComplaintWorkflow.Evolve(state, happened);
            if (state.Terms is not { } terms || happened is PersonalDataErased) continue;
            var reactions = DeadlineTracker.React(state.Deadlines, [happened], rules.ContextFor(Complaint.Id, terms));
            state = reactions.Aggregate(state, ComplaintWorkflow.Evolve);
        }
        return new WorkflowSpecification(state, rules);
    }

    public static WorkflowSpecification Given(IComplaintEvent[] history, params IComplaintEvent[] more) =>
        Given([.. history, .. more]);

    public WorkflowSpecification When(ComplaintCommand command)
    {
        decide = () => ComplaintWorkflow.Decide(new WorkflowInput.Command(command), state, rules);
        return this;
    }

    public WorkflowSpecification WhenTimerFires(string rule, int level, Instant now, int round = 1) =>
        WhenTimerFires(new DeadlineTimer(rule, round, level, DueOf(rule, round, level)), now);

    public WorkflowSpecification WhenTimerFires(DeadlineTimer timer, Instant now)
    {
        decide = () => ComplaintWorkflow.Decide(new WorkflowInput.TimerFired(Complaint.Id, timer, now), state, rules);
        return this;
    }

    /// <summary>The events, each named by its type and, for clock events, the clock (e.g. <c>DeadlineMet D3#1</c>).</summary>
    public WorkflowSpecification Then(params string[] events)
    {
        Decision.Events.Select(Name).ShouldBe(events);
        return this;
    }

    /// <summary>
    /// The notifications, each named by its kind, whom it is for and what caused it
    /// (e.g. <c>escalation to department-head of After-Sales Service for Escalated D3#1 to level 2</c>).
    /// </summary>
    public WorkflowSpecification AndNotifies(params string[] notifications)
    {
        Decision.Notifications.Select(n => $"{WireNames.Of(n.Kind)} to {Recipient(n.To)} for {Name(n.Cause)}")
            .ShouldBe(notifications, ignoreOrder: true);
        return this;
    }

    private static string Recipient(Recipient to) => to switch
    {
        Recipient.Staff s => $"{WireNames.Of(s.Role)} of {s.Department}",
        Recipient.Customer { Address: { } address } => address,
        _ => "the customer"
    };

    public WorkflowSpecification AndArms(params DeadlineTimer[] timers)
    {
        Decision.Timers.Arm.ShouldBe(timers, ignoreOrder: true);
        return this;
    }

    public WorkflowSpecification AndCancels(params DeadlineTimer[] timers)
    {
        Decision.Timers.Cancel.ShouldBe(timers, ignoreOrder: true);
        return this;
    }

    public WorkflowSpecification AndClocksRunning(bool running)
    {
        Decision.ClocksRunning.ShouldBe(running);
        return this;
    }

    public CommandNotAllowedException ThenRefused() => Should.Throw<CommandNotAllowedException>(() => decide!());

    public InvalidCommandException ThenInvalid() => Should.Throw<InvalidCommandException>(() => decide!());

    public Decision Decision => field ??= (decide ?? throw new InvalidOperationException("Call When first."))();

    /// <summary>The level-<paramref name="level"/> timer of a clock as the state holds it now.</summary>
    public DeadlineTimer Timer(string rule, int level, int round = 1) => new(rule, round, level, DueOf(rule, round, level));

    private Instant DueOf(string rule, int round, int level)
    {
        var deadline = state.Deadlines.Find(rule, round) ?? throw new InvalidOperationException($"No clock {rule}#{round}");
        return deadline.DueAt + Ladder.Single(s => s.Level == level).After;
    }

    public static DeadlineTimer Timer(string rule, int level, Instant at, int round = 1) => new(rule, round, level, at);

    /// <summary>The timer of a clock's warning at <paramref name="percent"/> of its time.</summary>
    public static DeadlineTimer Warning(string rule, int percent, Instant at, int round = 1) => new(rule, round, 0, at, percent);

    public static DeadlineWarned Warned(string rule, int percent, Instant due) =>
        new(Complaint.Id, rule, 1, percent, due, Complaint.Earlier);

    public static DeadlineMissed Missed(string rule, Instant due) => new(Complaint.Id, rule, 1, due, due);

    public static Escalated Escalated(string rule, int level) =>
        new(Complaint.Id, rule, 1, level, (EscalationRole)level, null, $"{rule} missed", Complaint.Earlier);

    private static string Name(IComplaintEvent e) => e switch
    {
        DeadlineSet s => $"DeadlineSet {s.Rule}#{s.Round}",
        DeadlineMet m => $"DeadlineMet {m.Rule}#{m.Round}",
        DeadlineMissed m => $"DeadlineMissed {m.Rule}#{m.Round}",
        DeadlineWarned w => $"DeadlineWarned {w.Rule}#{w.Round} at {w.Percent} %",
        Escalated { Rule: { } rule } x => $"Escalated {rule}#{x.Round} to level {x.Level}",
        Escalated x => $"Escalated to level {x.Level}",
        DeadlineClockPaused p => $"DeadlineClockPaused {p.Rule}#{p.Round}",
        DeadlineClockResumed r => $"DeadlineClockResumed {r.Rule}#{r.Round}",
        DeadlineWithdrawn w => $"DeadlineWithdrawn {w.Rule}#{w.Round}",
        _ => e.GetType().Name
    };

    private static DeadlineRule Rule(string id, string[] starts, string[] met, Duration length, IReadOnlyList<int> warnings) =>
        new(id, id, starts.Select(EventTrigger.Parse).ToList(), met.Select(EventTrigger.Parse).ToList(), length,
            TimeMeasure.ClockTime, DueAtRequestedDate: false, PausedWhileAwaitingCustomer: false, Ladder, warnings);
}
