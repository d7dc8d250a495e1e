using Complaints.Domain.Calendars;
using NodaTime;

namespace Complaints.Domain.Tests.Calendars;

/// <summary>
/// The calendar arithmetic as it was first written: one day's working periods after another. Too slow for long
/// spans, obviously right for any, so the arithmetic in <see cref="BusinessCalendar"/> is checked against it.
/// </summary>
public static class DayByDay
{
    public static Instant AddWorkingTime(BusinessCalendar calendar, Instant start, Duration workingTime)
    {
        if (workingTime == Duration.Zero) return start;
        var remaining = workingTime;
        for (var date = start.InZone(calendar.Zone).Date; ; date = date.PlusDays(1))
        {
            foreach (var period in calendar.WorkingPeriods(date))
            {
                if (period.End <= start) continue;
                var from = Instant.Max(period.Start, start);
                var available = period.End - from;
                if (remaining <= available) return from + remaining;
                remaining -= available;
            }
        }
    }

    public static Duration WorkingTimeBetween(BusinessCalendar calendar, Instant from, Instant to)
    {
        var total = Duration.Zero;
        if (to <= from) return total;
        for (var date = from.InZone(calendar.Zone).Date; date <= to.InZone(calendar.Zone).Date; date = date.PlusDays(1))
        {
            foreach (var period in calendar.WorkingPeriods(date))
            {
                var overlapStart = Instant.Max(period.Start, from);
                var overlapEnd = Instant.Min(period.End, to);
                if (overlapEnd > overlapStart) total += overlapEnd - overlapStart;
            }
        }
        return total;
    }
}
