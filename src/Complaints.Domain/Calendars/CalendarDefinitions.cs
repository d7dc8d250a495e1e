using NodaTime;

namespace Complaints.Domain.Calendars;

/// <summary>One interval of a working day, local wall-clock time; <see cref="From"/> is before <see cref="To"/>.</summary>
public sealed record WorkingHours(LocalTime From, LocalTime To);

/// <summary>A named inclusive range of dates; a single day when <see cref="From"/> equals <see cref="To"/>.</summary>
public sealed record DatedEntry(LocalDate From, LocalDate To, string Name);

/// <summary>
/// One year's published holidays and make-up working days (调休), and the notice they come from. A
/// <see cref="Provisional"/> year stands in until the notice is published (only the statutory days, no make-up days)
/// and is replaced by it; the calendar's version says so, so a deadline counted on it can be told apart.
/// </summary>
public sealed record CalendarYear(
    int Year,
    IReadOnlyList<DatedEntry> Holidays,
    IReadOnlyList<DatedEntry> MakeUpWorkingDays,
    string Source,
    bool Provisional = false);

/// <summary>Calendar data that cannot be used; the message names the calendar, year and entry at fault.</summary>
public sealed class CalendarDefinitionException(string message) : Exception(message);
