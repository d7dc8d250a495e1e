using System.Security.Cryptography;
using System.Text;
using NodaTime;
using NodaTime.TimeZones;

namespace Complaints.Domain.Calendars;

/// <summary>
/// Working days and hours of one region in its time zone (procedure §4): deadlines in working time are
/// counted on it. Years without holiday data fall back to the weekly pattern.
/// </summary>
/// <remarks>
/// Spans are counted arithmetically rather than day by day, so that a deadline started centuries ago costs as little
/// as one started today: the weekly pattern by whole weeks, the published holidays and make-up days by binary search
/// in their (finite) lists, and only the days a change of UTC offset touches (daylight saving time) one by one.
/// </remarks>
public sealed class BusinessCalendar
{
    private readonly HashSet<IsoDayOfWeek> workingDays;
    private readonly IReadOnlyList<WorkingHours> workingHours;
    private readonly HashSet<LocalDate> holidays;
    private readonly HashSet<LocalDate> makeUpWorkingDays;

    /// <summary>The working time of a working day on which the UTC offset does not change.</summary>
    private readonly Duration standardDay;

    /// <summary>Working days the weekly pattern has off (make-up days), ascending.</summary>
    private readonly LocalDate[] extraWorkingDays;

    /// <summary>Days off the weekly pattern has as working days (holidays on weekdays), ascending.</summary>
    private readonly LocalDate[] missingWorkingDays;

    private BusinessCalendar(
        string id,
        DateTimeZone zone,
        IReadOnlyList<IsoDayOfWeek> workingDays,
        IReadOnlyList<WorkingHours> workingHours,
        IReadOnlyList<CalendarYear> years)
    {
        Id = id;
        Zone = zone;
        this.workingDays = workingDays.ToHashSet();
        this.workingHours = [.. workingHours.OrderBy(h => h.From)];
        Years = [.. years.OrderBy(y => y.Year)];
        holidays = years.SelectMany(y => y.Holidays).SelectMany(CalendarValidation.Days).ToHashSet();
        makeUpWorkingDays = years.SelectMany(y => y.MakeUpWorkingDays).SelectMany(CalendarValidation.Days).ToHashSet();
        standardDay = this.workingHours.Aggregate(Duration.Zero, (sum, h) => sum + (h.To - h.From).ToDuration());
        var exceptions = holidays.Concat(makeUpWorkingDays).Distinct()
            .Where(d => IsWorkingDay(d) != this.workingDays.Contains(d.DayOfWeek)).Order().ToList();
        extraWorkingDays = [.. exceptions.Where(IsWorkingDay)];
        missingWorkingDays = [.. exceptions.Where(d => !IsWorkingDay(d))];
        Version = VersionOf(id, zone, this.workingDays, this.workingHours, Years);
    }

    public string Id { get; }

    /// <summary>
    /// Names the data deadlines were computed with, e.g. "CN@2026#1a2b3c4d": the covered years and a
    /// fingerprint of everything that affects the arithmetic, so a corrected file gets a new version.
    /// </summary>
    public string Version { get; }

    public DateTimeZone Zone { get; }

    /// <summary>The years with published holidays, in order.</summary>
    public IReadOnlyList<CalendarYear> Years { get; }

    /// <summary>The days of the weekly pattern that are working days, Monday first (what a stored version repeats).</summary>
    public IReadOnlyList<IsoDayOfWeek> WeeklyWorkingDays => [.. workingDays.Order()];

    /// <summary>The working periods of a working day, in order.</summary>
    public IReadOnlyList<WorkingHours> DailyWorkingHours => workingHours;

    /// <exception cref="CalendarDefinitionException">The data is inconsistent; the message lists every problem.</exception>
    public static BusinessCalendar Create(
        string id,
        string timeZoneId,
        IReadOnlyList<IsoDayOfWeek> workingDays,
        IReadOnlyList<WorkingHours> workingHours,
        IReadOnlyList<CalendarYear> years)
    {
        var problems = CalendarValidation.Problems(id, timeZoneId, workingDays, workingHours, years);
        if (problems.Count > 0)
            throw new CalendarDefinitionException($"Calendar '{id}': {string.Join("; ", problems)}");
        return new BusinessCalendar(id, DateTimeZoneProviders.Tzdb[timeZoneId], workingDays, workingHours, years);
    }

    /// <summary>
    /// The first day of [<paramref name="from"/>, <paramref name="from"/> + <paramref name="days"/>) whose year has no
    /// holiday data (its deadlines would count holidays as working days), or null when every one is covered.
    /// </summary>
    public LocalDate? FirstUncoveredDay(LocalDate from, int days)
    {
        var covered = Years.Select(y => y.Year).ToHashSet();
        for (var year = from.Year; year <= from.PlusDays(days - 1).Year; year++)
            if (!covered.Contains(year)) return year == from.Year ? from : new LocalDate(year, 1, 1);
        return null;
    }

    /// <summary>The weekly pattern, except that holidays are off and make-up working days (even weekends) are on.</summary>
    public bool IsWorkingDay(LocalDate date) =>
        makeUpWorkingDays.Contains(date) || (!holidays.Contains(date) && workingDays.Contains(date.DayOfWeek));

    /// <summary>The working periods of <paramref name="date"/> as instants, ordered and disjoint; none on a day off.</summary>
    public IReadOnlyList<Interval> WorkingPeriods(LocalDate date)
    {
        if (!IsWorkingDay(date)) return [];
        var periods = new List<Interval>(workingHours.Count);
        // Clamped to the day and to the end of the previous period: around a DST gap the lenient mapping
        // below is not monotonic, and overlapping periods would count the same time twice.
        var earliestStart = date.AtStartOfDayInZone(Zone).ToInstant();
        var endOfDay = EndOfDay(date);
        foreach (var hours in workingHours)
        {
            // Leniently, because the wall clock decides: a boundary in a spring-forward gap moves on by the
            // gap (so that day has less working time), one in a fall-back overlap takes the earlier instant.
            var start = Instant.Max(earliestStart, date.At(hours.From).InZoneLeniently(Zone).ToInstant());
            var end = Instant.Min(endOfDay, date.At(hours.To).InZoneLeniently(Zone).ToInstant());
            if (end <= start) continue;
            periods.Add(new Interval(start, end));
            earliestStart = end;
        }
        return periods;
    }

    /// <summary>
    /// The instant at which <paramref name="workingTime"/> of working time has elapsed after
    /// <paramref name="start"/>. Outside working hours the count starts with the next working period; a
    /// deadline that uses up a period exactly ends with it rather than at the start of the next one.
    /// </summary>
    public Instant AddWorkingTime(Instant start, Duration workingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingTime, Duration.Zero);
        if (workingTime == Duration.Zero) return start;
        var firstDate = start.InZone(Zone).Date;
        var remaining = workingTime;
        if (Consume(firstDate, start, ref remaining) is { } sameDay) return sameDay;

        // The whole days after the first: the smallest number of them that holds the rest, found by doubling an
        // estimate from the weekly pattern and then halving, each step counted arithmetically.
        var next = firstDate.PlusDays(1);
        var daysLeft = Period.DaysBetween(next, LocalDate.MaxIsoValue);
        var weeks = Math.Ceiling(remaining.TotalTicks / (standardDay * workingDays.Count).TotalTicks);
        int tooFew = 0, enough = (int)Math.Min(7 * (weeks + 1), daysLeft);
        while (WorkingTimeOfDays(next, next.PlusDays(enough)) < remaining)
        {
            if (enough == daysLeft)
                throw new ArgumentOutOfRangeException(nameof(workingTime), workingTime, "The deadline would fall after the year 9999.");
            (tooFew, enough) = (enough, (int)Math.Min(2L * enough, daysLeft));
        }
        while (enough - tooFew > 1)
        {
            var middle = tooFew + (enough - tooFew) / 2;
            if (WorkingTimeOfDays(next, next.PlusDays(middle)) < remaining) tooFew = middle;
            else enough = middle;
        }
        var lastDate = next.PlusDays(enough - 1);
        remaining -= WorkingTimeOfDays(next, lastDate);
        return Consume(lastDate, start, ref remaining)
               ?? throw new InvalidOperationException($"Calendar '{Id}' lost working time on {lastDate}.");
    }

    /// <summary>
    /// Spends <paramref name="remaining"/> on the working periods of <paramref name="date"/> after
    /// <paramref name="start"/>: the instant it runs out, or null (and less remaining) when the day does not hold it.
    /// </summary>
    private Instant? Consume(LocalDate date, Instant start, ref Duration remaining)
    {
        foreach (var period in WorkingPeriods(date))
        {
            if (period.End <= start) continue;
            var from = Instant.Max(period.Start, start);
            var available = period.End - from;
            if (remaining <= available) return from + remaining;
            remaining -= available;
        }
        return null;
    }

    /// <summary>The working time inside [<paramref name="from"/>, <paramref name="to"/>); zero when it is empty.</summary>
    public Duration WorkingTimeBetween(Instant from, Instant to)
    {
        if (to <= from) return Duration.Zero;
        var (firstDate, lastDate) = (from.InZone(Zone).Date, to.InZone(Zone).Date);
        // Only the first and the last day can be cut by the span; the days between count whole.
        var total = WorkingTimeOn(firstDate, from, to);
        if (lastDate == firstDate) return total;
        return total + WorkingTimeOfDays(firstDate.PlusDays(1), lastDate) + WorkingTimeOn(lastDate, from, to);
    }

    private Duration WorkingTimeOn(LocalDate date, Instant from, Instant to)
    {
        var total = Duration.Zero;
        foreach (var period in WorkingPeriods(date))
        {
            var overlapStart = Instant.Max(period.Start, from);
            var overlapEnd = Instant.Min(period.End, to);
            if (overlapEnd > overlapStart) total += overlapEnd - overlapStart;
        }
        return total;
    }

    /// <summary>The working time of the whole days from <paramref name="first"/> up to, not including, <paramref name="end"/>.</summary>
    private Duration WorkingTimeOfDays(LocalDate first, LocalDate end)
    {
        if (end <= first) return Duration.Zero;
        var days = Period.DaysBetween(first, end);
        long workingDayCount = (long)days / 7 * workingDays.Count;
        for (var i = 0; i < days % 7; i++)
            if (workingDays.Contains(first.PlusDays(i).DayOfWeek)) workingDayCount++;
        workingDayCount += CountIn(extraWorkingDays, first, end) - CountIn(missingWorkingDays, first, end);

        var total = standardDay * workingDayCount;
        foreach (var date in DaysWithOffsetChange(first, end))
            total += WorkingTimeOn(date, Instant.MinValue, Instant.MaxValue) - (IsWorkingDay(date) ? standardDay : Duration.Zero);
        return total;
    }

    /// <summary>
    /// The days in [<paramref name="first"/>, <paramref name="end"/>) on which the zone changes its UTC offset: the only
    /// days whose working time can differ from the standard day's (a DST switch, a zone moving its base offset).
    /// </summary>
    private HashSet<LocalDate> DaysWithOffsetChange(LocalDate first, LocalDate end)
    {
        var span = new Interval(first.AtStartOfDayInZone(Zone).ToInstant(), end.AtStartOfDayInZone(Zone).ToInstant());
        var days = new HashSet<LocalDate>();
        foreach (var interval in Zone.GetZoneIntervals(span, ZoneEqualityComparer.Options.OnlyMatchWallOffset).Skip(1))
        {
            // The change ends one wall-clock day and starts another (they may be the same day).
            days.Add((interval.Start - Duration.Epsilon).InZone(Zone).Date);
            days.Add(interval.Start.InZone(Zone).Date);
        }
        days.RemoveWhere(d => d < first || d >= end);
        return days;
    }

    private static int CountIn(LocalDate[] ascending, LocalDate first, LocalDate end) =>
        IndexOf(ascending, end) - IndexOf(ascending, first);

    /// <summary>How many of the dates lie before <paramref name="date"/>.</summary>
    private static int IndexOf(LocalDate[] ascending, LocalDate date)
    {
        var index = Array.BinarySearch(ascending, date);
        return index >= 0 ? index : ~index;
    }

    /// <summary>The first instant after <paramref name="date"/>: the start of the next day, even when midnight is skipped.</summary>
    public Instant EndOfDay(LocalDate date) => date.PlusDays(1).AtStartOfDayInZone(Zone).ToInstant();

    public override string ToString() => Version;

    private static string VersionOf(
        string id,
        DateTimeZone zone,
        IReadOnlySet<IsoDayOfWeek> workingDays,
        IReadOnlyList<WorkingHours> workingHours,
        IReadOnlyList<CalendarYear> years)
    {
        // Names and sources are left out: they do not move any deadline.
        var data = new StringBuilder()
            .AppendLine(zone.Id)
            .AppendJoin(',', workingDays.Order()).AppendLine()
            .AppendJoin(',', workingHours.Select(h => $"{CalendarValidation.Text(h.From)}-{CalendarValidation.Text(h.To)}"))
            .AppendLine();
        foreach (var year in years)
        {
            data.Append(year.Year).Append(" off ").AppendJoin(',', Ranges(year.Holidays))
                .Append(" on ").AppendJoin(',', Ranges(year.MakeUpWorkingDays)).AppendLine();
        }
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(data.ToString())))[..8];
        var covered = years.Count == 0 ? "none" : string.Join(",", years.Select(y => y.Provisional ? $"{y.Year}p" : $"{y.Year}"));
        return $"{id}@{covered}#{fingerprint}";
    }

    private static IEnumerable<string> Ranges(IEnumerable<DatedEntry> entries) =>
        entries.OrderBy(e => e.From)
            .Select(e => $"{CalendarValidation.Text(e.From)}..{CalendarValidation.Text(e.To)}");
}
