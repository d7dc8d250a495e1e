namespace Complaints.Host.Notifications;

/// <summary>The SMTP server mail goes to (configuration section <c>Smtp</c>); with no host, mail goes to the pickup folder.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public static readonly IReadOnlyList<string> SecurityModes = ["auto", "none", "start-tls", "ssl"];

    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;

    /// <summary><c>auto</c> (TLS when the server offers it), <c>none</c>, <c>start-tls</c> (required) or <c>ssl</c> (implicit TLS, port 465).</summary>
    public string Security { get; set; } = "auto";
    public string User { get; set; } = "";
    public string Password { get; set; } = "";
    public string From { get; set; } = "complaints@localhost";
    public string FromName { get; set; } = "Complaints";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Configured => Host.Length > 0;

    public IEnumerable<string> Problems()
    {
        if (Port is < 1 or > 65535) yield return $"Port must be between 1 and 65535 (is {Port}).";
        if (!SecurityModes.Contains(Security)) yield return $"Security must be one of {string.Join(", ", SecurityModes)} (is '{Security}').";
        if (!People.DirectoryInput.IsMailbox(From)) yield return $"From must be an email address (is '{From}').";
        if (User.Length > 0 && Password.Length == 0) yield return "Password is required with User.";
        if (Timeout <= TimeSpan.Zero) yield return "Timeout must be a positive time span.";
    }
}

/// <summary>How notifications are delivered (configuration section <c>Notifications</c>, docs/notifications.md).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>False records and sends nothing (the bench compares both).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where mail is written as .eml files when <c>Smtp:Host</c> is empty; default <c>.data/mail</c> in the checkout.</summary>
    public string? PickupDirectory { get; set; }

    /// <summary>Templates: <c>&lt;language&gt;/&lt;kind&gt;.liquid</c>; default the ones shipped beside the engine.</summary>
    public string TemplateDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "Notifications", "Templates");

    /// <summary>The language of customer mail (the intake records none).</summary>
    public string CustomerLanguage { get; set; } = People.Languages.Chinese;

    /// <summary>Waits between attempts while the server is unreachable or answers 4xx; after the last the message is given up.</summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    /// <summary>The configured delays, or the defaults: about five hours in all, so an hour's outage loses nothing.</summary>
    public IReadOnlyList<TimeSpan> Delays => RetryDelays.Count > 0
        ? RetryDelays
        : [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15),
            TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(1), TimeSpan.FromHours(1), TimeSpan.FromHours(1)];

    public IEnumerable<string> Problems()
    {
        for (var i = 0; i < RetryDelays.Count; i++)
            if (RetryDelays[i] <= TimeSpan.Zero)
                yield return $"RetryDelays:{i} must be a positive time span (is {RetryDelays[i]}).";
        if (!People.Languages.All.Contains(CustomerLanguage))
            yield return $"CustomerLanguage must be one of {string.Join(", ", People.Languages.All)} (is '{CustomerLanguage}').";
    }
}
