using Complaints.Domain;
using Complaints.Host.Reports.Kpis;
using Complaints.Host.Reports.PauseAbuse;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Reports.Trends;

public sealed record TrendsReport(LocalDate From, LocalDate To, string By, string Period, string TimeZone,
    IReadOnlyList<TrendSeries> Series, IReadOnlyList<TopCause> Top);

public static class TrendsEndpoint
{
    /// <summary>
    /// The ledger expression each <c>by</c> groups on; a complaint nobody owns counts as "(none)".
    /// </summary>
    private static readonly Dictionary<string, string> Keys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["category"] = "l.category", ["rootCause"] = "coalesce(l.root_cause, 'unclassified')",
        ["department"] = "l.department", ["region"] = "l.region", ["owner"] = $"coalesce(l.owner, '{KpiQuery.Nobody}')"
    };

    /// <summary>What <c>by</c> may name.</summary>
    public static IReadOnlyCollection<string> KeyNames => Keys.Keys;

    /// <summary>
    /// Received, closed, on-time rate and follow-up scores per key and period from <c>from</c> to <c>to</c> (days in the
    /// reporting zone, both included; by default the current month so far), each with its change against the
    /// previous period, and the top root causes of the range.
    /// </summary>
    [Authorize(Policy = Policies.ReadReports)]
    [WolverineGet("/api/trends")]
    public static async Task<TrendsReport> Get(string? from, string? to, string? by, string? period,
        [FromServices] AnalyticsDatabase database, [FromServices] IClock clock, [FromServices] InputBounds bounds,
        [FromServices] IOptions<PauseAbuseOptions> pauseAbuse, CancellationToken ct)
    {
        var v = new Validator();
        var (first, last) = KpiPeriods.Range(v, from, to, clock.GetCurrentInstant().InZone(database.Zone).Date, bounds);
        PeriodKind? kind = (period ?? "month").ToLowerInvariant() switch
        {
            "week" => PeriodKind.Week,
            "month" => PeriodKind.Month,
            "quarter" => PeriodKind.Quarter,
            _ => null
        };
        if (kind is null) v.Add("period", "must be week, month or quarter");
        var key = Keys.Keys.FirstOrDefault(k => string.Equals(k, by ?? "category", StringComparison.OrdinalIgnoreCase));
        if (key is null) v.Add("by", "must be category, rootCause, department, region or owner");
        v.ThrowIfInvalid();

        var periods = KpiPeriods.Split(first, last, kind!.Value);
        // Kept while the tables are unchanged, as the KPIs are (ADR 0036): the dashboard asks for them on every view.
        return await database.CachedAsync(FormattableString.Invariant($"trends|{key}|{kind}|{first:uuuu-MM-dd}|{last:uuuu-MM-dd}"),
            async () =>
            {
                var (series, top) = await new TrendsQuery(database, Keys[key!], pauseAbuse.Value).RunAsync(KpiPeriods.Before(first, kind.Value), periods, ct);
                return new TrendsReport(first, last, key!, WireNames.Of(kind.Value), database.Zone.Id, series, top);
            }, ct);
    }
}
