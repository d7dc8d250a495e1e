using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Complaints.Domain.Calendars;
using Complaints.Domain.Deadlines;
using Complaints.Host.Deadlines;
using Complaints.Host.FollowUps;
using Complaints.Host.Infrastructure.Calendars;
using Marten;
using NodaTime;

namespace Complaints.Host.Rules;

/// <summary>The kinds of rules the store keeps, as <c>GET /api/rules/{kind}/{version}</c> names them.</summary>
public static class RuleKinds
{
    public const string DeadlinePolicy = "deadline-policy";
    public const string FollowUpPolicy = "follow-up-policy";
    public const string Calendar = "calendar";

    public static readonly IReadOnlyList<string> All = [DeadlinePolicy, FollowUpPolicy, Calendar];
}

/// <summary>
/// One version of a rule set that was in force (docs/rules-over-time.md): its full content (a policy file's text, a
/// calendar's every year), the SHA-256 of that content, and the instant this engine first counted with it. Inserted
/// once, never changed: a correction is a new version.
/// </summary>
public sealed class RuleVersion
{
    public string Id { get; set; } = "";

    public string Kind { get; set; } = "";

    /// <summary>The calendar's id; the policy kinds have one name each (their kind).</summary>
    public string Name { get; set; } = "";

    public string Version { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public Instant EffectiveFrom { get; set; }

    public string Content { get; set; } = "";

    public static string IdOf(string kind, string version) => $"{kind}/{version}";

    public static RuleVersion Of(string kind, string name, string version, string content, Instant effectiveFrom) => new()
    {
        Id = IdOf(kind, version), Kind = kind, Name = name, Version = version, Content = content,
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))), EffectiveFrom = effectiveFrom
    };
}

/// <summary>
/// Every rule version the store holds, with the files' current ones, and the rules in force at any instant built from
/// them: what replay, repair, what-if and the reports count with instead of today's files (docs/adr/0039).
/// </summary>
public sealed class RuleHistory(DeadlineSettings settings, IServiceProvider services, IClock clock, ILogger<RuleHistory> logger)
{
    private readonly ConcurrentDictionary<string, BusinessCalendar> calendars = new();
    private readonly ConcurrentDictionary<string, DeadlinePolicy> policies = new();
    private readonly ConcurrentDictionary<string, FollowUpPolicy> followUps = new();
    private Known known = Known.Of([]);

    /// <summary>The store is resolved when first needed: it is built with the reports projection, which needs this.</summary>
    private IDocumentStore Store => services.GetRequiredService<IDocumentStore>();

    /// <summary>The versions the files hold now, as they would be recorded at <paramref name="at"/>.</summary>
    public IReadOnlyList<RuleVersion> Current(Instant at) =>
    [
        RuleVersion.Of(RuleKinds.DeadlinePolicy, RuleKinds.DeadlinePolicy, settings.Policy.Version, settings.PolicyText, at),
        RuleVersion.Of(RuleKinds.FollowUpPolicy, RuleKinds.FollowUpPolicy, settings.FollowUps.Version, settings.FollowUpText, at),
        .. settings.Calendars.All.Select(c => RuleVersion.Of(RuleKinds.Calendar, c.Id, c.Version, CalendarFiles.Content(c), at))
    ];

    /// <summary>
    /// Inserts the files' versions the store does not hold yet, effective now, and reads every version back. Another
    /// node inserting the same version at the same moment is no failure: its instant stands.
    /// </summary>
    public async Task RecordAsync(CancellationToken ct)
    {
        var current = Current(clock.GetCurrentInstant());
        await using (var session = Store.LightweightSession())
        {
            var ids = current.Select(v => v.Id).ToArray();
            var stored = await session.Query<RuleVersion>().Where(v => ids.Contains(v.Id)).Select(v => v.Id).ToListAsync(ct);
            var missing = current.Where(v => !stored.Contains(v.Id)).ToList();
            if (missing.Count > 0)
            {
                session.Insert(missing.ToArray());
                try
                {
                    await session.SaveChangesAsync(ct);
                    foreach (var version in missing)
                        logger.RuleVersionRecorded(version.Kind, version.Version, version.EffectiveFrom);
                }
                catch (Exception e) when (e is JasperFx.DocumentAlreadyExistsException
                                              || e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
                {
                    logger.RuleVersionsRecordedElsewhere();
                }
            }
        }
        await LoadAsync(ct);
    }

    /// <summary>Reads every stored version, writing nothing (an auditor's check).</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        await using var query = Store.QuerySession();
        Replace(await query.Query<RuleVersion>().ToListAsync(ct));
    }

    /// <summary>The version as read at the last <see cref="LoadAsync"/>, or one the files hold now.</summary>
    public RuleVersion? Find(string kind, string version)
    {
        var id = RuleVersion.IdOf(kind, version);
        return known.ById.GetValueOrDefault(id) ?? Current(clock.GetCurrentInstant()).FirstOrDefault(v => v.Id == id);
    }

    /// <summary>As <see cref="Find"/>, reading the store again when memory misses it (another node may have recorded it).</summary>
    public async Task<RuleVersion?> FindAsync(string kind, string version, CancellationToken ct)
    {
        if (Find(kind, version) is { } found) return found;
        await LoadAsync(ct);
        return Find(kind, version);
    }

    /// <summary>The calendars a report counts with: the versions its deadlines recorded (docs/rules-over-time.md).</summary>
    public Projections.Reporting.CalendarSource CalendarSource => new(Calendar, settings.Calendars.For);

    public BusinessCalendar? Calendar(string version) => Cached(calendars, version, v =>
        settings.Calendars.All.FirstOrDefault(c => c.Version == v)
        ?? (Find(RuleKinds.Calendar, v) is { } stored ? CalendarFiles.FromContent(stored.Content) : null));

    public DeadlinePolicy? Policy(string version) => Cached(policies, version, v =>
        v == settings.Policy.Version ? settings.Policy
        : Find(RuleKinds.DeadlinePolicy, v) is { } stored ? DeadlinePolicyFile.Parse(stored.Content) : null);

    public FollowUpPolicy? FollowUps(string version) => Cached(followUps, version, v =>
        v == settings.FollowUps.Version ? settings.FollowUps
        : Find(RuleKinds.FollowUpPolicy, v) is { } stored
            ? FollowUpPolicyFile.Parse(stored.Content, PolicyAt(stored.EffectiveFrom))
            : null);

    /// <summary>
    /// Keeps what was found, never a miss: a version asked for before the store's versions were read (the reports
    /// projection may start first) is looked for again next time instead of staying unknown for the process's life.
    /// </summary>
    private static T? Cached<T>(ConcurrentDictionary<string, T> cache, string version, Func<string, T?> read) where T : class
    {
        if (cache.TryGetValue(version, out var kept)) return kept;
        return read(version) is { } found ? cache.GetOrAdd(version, found) : null;
    }

    /// <summary>
    /// The rules in force when the engine recorded something at <paramref name="at"/>: of each policy and each region's
    /// calendar the version that took effect last before it (before the first version took effect, the first). With
    /// <paramref name="calendarsAt"/>, calendars are taken as of that instant instead (a repair's corrected calendars).
    /// </summary>
    public DeadlineRules At(Instant at, Instant? calendarsAt = null) => new(PolicyAt(at),
        region => CalendarAt(settings.Calendars.For(region).Id, calendarsAt ?? at), FollowUpsAt(at));

    private DeadlinePolicy PolicyAt(Instant at) =>
        InForce(RuleKinds.DeadlinePolicy, RuleKinds.DeadlinePolicy, at) is { } v ? Policy(v) ?? settings.Policy : settings.Policy;

    private FollowUpPolicy FollowUpsAt(Instant at) =>
        InForce(RuleKinds.FollowUpPolicy, RuleKinds.FollowUpPolicy, at) is { } v ? FollowUps(v) ?? settings.FollowUps : settings.FollowUps;

    private BusinessCalendar CalendarAt(string id, Instant at) =>
        InForce(RuleKinds.Calendar, id, at) is { } v ? Calendar(v) ?? settings.Calendars.For(null) : settings.Calendars.All.First(c => c.Id == id);

    private string? InForce(string kind, string name, Instant at)
    {
        if (!known.ByName.TryGetValue((kind, name), out var versions) || versions.Count == 0) return null;
        return (versions.LastOrDefault(v => v.EffectiveFrom <= at) ?? versions[0]).Version;
    }

    private void Replace(IReadOnlyList<RuleVersion> stored) => known = Known.Of(stored);

    private sealed record Known(IReadOnlyDictionary<string, RuleVersion> ById,
        IReadOnlyDictionary<(string Kind, string Name), List<RuleVersion>> ByName)
    {
        public static Known Of(IReadOnlyList<RuleVersion> versions) => new(
            versions.ToDictionary(v => v.Id),
            versions.GroupBy(v => (v.Kind, v.Name)).ToDictionary(g => g.Key, g => g.OrderBy(v => v.EffectiveFrom).ToList()));
    }
}

/// <summary>Records the files' rule versions at start, retrying while the database cannot be reached.</summary>
public sealed class RuleRecording(RuleHistory history, ILogger<RuleRecording> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await history.RecordAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.RuleVersionsNotRecorded(e);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }
}
