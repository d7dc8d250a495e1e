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
