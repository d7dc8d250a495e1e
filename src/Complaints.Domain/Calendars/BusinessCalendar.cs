using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace Complaints.Domain.Calendars;

/// <summary>
/// Working days and hours of one region in its time zone (procedure §4): deadlines in working time are
/// counted on it. Years without holiday data fall back to the weekly pattern.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly IReadOnlySet<IsoDayOfWeek> workingDays;
    private readonly IReadOnlyList<WorkingHours> workingHours;
    private readonly IReadOnlySet<LocalDate> holidays;
    private readonly IReadOnlySet<LocalDate> makeUpWorkingDays;

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
        var remaining = workingTime;
        // Day by day, not minute by minute, so a nine-day holiday costs nine cheap look-ups.
        for (var date = start.InZone(Zone).Date; ; date = date.PlusDays(1))
        {
            foreach (var period in WorkingPeriods(date))
            {
                if (period.End <= start) continue;
                var from = Instant.Max(period.Start, start);
                var available = period.End - from;
                if (remaining <= available) return from + remaining;
                remaining -= available;
            }
        }
    }

    /// <summary>The working time inside [<paramref name="from"/>, <paramref name="to"/>); zero when it is empty.</summary>
    public Duration WorkingTimeBetween(Instant from, Instant to)
    {
        var total = Duration.Zero;
        if (to <= from) return total;
        var lastDate = to.InZone(Zone).Date;
        for (var date = from.InZone(Zone).Date; date <= lastDate; date = date.PlusDays(1))
        {
            foreach (var period in WorkingPeriods(date))
            {
                var overlapStart = Instant.Max(period.Start, from);
                var overlapEnd = Instant.Min(period.End, to);
                if (overlapEnd > overlapStart) total += overlapEnd - overlapStart;
            }
        }
        return total;
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
        var covered = years.Count == 0 ? "none" : string.Join(",", years.Select(y => y.Year));
        return $"{id}@{covered}#{fingerprint}";
    }

    private static IEnumerable<string> Ranges(IEnumerable<DatedEntry> entries) =>
        entries.OrderBy(e => e.From)
            .Select(e => $"{CalendarValidation.Text(e.From)}..{CalendarValidation.Text(e.To)}");
}
