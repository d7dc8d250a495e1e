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
public sealed class DeadlineSettings(CalendarBook calendars, DeadlinePolicy policy, FollowUpPolicy followUps)
{
    public DeadlinePolicy Policy { get; } = policy;

    public FollowUpPolicy FollowUps { get; } = followUps;

    public CalendarBook Calendars { get; } = calendars;

    public static DeadlineSettings Load(DeadlineOptions options)
    {
        var policy = DeadlinePolicyFile.Load(options.PolicyFile);
        return new(CalendarFiles.Load(options.CalendarDirectory), policy,
            Host.FollowUps.FollowUpPolicyFile.Load(options.FollowUpPolicyFile, policy));
    }

    /// <summary>What the workflow counts every clock with.</summary>
    public DeadlineRules Rules { get; } = new(policy, calendars.For, followUps);
}
