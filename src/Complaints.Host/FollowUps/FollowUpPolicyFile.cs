using System.Text.Json;
using Complaints.Domain.Deadlines;
using Complaints.Host.Deadlines;

namespace Complaints.Host.FollowUps;

/// <summary>
/// Reads the follow-up schedule (FollowUps/policy.json) with the deadline policy's conventions (ladders, fingerprinted
/// version, unknown fields refused) and fails with the file and the contact named.
/// </summary>
public static class FollowUpPolicyFile
{
    private sealed record RepeatData(int? EveryMonths, int? Times);

    private sealed record ContactData(
        string? Id, string? Description, int? WorkingDaysAfterClosing, int? MonthsAfterClosing, RepeatData? Repeat,
        List<DeadlinePolicyFile.StepData>? Ladder, List<int>? WarnAt);

    private sealed record PolicyData(
        string? Version, string? About, List<DeadlinePolicyFile.StepData>? DefaultLadder, List<int>? DefaultWarnAt,
        List<ContactData>? Contacts);

    /// <summary>A repeat of at most this many contacts: a schedule over ten years of monthly visits.</summary>
    private const int MaxTimes = 120;

    public static FollowUpPolicy Load(string path, DeadlinePolicy deadlines) => Read(path, deadlines).Policy;

    /// <summary>The schedule and the text it was read from (the rules store keeps the text).</summary>
    public static (FollowUpPolicy Policy, string Text) Read(string path, DeadlinePolicy deadlines)
    {
        try
        {
            var text = File.ReadAllText(path);
            return (Parse(text, deadlines), text);
        }
        catch (Exception e) when (e is DeadlinePolicyException or IOException)
        {
            throw new DeadlinePolicyException($"Follow-up policy {path}: {e.Message}");
        }
    }

    /// <summary>A schedule from the text of a follow-up policy file (a stored version); the message names the contact at fault.</summary>
    public static FollowUpPolicy Parse(string text, DeadlinePolicy deadlines)
    {
        try
        {
            var data = JsonSerializer.Deserialize<PolicyData>(text, DeadlinePolicyFile.Json)
                       ?? throw new DeadlinePolicyException("The file is empty.");
            if (string.IsNullOrWhiteSpace(data.Version)) throw new DeadlinePolicyException("The policy has no version.");
            var defaultLadder = DeadlinePolicyFile.Ladder(data.DefaultLadder ?? []);
            var contacts = (data.Contacts ?? []).SelectMany(c => Contacts(c, defaultLadder, data.DefaultWarnAt)).ToList();
            return FollowUpPolicy.Create(DeadlinePolicyFile.Versioned(data.Version, text), contacts, deadlines);
        }
        catch (JsonException e)
        {
            throw new DeadlinePolicyException(e.Message);
        }
    }

    /// <summary>One contact, or with <c>repeat</c> a run of them named id1, id2, … every so many months.</summary>
    private static IEnumerable<FollowUpContact> Contacts(ContactData c, IReadOnlyList<EscalationStep> defaultLadder,
        List<int>? defaultWarnings)
    {
        var warnings = c.WarnAt ?? defaultWarnings;
        var id = string.IsNullOrWhiteSpace(c.Id) ? throw new DeadlinePolicyException("A contact has no id.") : c.Id;
        var ladder = c.Ladder is null ? defaultLadder : DeadlinePolicyFile.Ladder(c.Ladder);
        var description = c.Description ?? "";
        if (c.Repeat is not { } repeat) return [new FollowUpContact(id, description, c.WorkingDaysAfterClosing, c.MonthsAfterClosing, ladder, warnings)];

        if (c.MonthsAfterClosing is null || c.WorkingDaysAfterClosing is not null)
            throw new DeadlinePolicyException($"Contact {id}: a repeat counts months, so give monthsAfterClosing only.");
        if (repeat.EveryMonths is not (>= 1 and <= FollowUpPolicy.MaxMonths) || repeat.Times is not (>= 1 and <= MaxTimes))
            throw new DeadlinePolicyException($"Contact {id}: repeat needs everyMonths (1 to {FollowUpPolicy.MaxMonths}) and times (1 to {MaxTimes}).");
        return Enumerable.Range(0, repeat.Times.Value).Select(i => new FollowUpContact($"{id}{i + 1}",
            $"{description} ({i + 1} of {repeat.Times})", null, c.MonthsAfterClosing + i * repeat.EveryMonths, ladder, warnings));
    }
}
