using Complaints.Domain.Calendars;
using NodaTime;

namespace Complaints.Domain.Deadlines;

/// <summary>
/// One follow-up contact of the schedule after closing (procedure §10): due at the end of the
/// <see cref="WorkingDaysAfterClosing"/>-th working day after the closing day, or <see cref="MonthsAfterClosing"/>
/// calendar months after it (the next working day when that is a day off), in the complaint's region. Whoever owns
/// it is warned at <see cref="WarningPercents"/> of its time, like any clock (by default 50 % and 80 %).
/// </summary>
public sealed record FollowUpContact(
    string Rule, string Description, int? WorkingDaysAfterClosing, int? MonthsAfterClosing,
    IReadOnlyList<EscalationStep> Ladder, IReadOnlyList<int>? WarningPercents = null)
{
    /// <summary>As a clock rule: met by any recorded follow-up, its ladder counted in working time from the due instant.</summary>
    public DeadlineRule AsRule { get; } = new(Rule, Description, [], [new EventTrigger(nameof(FollowUpRecorded), null)],
        null, TimeMeasure.WorkingTime, false, false, Ladder, WarningPercents);

    public Instant DueAt(Instant closedAt, BusinessCalendar calendar)
    {
        var closingDay = closedAt.InZone(calendar.Zone).Date;
        var day = closingDay;
        if (WorkingDaysAfterClosing is { } workingDays)
            for (var counted = 0; counted < workingDays;)
            {
                day = day.PlusDays(1);
                if (calendar.IsWorkingDay(day)) counted++;
            }
        else
        {
            day = closingDay.PlusMonths(MonthsAfterClosing!.Value);
            while (!calendar.IsWorkingDay(day)) day = day.PlusDays(1);
        }
        return calendar.EndOfDay(day);
    }
}

/// <summary>
/// The follow-up schedule in force, versioned like the <see cref="DeadlinePolicy"/> so every follow-up clock's
/// <see cref="DeadlineSet"/> names it. The contacts are in the order they fall due.
/// </summary>
public sealed record FollowUpPolicy(string Version, IReadOnlyList<FollowUpContact> Contacts)
{
    public const int MaxWorkingDays = 60;
    public const int MaxMonths = 120;

    public FollowUpContact? ContactOrNull(string rule) => Contacts.FirstOrDefault(c => c.Rule == rule);

    public DeadlineRule? RuleOrNull(string rule) => ContactOrNull(rule)?.AsRule;

    /// <summary>The contact that follows <paramref name="rule"/> in the schedule, or null after the last.</summary>
    public FollowUpContact? After(string rule)
    {
        var index = Contacts.ToList().FindIndex(c => c.Rule == rule);
        return index >= 0 && index + 1 < Contacts.Count ? Contacts[index + 1] : null;
    }

    /// <summary>Checks the schedule as a whole; the message names the contact and what is wrong with it.</summary>
    public static FollowUpPolicy Create(string version, IReadOnlyList<FollowUpContact> contacts, DeadlinePolicy deadlines)
    {
        if (string.IsNullOrWhiteSpace(version)) throw new DeadlinePolicyException("The policy has no version.");
        if (contacts.Count == 0) throw new DeadlinePolicyException("The policy has no contacts.");
        foreach (var duplicate in contacts.GroupBy(c => c.Rule, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            throw new DeadlinePolicyException($"Contact {duplicate.Key} is defined more than once.");
        foreach (var clash in contacts.Where(c => deadlines.Rules.Any(r => string.Equals(r.Id, c.Rule, StringComparison.OrdinalIgnoreCase))))
            throw new DeadlinePolicyException($"Contact {clash.Rule} has the id of a deadline rule.");
        FollowUpContact? previous = null;
        foreach (var contact in contacts)
        {
            Check(contact, previous);
            previous = contact;
        }
        return new FollowUpPolicy(version, contacts);
    }

    private static void Check(FollowUpContact contact, FollowUpContact? previous)
    {
        string Problem(string what) => $"Contact {contact.Rule}: {what}";
        if (contact.WorkingDaysAfterClosing.HasValue == contact.MonthsAfterClosing.HasValue)
            throw new DeadlinePolicyException(Problem("give either workingDaysAfterClosing or monthsAfterClosing, not both or neither."));
        if (contact.WorkingDaysAfterClosing is < 1 or > MaxWorkingDays)
            throw new DeadlinePolicyException(Problem($"workingDaysAfterClosing must be 1 to {MaxWorkingDays}."));
        if (contact.MonthsAfterClosing is < 1 or > MaxMonths)
            throw new DeadlinePolicyException(Problem($"monthsAfterClosing must be 1 to {MaxMonths}."));
        if (EscalationStep.LadderProblem(contact.Ladder) is { } ladder) throw new DeadlinePolicyException(Problem(ladder));
        if (DeadlineRule.WarningsProblem(contact.AsRule.Warnings) is { } warnings) throw new DeadlinePolicyException(Problem(warnings));
        // Working days come first (they fall within weeks), then months; each later than the one before.
        var inOrder = previous is null
            || contact.WorkingDaysAfterClosing is { } days && previous.WorkingDaysAfterClosing < days
            || contact.MonthsAfterClosing is { } months && (previous.MonthsAfterClosing is null || previous.MonthsAfterClosing < months);
        if (!inOrder) throw new DeadlinePolicyException(Problem($"it must fall due after contact {previous!.Rule}."));
    }
}
