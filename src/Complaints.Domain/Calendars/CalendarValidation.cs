using NodaTime;
using NodaTime.Text;

namespace Complaints.Domain.Calendars;

/// <summary>Checks calendar data before any deadline is computed from it.</summary>
internal static class CalendarValidation
{
    /// <summary>Every problem at once, so one edit of a data file can fix them all.</summary>
    public static IReadOnlyList<string> Problems(
        string id,
        string timeZoneId,
        IReadOnlyList<IsoDayOfWeek> workingDays,
        IReadOnlyList<WorkingHours> workingHours,
        IReadOnlyList<CalendarYear> years)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(id)) problems.Add("the calendar id is empty");
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId) is null)
            problems.Add($"unknown time zone '{timeZoneId}' (expected a tz database id such as 'Asia/Shanghai')");
        CheckWorkingDays(workingDays, problems);
        CheckWorkingHours(workingHours, problems);
        foreach (var duplicate in years.GroupBy(y => y.Year).Where(g => g.Count() > 1))
            problems.Add($"year {duplicate.Key} is given {duplicate.Count()} times");
        var weekdays = workingDays.ToHashSet();
        foreach (var year in years) CheckYear(year, weekdays, problems);
        return problems;
    }

    public static string Text(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static string Text(LocalTime time) => LocalTimePattern.ExtendedIso.Format(time);

    public static IEnumerable<LocalDate> Days(DatedEntry entry)
    {
        for (var date = entry.From; date <= entry.To; date = date.PlusDays(1)) yield return date;
    }

    private static void CheckWorkingDays(IReadOnlyList<IsoDayOfWeek> workingDays, List<string> problems)
    {
        if (workingDays.Count == 0) problems.Add("no working days are given");
        foreach (var day in workingDays.Where(d => d is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday))
            problems.Add($"working day {(int)day} is not a day of the week");
        foreach (var duplicate in workingDays.GroupBy(d => d).Where(g => g.Count() > 1))
            problems.Add($"working day {duplicate.Key} is given {duplicate.Count()} times");
    }

    private static void CheckWorkingHours(IReadOnlyList<WorkingHours> workingHours, List<string> problems)
    {
        if (workingHours.Count == 0) problems.Add("no working hours are given");
        foreach (var hours in workingHours.Where(h => h.From >= h.To))
            problems.Add($"working hours {Describe(hours)} do not end after they start");
        var ordered = workingHours.Where(h => h.From < h.To).OrderBy(h => h.From).ToList();
        for (var i = 1; i < ordered.Count; i++)
            if (ordered[i].From < ordered[i - 1].To)
                problems.Add($"working hours {Describe(ordered[i - 1])} and {Describe(ordered[i])} overlap");
    }

    private static void CheckYear(CalendarYear year, HashSet<IsoDayOfWeek> workingDays, List<string> problems)
    {
        var holidays = WellFormed(year.Holidays, "holiday", year.Year, problems);
        var makeUpDays = WellFormed(year.MakeUpWorkingDays, "make-up working day", year.Year, problems);
        ReportOverlaps(holidays, "holiday", year.Year, problems);
        ReportOverlaps(makeUpDays, "make-up working day", year.Year, problems);
        foreach (var makeUp in makeUpDays)
        {
            foreach (var date in Days(makeUp))
            {
                var holiday = holidays.FirstOrDefault(h => h.From <= date && date <= h.To);
                if (holiday is not null)
                    problems.Add($"year {year.Year}: {Text(date)} is both in holiday {Describe(holiday)} " +
                                 $"and in make-up working day {Describe(makeUp)}");
                if (workingDays.Contains(date.DayOfWeek))
                    problems.Add($"year {year.Year}: make-up working day {Describe(makeUp)} includes {Text(date)}, " +
                                 $"a {date.DayOfWeek} and so already a working day");
            }
        }
    }

    /// <summary>The entries usable for further checks; reports the others.</summary>
    private static List<DatedEntry> WellFormed(IReadOnlyList<DatedEntry> entries, string kind, int year, List<string> problems)
    {
        var wellFormed = new List<DatedEntry>();
        foreach (var entry in entries)
        {
            if (entry.From > entry.To)
                problems.Add($"year {year}: {kind} {Describe(entry)} ends before it starts");
            else if (entry.From.Year != year || entry.To.Year != year)
                problems.Add($"year {year}: {kind} {Describe(entry)} lies outside {year}");
            else
                wellFormed.Add(entry);
        }
        return wellFormed;
    }

    private static void ReportOverlaps(List<DatedEntry> entries, string kind, int year, List<string> problems)
    {
        for (var i = 0; i < entries.Count; i++)
            for (var j = i + 1; j < entries.Count; j++)
                if (entries[i].From <= entries[j].To && entries[j].From <= entries[i].To)
                    problems.Add($"year {year}: {kind} {Describe(entries[i])} overlaps {kind} {Describe(entries[j])}");
    }

    private static string Describe(DatedEntry entry) =>
        entry.From == entry.To
            ? $"'{entry.Name}' ({Text(entry.From)})"
            : $"'{entry.Name}' ({Text(entry.From)}..{Text(entry.To)})";

    private static string Describe(WorkingHours hours) => $"{Text(hours.From)}-{Text(hours.To)}";
}
