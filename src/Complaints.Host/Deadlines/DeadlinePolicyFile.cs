using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Complaints.Domain;
using Complaints.Domain.Deadlines;
using NodaTime;
using NodaTime.Text;

namespace Complaints.Host.Deadlines;

/// <summary>Reads the deadline policy (Deadlines/policy.json) and fails with the file and the rule named.</summary>
public static class DeadlinePolicyFile
{
    internal sealed record StepData(string? To, string? After);

    private sealed record RuleData(
        string? Id, string? Description, List<string>? StartsOn, List<string>? MetBy, string? Length, string? Measure,
        bool DueAtRequestedDate, bool PausedWhileAwaitingCustomer, List<StepData>? Ladder, List<int>? WarnAt);

    private sealed record PolicyData(
        string? Version, string? About, string? ClassAImmediateEscalation, List<StepData>? DefaultLadder,
        List<RuleData>? Rules, List<int>? DefaultWarnAt);

    /// <summary>A misspelt field would silently drop a rule's setting, so unknown fields are refused.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow
    };

    public static DeadlinePolicy Load(string path) => Read(path).Policy;

    /// <summary>The policy and the text it was read from (the rules store keeps the text: docs/rules-over-time.md).</summary>
    public static (DeadlinePolicy Policy, string Text) Read(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            return (Parse(text), text);
        }
        catch (Exception e) when (e is DeadlinePolicyException or IOException)
        {
            throw new DeadlinePolicyException($"Deadline policy {path}: {e.Message}");
        }
    }

    /// <summary>A policy from the text of a policy file (a stored version, a candidate); the message names the rule at fault.</summary>
    public static DeadlinePolicy Parse(string text)
    {
        try
        {
            var data = JsonSerializer.Deserialize<PolicyData>(text, Json)
                       ?? throw new DeadlinePolicyException("The file is empty.");
            var defaultLadder = Ladder(data.DefaultLadder ?? []);
            var rules = (data.Rules ?? []).Select(r => Rule(r, defaultLadder, data.DefaultWarnAt)).ToList();
            if (string.IsNullOrWhiteSpace(data.Version)) throw new DeadlinePolicyException("The policy has no version.");
            return DeadlinePolicy.Create(Versioned(data.Version, text), rules,
                Role(data.ClassAImmediateEscalation ?? "gm-office"));
        }
        catch (JsonException e)
        {
            throw new DeadlinePolicyException(e.Message);
        }
    }

    /// <summary>
    /// The declared version plus a fingerprint of the rules, so an edit without a new version is still told
    /// apart in the events it computes.
    /// </summary>
    internal static string Versioned(string version, string text)
    {
        var canonical = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToJsonString())))[..8];
        return $"{version}#{fingerprint}";
    }

    private static DeadlineRule Rule(RuleData r, IReadOnlyList<EscalationStep> defaultLadder, List<int>? defaultWarnings)
    {
        var id = string.IsNullOrWhiteSpace(r.Id) ? throw new DeadlinePolicyException("A rule has no id.") : r.Id;
        try
        {
            var measure = r.Measure is null ? TimeMeasure.ClockTime
                : WireNames.TryParse<TimeMeasure>(r.Measure, out var m) ? m
                : throw new DeadlinePolicyException($"measure '{r.Measure}' is neither clock-time nor working-time.");
            return new DeadlineRule(id, r.Description ?? "", (r.StartsOn ?? []).Select(EventTrigger.Parse).ToList(),
                (r.MetBy ?? []).Select(EventTrigger.Parse).ToList(), r.Length is null ? null : Duration(r.Length),
                measure, r.DueAtRequestedDate, r.PausedWhileAwaitingCustomer,
                r.Ladder is null ? defaultLadder : Ladder(r.Ladder), r.WarnAt ?? defaultWarnings);
        }
        catch (DeadlinePolicyException e)
        {
            throw new DeadlinePolicyException($"Rule {id}: {e.Message}");
        }
    }

    internal static List<EscalationStep> Ladder(List<StepData> steps) =>
        steps.Select(s => new EscalationStep(Role(s.To ?? ""), Duration(s.After ?? ""))).ToList();

    private static EscalationRole Role(string text) => WireNames.TryParse<EscalationRole>(text, out var role)
        ? role
        : throw new DeadlinePolicyException(
            $"'{text}' is not an escalation level ({string.Join(", ", WireNames.All<EscalationRole>())}).");

    private static Duration Duration(string text)
    {
        var parsed = PeriodPattern.NormalizingIso.Parse(text);
        if (!parsed.Success || parsed.Value.HasDateComponent && (parsed.Value.Months != 0 || parsed.Value.Years != 0))
            throw new DeadlinePolicyException($"'{text}' is not an ISO-8601 duration like PT1H.");
        // Bounded before it becomes a Duration: P3650000D overflowed NodaTime's conversion (a 500 from the what-if).
        var period = parsed.Value;
        var hours = period.Weeks * 168m + period.Days * 24m + period.Hours + period.Minutes / 60m + period.Seconds / 3600m
                    + period.Milliseconds / 3_600_000m;
        if (hours > (decimal)MaxLength.TotalHours)
            throw new DeadlinePolicyException($"'{text}' is longer than {MaxLength.TotalDays:0} days, the longest a clock may run.");
        return period.ToDuration();
    }

    /// <summary>Ten years: far beyond any clock of the procedure, well inside what the calendars can count.</summary>
    private static readonly TimeSpan MaxLength = TimeSpan.FromDays(3653);
}
