using NodaTime;

namespace Complaints.Domain.Deadlines;

/// <summary>How a deadline's length is counted.</summary>
public enum TimeMeasure { ClockTime, WorkingTime }

/// <summary>The escalation chain of procedure §4; the level is the position in the chain.</summary>
public enum EscalationRole { ResponsiblePerson = 1, DepartmentHead = 2, CustomerServiceDirector = 3, GmOffice = 4 }

/// <summary>One rung of a ladder: who is told, and how long after the due instant (in the rule's measure).</summary>
public sealed record EscalationStep(EscalationRole To, Duration After)
{
    public int Level => (int)To;

    /// <summary>What is wrong with a ladder, or null: it must climb level by level with growing grace periods.</summary>
    public static string? LadderProblem(IReadOnlyList<EscalationStep> ladder)
    {
        if (ladder.Count == 0) return "its escalation ladder is empty.";
        for (var i = 1; i < ladder.Count; i++)
            if (ladder[i].Level <= ladder[i - 1].Level || ladder[i].After <= ladder[i - 1].After)
                return "its ladder must climb level by level with growing grace periods.";
        return ladder[0].After < Duration.Zero ? "a grace period cannot be negative." : null;
    }
}

/// <summary>
/// A clock rule (D1–D8): which events start it, which meet it, how long it runs, and whom a miss reaches.
/// A rule either has a <see cref="Length"/> or is due at the end of the customer's requested date.
/// </summary>
public sealed record DeadlineRule(
    string Id,
    string Description,
    IReadOnlyList<EventTrigger> StartsOn,
    IReadOnlyList<EventTrigger> MetBy,
    Duration? Length,
    TimeMeasure Measure,
    bool DueAtRequestedDate,
    bool PausedWhileAwaitingCustomer,
    IReadOnlyList<EscalationStep> Ladder,
    IReadOnlyList<int>? WarningPercents = null)
{
    /// <summary>The owner is warned at these percentages of the clock's length (procedure §8).</summary>
    public static readonly IReadOnlyList<int> DefaultWarnings = [50, 80];

    public IReadOnlyList<int> Warnings => WarningPercents ?? DefaultWarnings;

    /// <summary>What is wrong with a list of warning percentages, or null: they grow, each between 1 and 99.</summary>
    public static string? WarningsProblem(IReadOnlyList<int> warnings) =>
        warnings.Any(p => p is < 1 or > 99) || warnings.Zip(warnings.Skip(1)).Any(w => w.First >= w.Second)
            ? "its warnings must be growing percentages between 1 and 99."
            : null;
}

/// <summary>
/// The deadline policy in force, versioned so every <see cref="DeadlineSet"/> names the rules it was computed with.
/// </summary>
public sealed record DeadlinePolicy(
    string Version,
    IReadOnlyList<DeadlineRule> Rules,
    EscalationRole ClassAImmediateEscalation)
{
    /// <summary>Checks the policy as a whole; the message names the rule and what is wrong with it.</summary>
    public DeadlineRule? RuleOrNull(string id) => Rules.FirstOrDefault(r => r.Id == id);

    public static DeadlinePolicy Create(string version, IReadOnlyList<DeadlineRule> rules, EscalationRole classAEscalation)
    {
        if (string.IsNullOrWhiteSpace(version)) throw new DeadlinePolicyException("The policy has no version.");
        if (rules.Count == 0) throw new DeadlinePolicyException("The policy has no rules.");
        foreach (var duplicate in rules.GroupBy(r => r.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            throw new DeadlinePolicyException($"Rule {duplicate.Key} is defined more than once.");
        foreach (var rule in rules) Check(rule);
        return new DeadlinePolicy(version, rules, classAEscalation);
    }

    private static void Check(DeadlineRule rule)
    {
        string Problem(string what) => $"Rule {rule.Id}: {what}";
        if (rule.StartsOn.Count == 0) throw new DeadlinePolicyException(Problem("no event starts it."));
        if (rule.MetBy.Count == 0) throw new DeadlinePolicyException(Problem("no event meets it."));
        if (rule.DueAtRequestedDate == rule.Length.HasValue)
            throw new DeadlinePolicyException(Problem("give either a length or dueAtRequestedDate, not both or neither."));
        if (rule.Length is { } length && length <= Duration.Zero)
            throw new DeadlinePolicyException(Problem("its length must be positive."));
        if (EscalationStep.LadderProblem(rule.Ladder) is { } ladder) throw new DeadlinePolicyException(Problem(ladder));
        if (DeadlineRule.WarningsProblem(rule.Warnings) is { } warnings) throw new DeadlinePolicyException(Problem(warnings));
    }
}

public sealed class DeadlinePolicyException(string message) : Exception(message);

/// <summary>
/// An event that starts or meets a clock, optionally narrowed by a condition: the first receiver's kind
/// for <see cref="ComplaintReceived"/>; <c>responsible-department</c> (that department signed) or <c>all-signed</c>
/// (no department that must sign is left) for <see cref="ComplaintAcknowledged"/>, which a move to a department that
/// signed already also meets; <c>department-changed</c> for
/// <see cref="ComplaintReclassified"/>.
/// Written in policy files as <c>EventName</c> or <c>EventName:condition</c>.
/// </summary>
public sealed record EventTrigger(string Event, string? Condition)
{
    public const string ResponsibleDepartment = "responsible-department";
    public const string AllSigned = "all-signed";
    public const string DepartmentChanged = "department-changed";

    private static readonly Dictionary<string, Type> EventTypes = typeof(IComplaintEvent).Assembly.GetTypes()
        .Where(t => t.IsClass && typeof(IComplaintEvent).IsAssignableFrom(t))
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static EventTrigger Parse(string text)
    {
        var parts = text.Split(':', 2, StringSplitOptions.TrimEntries);
        if (!EventTypes.ContainsKey(parts[0]))
            throw new DeadlinePolicyException($"'{parts[0]}' is not a complaint event.");
        var trigger = new EventTrigger(parts[0], parts.Length == 2 ? parts[1] : null);
        if (trigger.Condition is { } condition && !trigger.IsKnownCondition(condition))
            throw new DeadlinePolicyException($"'{text}': unknown condition '{condition}'.");
        return trigger;
    }

    public bool Matches(IComplaintEvent happened, string responsibleDepartment) =>
        happened.GetType().Name == Event ? Condition is null || happened switch
        {
            ComplaintReceived received => WireNames.Of(received.Intake.ReceivedBy.Kind) == Condition,
            // An acknowledgement recorded before notify lists knew only the responsible department.
            ComplaintAcknowledged { StillToSign: { } still } when Condition == AllSigned => still.Count == 0,
            ComplaintAcknowledged acknowledged => Departments.Same(acknowledged.Department, responsibleDepartment),
            // The new department must sign afresh, unless it has signed already (known since moves record it).
            ComplaintReclassified reclassified => Moves(reclassified)
                                                  && (reclassified.StillToSign is not { } still || MustSign(still, reclassified)),
            _ => false
        } : SignedBeforeTheMove(happened);

    /// <summary>
    /// A move to a department that has signed already counts as its signature for the signing conditions: nobody
    /// could sign again, and the clock would wait for good.
    /// </summary>
    private bool SignedBeforeTheMove(IComplaintEvent happened) =>
        Event == nameof(ComplaintAcknowledged)
        && happened is ComplaintReclassified { StillToSign: { } still } moved && Moves(moved) && !MustSign(still, moved)
        && (Condition == ResponsibleDepartment || Condition == AllSigned && still.Count == 0);

    private static bool Moves(ComplaintReclassified e) => !Departments.Same(e.From.ResponsibleDepartment, e.To.ResponsibleDepartment);

    private static bool MustSign(IReadOnlyList<string> still, ComplaintReclassified e) =>
        still.Any(d => Departments.Same(d, e.To.ResponsibleDepartment));

    private bool IsKnownCondition(string condition) => Event switch
    {
        nameof(ComplaintReceived) => WireNames.All<ReceiverKind>().Contains(condition),
        nameof(ComplaintAcknowledged) => condition is ResponsibleDepartment or AllSigned,
        nameof(ComplaintReclassified) => condition == DepartmentChanged,
        _ => false
    };
}
