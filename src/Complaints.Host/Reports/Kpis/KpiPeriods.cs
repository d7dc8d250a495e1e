using System.Globalization;
using NodaTime;
using NodaTime.Calendars;
using NodaTime.Text;

namespace Complaints.Host.Reports.Kpis;

public enum PeriodKind { Whole, Week, Month, Quarter }

/// <summary>A reporting period: calendar days in the reporting zone, both ends included.</summary>
public sealed record KpiPeriod(string Label, LocalDate First, LocalDate Last)
{
    public Instant Start(DateTimeZone zone) => First.AtStartOfDayInZone(zone).ToInstant();

    public Instant End(DateTimeZone zone) => Last.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
}

public static class KpiPeriods
{
    /// <summary>
    /// The days a report covers: <paramref name="from"/> to <paramref name="to"/>, both included, by default the current
    /// month so far; at most five years, errors named by parameter.
    /// </summary>
    public static (LocalDate First, LocalDate Last) Range(Domain.Validator v, string? from, string? to, LocalDate today,
        Domain.InputBounds bounds)
    {
        var last = to is null ? today : v.Date(to, "to", bounds);
        var first = from is null ? new LocalDate(last.Year, last.Month, 1) : v.Date(from, "from", bounds);
        if (v.HasError("from") || v.HasError("to")) return (first, last);
        if (first > last) v.Add("from", "must not be after to");
        else if (Period.DaysBetween(first, last) > 5 * 366) v.Add("to", "the range may cover at most five years");
        return (first, last);
    }

    /// <summary>
    /// Splits <paramref name="from"/>..<paramref name="to"/> into ISO weeks (Monday first), months or quarters,
    /// the first and last cut to the range so nothing outside it is counted.
    /// </summary>
    public static IReadOnlyList<KpiPeriod> Split(LocalDate from, LocalDate to, PeriodKind kind)
    {
        if (kind == PeriodKind.Whole) return [new KpiPeriod($"{LocalDatePattern.Iso.Format(from)}/{LocalDatePattern.Iso.Format(to)}", from, to)];
        var periods = new List<KpiPeriod>();
        for (var start = StartOf(from, kind); start <= to; start = Next(start, kind))
        {
            var end = Next(start, kind).PlusDays(-1);
            periods.Add(new KpiPeriod(Label(start, kind), start < from ? from : start, end > to ? to : end));
        }
        return periods;
    }

    /// <summary>The whole week, month or quarter before the one <paramref name="date"/> falls in (trends compare with it).</summary>
    public static KpiPeriod Before(LocalDate date, PeriodKind kind)
    {
        var end = StartOf(date, kind);
        var start = kind switch
        {
            PeriodKind.Week => end.PlusWeeks(-1),
            PeriodKind.Month => end.PlusMonths(-1),
            _ => end.PlusMonths(-3)
        };
        return new KpiPeriod(Label(start, kind), start, end.PlusDays(-1));
    }

    private static LocalDate StartOf(LocalDate date, PeriodKind kind) => kind switch
    {
        PeriodKind.Week => date.PlusDays(1 - (int)date.DayOfWeek),
        PeriodKind.Month => new LocalDate(date.Year, date.Month, 1),
        _ => new LocalDate(date.Year, (date.Month - 1) / 3 * 3 + 1, 1)
    };

    private static LocalDate Next(LocalDate start, PeriodKind kind) => kind switch
    {
        PeriodKind.Week => start.PlusWeeks(1),
        PeriodKind.Month => start.PlusMonths(1),
        _ => start.PlusMonths(3)
    };

    private static string Label(LocalDate start, PeriodKind kind) => kind switch
    {
        PeriodKind.Week => $"{WeekYearRules.Iso.GetWeekYear(start)}-W{WeekYearRules.Iso.GetWeekOfWeekYear(start):00}",
        PeriodKind.Month => start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => $"{start.Year}-Q{(start.Month - 1) / 3 + 1}"
    };
}
