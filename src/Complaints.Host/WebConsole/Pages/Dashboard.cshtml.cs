using System.Globalization;
using System.Text;
using Complaints.Domain;
using Complaints.Host.Reports;
using Complaints.Host.Reports.Kpis;
using Complaints.Host.Reports.PauseAbuse;
using Complaints.Host.Reports.Trends;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Complaints.Host.WebConsole.Pages;

/// <summary>
/// The KPIs of docs/analytics.md for a period and filters, each chart with its numbers: the same
/// <see cref="KpiEndpoint"/> that answers <c>/api/kpis</c>, asked for the whole period, per week or month, and per
/// department in one pass.
/// </summary>
[Authorize(Policy = Policies.ReadReports)]
public sealed class DashboardModel(AnalyticsDatabase database, IClock clock, InputBounds bounds,
    IOptions<PauseAbuseOptions> pauseAbuse) : ConsolePage
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty(SupportsGet = true)] public string? Severity { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Department { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    /// <summary>The key the after-closing trends are shown by (<c>/api/trends?by=</c>).</summary>
    [BindProperty(SupportsGet = true)] public string? TrendBy { get; set; }

    public KpiRow? Whole { get; private set; }
    public KpiReport? Report { get; private set; }
    public IReadOnlyList<Chart> Charts { get; private set; } = [];

    /// <summary>The after-closing trends (docs/analytics.md): per key and period, over every complaint of the range.</summary>
    public IReadOnlyList<Chart> TrendCharts { get; private set; } = [];
    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public string Filters => string.Join("&", new[]
        {
            ("from", From), ("to", To), ("period", Period), ("severity", Severity), ("category", Category),
            ("department", Department), ("region", Region), ("trendBy", TrendBy)
        }.Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>One chart's table as CSV, UTF-8 with a BOM so spreadsheets show the Chinese headings.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string chart, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Charts.Concat(TrendCharts).FirstOrDefault(c => c.Id == chart) is not { } shown) return NotFound();
        var text = new StringBuilder(Csv.Line(shown.Headers));
        foreach (var row in shown.Rows) text.Append(Csv.Line(row));
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(),
            "text/csv; charset=utf-8", $"{shown.Id}.csv");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Period = Period is "month" ? "month" : "week";
        TrendBy = TrendsEndpoint.KeyNames.FirstOrDefault(k => string.Equals(k, TrendBy, StringComparison.OrdinalIgnoreCase))
                  ?? "category";
        // The KPIs and the trends on two connections at once: after a change the view waits for the slower, not the sum.
        var overview = KpiEndpoint.OverviewAsync(From, To, "department", Period,
            Severity, Category, Department, Region, database, clock, bounds, ct);
        var trending = TrendsEndpoint.Get(From, To, TrendBy, Period, database, clock, bounds, pauseAbuse, ct);
        try
        {
            await Task.WhenAll(overview, trending);
            (var whole, Report, var departments) = await overview;
            (From, To) = (whole.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), whole.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Whole = whole.Rows[0];
            Charts = [ByRule(Whole), ByDepartment(departments.Rows), Flow(Report.Rows), TimeToClose(Report.Rows),
                Escalations(Report.Rows), Satisfaction(Whole)];
            var trends = await trending;
            TrendCharts = [TrendReceived(trends), TrendOnTime(trends), TrendRepeats(trends), TrendPauseAbuse(trends), TrendFollowUps(trends),
                TopCauses(trends)];
        }
        catch (InvalidCommandException e)
        {
            Errors = e.Errors;
        }
    }

    private static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Share(Rate rate) => rate.Value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "";

    private static string Minutes(double? m) => m is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "";

    private static string Score(double? s) => Minutes(s);

    private Chart ByRule(KpiRow whole) => new("on-time-by-deadline", T["On-time rate per deadline"], "bar", true,
        [T["Deadline"], T["On time"], T["Resolved"], T["Rate"]],
        [.. whole.OnTimeByRule.Select(r => (IReadOnlyList<string>)[r.Key, Count(r.Value.Count), Count(r.Value.Of), Share(r.Value)])],
        [.. whole.OnTimeByRule.Keys.Select(T.Term)],
        [new(T["On-time rate"], [.. whole.OnTimeByRule.Values.Select(r => r.Value)])]);

    private Chart ByDepartment(IReadOnlyList<KpiRow> rows) => new("on-time-by-department", T["On-time rate per department"], "bar", true,
        [T["Department"], T["On time"], T["Resolved"], T["Rate"]],
        [.. rows.Select(r => (IReadOnlyList<string>)[r.Group ?? "", Count(r.TimelinessRate.Count), Count(r.TimelinessRate.Of), Share(r.TimelinessRate)])],
        [.. rows.Select(r => r.Group ?? "")],
        [new(T["On-time rate"], [.. rows.Select(r => r.TimelinessRate.Value)])]);

    private Chart Flow(IReadOnlyList<KpiRow> rows) => new("received-closed-open", T["Received, closed and open per period"], "bar", false,
        [T["Period"], T["Received"], T["Closed"], T["Open at end"]],
        [.. rows.Select(r => (IReadOnlyList<string>)[r.Period, Count(r.Received), Count(r.Closed), Count(r.OpenAtEnd)])],
        [.. rows.Select(r => r.Period)],
        [
            new(T["Received"], [.. rows.Select(r => (double?)r.Received)]), new(T["Closed"], [.. rows.Select(r => (double?)r.Closed)]),
            new(T["Open at end"], [.. rows.Select(r => (double?)r.OpenAtEnd)])
        ]);

    private Chart TimeToClose(IReadOnlyList<KpiRow> rows) => new("time-to-close", T["Time to close per period (working minutes)"], "line", false,
        [T["Period"], T["Closed"], T["Median"], "P90"],
        [.. rows.Select(r => (IReadOnlyList<string>)[r.Period, Count(r.TimeToClose.Count), Minutes(r.TimeToClose.Median), Minutes(r.TimeToClose.P90)])],
        [.. rows.Select(r => r.Period)],
        [new(T["Median"], [.. rows.Select(r => r.TimeToClose.Median)]), new("P90", [.. rows.Select(r => r.TimeToClose.P90)])]);

    private Chart Escalations(IReadOnlyList<KpiRow> rows) => new("escalations", T["Escalations per period"], "bar", false,
        [T["Period"], T["Escalations"]],
        [.. rows.Select(r => (IReadOnlyList<string>)[r.Period, Count(r.Escalations)])],
        [.. rows.Select(r => r.Period)],
        [new(T["Escalations"], [.. rows.Select(r => (double?)r.Escalations)])]);

    /// <summary>A trend's table: a row per key, a column per period, so the chart draws a line per key.</summary>
    private Chart PerKey(string id, string title, TrendsReport trends, bool percent, Func<TrendPeriod, double?> value,
        Func<TrendPeriod, string> cell)
    {
        var periods = (trends.Series.Count > 0 ? trends.Series[0] : null)?.Periods.Select(p => p.Period).ToList() ?? [];
        return new Chart(id, title, "line", percent, [T[KeyTitle(trends.By)], .. periods],
            [.. trends.Series.Select(s => (IReadOnlyList<string>)[s.Key, .. s.Periods.Select(cell)])],
            periods, [.. trends.Series.Select(s => new ChartSeries(s.Key, [.. s.Periods.Select(value)]))],
            EveryValuePercent: percent);
    }

    /// <summary>The English heading of a trend key, translated like any word of the console.</summary>
    public static string KeyTitle(string by) => by switch
    {
        "rootCause" => "Root cause",
        "department" => "Department",
        "region" => "Region",
        "owner" => "Owner",
        _ => "Category"
    };

    private Chart TrendReceived(TrendsReport trends) => PerKey("trend-received", T["Trend: received per period"], trends,
        percent: false, p => p.Received, p => Count(p.Received));

    private Chart TrendOnTime(TrendsReport trends) => PerKey("trend-on-time", T["Trend: on-time rate per period"], trends,
        percent: true, p => p.OnTimeRate.Value, p => Share(p.OnTimeRate));

    private Chart TrendRepeats(TrendsReport trends) => PerKey("trend-repeat", T["Trend: repeat rate per period"], trends,
        percent: true, p => p.RepeatRate.Value, p => Share(p.RepeatRate));

    /// <summary>Complaints closed in each period that were flagged for pause abuse, as "flagged / closed".</summary>
    private Chart TrendPauseAbuse(TrendsReport trends) => PerKey("trend-pause-abuse", T["Trend: flagged for pause abuse per period"],
        trends, percent: false, p => p.PauseAbuse.Count, p => $"{Count(p.PauseAbuse.Count)} / {Count(p.PauseAbuse.Of)}");

    /// <summary>The follow-ups that reached the customer: one row per key and period that had any.</summary>
    private Chart TrendFollowUps(TrendsReport trends)
    {
        var rows = trends.Series.SelectMany(s => s.Periods.Where(p => p.Satisfaction.Count > 0).Select(p => (s.Key, Period: p))).ToList();
        return new Chart("trend-follow-up", T["Trend: follow-up scores per period"], "bar", false,
            [T[KeyTitle(trends.By)], T["Period"], T["Reached"], T["Timeliness"], T["Attitude"], T["Result"]],
            [.. rows.Select(r => (IReadOnlyList<string>)[r.Key, r.Period.Period, Count(r.Period.Satisfaction.Count),
                Score(r.Period.Satisfaction.Timeliness), Score(r.Period.Satisfaction.Attitude), Score(r.Period.Satisfaction.Result)])],
            [.. rows.Select(r => $"{r.Key} · {r.Period.Period}")],
            [
                new(T["Timeliness"], [.. rows.Select(r => r.Period.Satisfaction.Timeliness)]),
                new(T["Attitude"], [.. rows.Select(r => r.Period.Satisfaction.Attitude)]),
                new(T["Result"], [.. rows.Select(r => r.Period.Satisfaction.Result)])
            ]);
    }

    private Chart TopCauses(TrendsReport trends) => new("top-root-causes", T["Most frequent root causes"], "bar", true,
        [T["Root cause"], T["Count"], T["Share"]],
        [.. trends.Top.Select(t => (IReadOnlyList<string>)[t.RootCause, Count(t.Count), t.Share.ToString("0.0000", CultureInfo.InvariantCulture)])],
        [.. trends.Top.Select(t => t.RootCause)],
        [new(T["Share"], [.. trends.Top.Select(t => (double?)t.Share)])]);

    private Chart Satisfaction(KpiRow whole) => new("satisfaction", T["Satisfaction scores"], "bar", false,
        [T["Score"], T["Count"]],
        [.. whole.Satisfaction.Distribution.Select(d => (IReadOnlyList<string>)[d.Key, Count(d.Value)])],
        [.. whole.Satisfaction.Distribution.Keys],
        [new(T["Complaints"], [.. whole.Satisfaction.Distribution.Values.Select(v => (double?)v)])]);
}
