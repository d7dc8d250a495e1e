namespace Complaints.Host.Webhooks;

/// <summary>Who is told what happened (configuration section <c>Webhooks</c>, docs/integration.md).</summary>
public sealed class WebhookOptions
{
    public List<WebhookSubscriber> Subscribers { get; set; } = [];

    /// <summary>Waits between attempts while a receiver fails; the last one repeats until it answers 2xx.</summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    /// <summary>
    /// The configured delays, or the defaults. (A list initialised with defaults would have the configured ones
    /// appended to it by the configuration binder.)
    /// </summary>
    public IReadOnlyList<TimeSpan> Delays => RetryDelays.Count > 0
        ? RetryDelays
        : [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5)];
}

public sealed class WebhookSubscriber
{
    public string Name { get; set; } = "";
    public Uri? Url { get; set; }

    /// <summary>Signs every body (HMAC-SHA256); keep it in a secret store.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Event types wanted; empty means all four.</summary>
    public List<string> Events { get; set; } = [];
}
