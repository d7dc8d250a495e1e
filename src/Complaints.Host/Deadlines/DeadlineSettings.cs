using Complaints.Domain;
using Complaints.Domain.Deadlines;
using Complaints.Host.Infrastructure.Calendars;

namespace Complaints.Host.Deadlines;

public sealed class DeadlineOptions
{
    /// <summary>Folder with calendars/&lt;ID&gt;/&lt;year&gt;.json and calendars/regions.json.</summary>
    public string CalendarDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "calendars");

    public string PolicyFile { get; set; } = Path.Combine(AppContext.BaseDirectory, "Deadlines", "policy.json");

    /// <summary>The follow-up schedule after closing (docs/follow-up.md).</summary>
    public string FollowUpPolicyFile { get; set; } = Path.Combine(AppContext.BaseDirectory, "FollowUps", "policy.json");
}

/// <summary>The calendars and the policies, loaded and validated once at start: a bad file stops the host.</summary>
public sealed class DeadlineSettings(CalendarBook calendars, DeadlinePolicy policy, FollowUpPolicy followUps,
    string policyText, string followUpText)
{
    public DeadlinePolicy Policy { get; } = policy;

    public FollowUpPolicy FollowUps { get; } = followUps;

    public CalendarBook Calendars { get; } = calendars;

    /// <summary>The policy files' texts, as the rules store keeps them (docs/rules-over-time.md).</summary>
    public string PolicyText { get; } = policyText;

    public string FollowUpText { get; } = followUpText;

    public static DeadlineSettings Load(DeadlineOptions options)
    {
        var (policy, policyText) = DeadlinePolicyFile.Read(options.PolicyFile);
        var (followUps, followUpText) = Host.FollowUps.FollowUpPolicyFile.Read(options.FollowUpPolicyFile, policy);
        return new(CalendarFiles.Load(options.CalendarDirectory), policy, followUps, policyText, followUpText);
    }

    /// <summary>What the workflow counts every clock with.</summary>
    public DeadlineRules Rules { get; } = new(policy, calendars.For, followUps);
}
