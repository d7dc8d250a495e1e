namespace Complaints.Host.Webhooks;

/// <summary>Who is told what happened (configuration section <c>Webhooks</c>, docs/integration.md).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

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

    /// <summary>Each wrong setting, named as configured (<c>Subscribers:0:Url …</c>), for the start-up check.</summary>
    public IEnumerable<string> Problems()
    {
        for (var i = 0; i < Subscribers.Count; i++)
            foreach (var problem in Subscribers[i].Problems())
                yield return $"Subscribers:{i}:{problem}";
        foreach (var duplicate in Subscribers.GroupBy(s => s.Name).Where(g => g.Key.Length > 0 && g.Count() > 1))
            yield return $"Subscribers: the name '{duplicate.Key}' is used {duplicate.Count()} times; each subscriber needs its own.";
        for (var i = 0; i < RetryDelays.Count; i++)
            if (RetryDelays[i] <= TimeSpan.Zero)
                yield return $"RetryDelays:{i} must be a positive time span (is {RetryDelays[i]}).";
    }
}

public sealed class WebhookSubscriber
{
    /// <summary>Standard Webhooks secrets are 24 to 64 random bytes (standardwebhooks.com).</summary>
    public const int MinimumSecretBytes = 24, MaximumSecretBytes = 64;

    /// <summary>The old single secret, for the deprecated <c>X-Complaints-Signature</c> header only.</summary>
    public const int MinimumLegacySecretBytes = 16;

    public string Name { get; set; } = "";
    public Uri? Url { get; set; }

    /// <summary>
    /// Standard Webhooks signing secrets (<c>whsec_</c> and base64); every delivery carries a signature under each, so
    /// a receiver can move to a new secret before the old one is removed. Keep them in a secret store.
    /// </summary>
    public List<string> Secrets { get; set; } = [];

    /// <summary>Deprecated (removed in the next release): signs the old <c>X-Complaints-Signature</c> header when set.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Event types wanted; empty means all four.</summary>
    public List<string> Events { get; set; } = [];

    /// <summary>The secrets' key bytes; only valid once <see cref="Problems"/> found nothing.</summary>
    public IReadOnlyList<byte[]> SigningKeys => Secrets.Select(secret => StandardWebhookSignature.KeyOf(secret)!).ToList();

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 100 || !Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            yield return $"Name must be 1 to 100 letters, digits, '-' or '_' (is '{Name}'); it is part of every delivery id.";
        if (Url is not { IsAbsoluteUri: true, Scheme: "https" or "http" })
            yield return $"Url must be an absolute http or https URL (is '{Url}').";
        if (Secrets.Count == 0)
            yield return "Secrets must hold at least one Standard Webhooks secret (whsec_ and 24 to 64 base64 bytes)" +
                         (Secret.Length > 0 ? "; the old Secret signs only the deprecated X-Complaints-Signature header." : ".");
        for (var i = 0; i < Secrets.Count; i++)
            if (StandardWebhookSignature.KeyOf(Secrets[i]) is not { Length: >= MinimumSecretBytes and <= MaximumSecretBytes })
                yield return $"Secrets:{i} must be whsec_ followed by the base64 of {MinimumSecretBytes} to {MaximumSecretBytes} random bytes.";
        if (Secret.Length > 0 && System.Text.Encoding.UTF8.GetByteCount(Secret) < MinimumLegacySecretBytes)
            yield return $"Secret (deprecated) must have at least {MinimumLegacySecretBytes} bytes.";
        for (var i = 0; i < Events.Count; i++)
            if (!Webhooks.EventTypes.Contains(Events[i]))
                yield return $"Events:{i} '{Events[i]}' is not an event subscribers can hear of; use {string.Join(", ", Webhooks.EventTypes)}.";
    }
}
