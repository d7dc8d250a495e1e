using Complaints.Domain.Calendars;
using NodaTime;

namespace Complaints.Domain.Tests.Calendars;

/// <summary>Calendars the tests share: mainland China 2026, and two in a zone with daylight saving time.</summary>
public static class TestCalendars
{
    private static readonly IsoDayOfWeek[] MondayToFriday =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private static readonly IsoDayOfWeek[] EveryDay = [.. MondayToFriday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];

    /// <summary>The State Council's 2026 arrangement, as shipped in the host's calendars/CN/2026.json.</summary>
    public static readonly CalendarYear China2026 = new(
        2026,
        [
            Entry(1, 1, 1, 3, "New Year's Day"),
            Entry(2, 15, 2, 23, "Spring Festival"),
            Entry(4, 4, 4, 6, "Qingming Festival"),
            Entry(5, 1, 5, 5, "Labour Day"),
            Entry(6, 19, 6, 21, "Dragon Boat Festival"),
            Entry(9, 25, 9, 27, "Mid-Autumn Festival"),
            Entry(10, 1, 10, 7, "National Day"),
        ],
        [
            Entry(1, 4, 1, 4, "New Year's Day make-up"),
            Entry(2, 14, 2, 14, "Spring Festival make-up"),
            Entry(2, 28, 2, 28, "Spring Festival make-up"),
            Entry(5, 9, 5, 9, "Labour Day make-up"),
            Entry(9, 20, 9, 20, "National Day make-up"),
            Entry(10, 10, 10, 10, "National Day make-up"),
        ],
        "State Council General Office notice of 2025-11-04");

    public static readonly BusinessCalendar China = BusinessCalendar.Create(
        "CN", "Asia/Shanghai", MondayToFriday, [new(new LocalTime(8, 30), new LocalTime(17, 30))], [China2026]);

    /// <summary>Office hours that never touch the DST switch at 02:00/03:00.</summary>
    public static readonly BusinessCalendar BerlinOffice = BusinessCalendar.Create(
        "DE-office", "Europe/Berlin", MondayToFriday, [new(new LocalTime(8, 0), new LocalTime(17, 0))], []);

    /// <summary>A night shift every day across the DST switch: 3 hours on 2026-03-29, 5 hours on 2026-10-25.</summary>
    public static readonly BusinessCalendar BerlinNightShift = BusinessCalendar.Create(
        "DE-night", "Europe/Berlin", EveryDay, [new(new LocalTime(1, 0), new LocalTime(5, 0))], []);

    /// <summary>
    /// Two shifts split at 02:30, a wall-clock time that is skipped on 2026-03-29 and repeated on 2026-10-25:
    /// 2 hours instead of 2.5 on the spring day.
    /// </summary>
    public static readonly BusinessCalendar BerlinSplitShift = BusinessCalendar.Create(
        "DE-split", "Europe/Berlin", EveryDay,
        [new(new LocalTime(1, 0), new LocalTime(2, 30)), new(new LocalTime(3, 0), new LocalTime(4, 0))], []);

    public static readonly IReadOnlyList<BusinessCalendar> All = [China, BerlinOffice, BerlinNightShift, BerlinSplitShift];

    /// <summary>A wall-clock time that exists exactly once in the calendar's zone.</summary>
    public static Instant At(this BusinessCalendar calendar, int year, int month, int day, int hour, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(calendar.Zone).ToInstant();

    private static DatedEntry Entry(int fromMonth, int fromDay, int toMonth, int toDay, string name) =>
        new(new LocalDate(2026, fromMonth, fromDay), new LocalDate(2026, toMonth, toDay), name);
}
