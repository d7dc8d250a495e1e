using Complaints.Domain.Calendars;
using Complaints.Host.Deadlines;
using NodaTime;

namespace Complaints.Host.Infrastructure.Calendars;

/// <summary>A calendar whose holiday data runs out within the coming days, or that counts on a provisional year.</summary>
public sealed record CalendarWarning(string Calendar, string Version, LocalDate? UncoveredFrom, IReadOnlyList<int> ProvisionalYears)
{
    public string Message => UncoveredFrom is { } day
        ? $"calendar {Calendar} ({Version}) has no holidays from {day:uuuu-MM-dd}: deadlines then count public holidays as working days; add {day.Year}.json"
        : $"calendar {Calendar} ({Version}) counts {string.Join(", ", ProvisionalYears)} on provisional holidays; replace them with the published notice";
}

/// <summary>
/// Procedure §10: the engine warns, in its log and on readiness, when a region's calendar does not cover the coming
/// <see cref="Days"/> days. A provisional year covers (its statutory days are right) but is named, so it gets replaced.
/// </summary>
public sealed class CalendarCoverage(DeadlineSettings deadlines, IClock clock)
{
    public const int Days = 60;

    public IReadOnlyList<CalendarWarning> Warnings()
    {
        var now = clock.GetCurrentInstant();
        return deadlines.Calendars.All.Select(calendar => Check(calendar, now)).OfType<CalendarWarning>().ToList();
    }

    private static CalendarWarning? Check(BusinessCalendar calendar, Instant now)
    {
        var today = now.InZone(calendar.Zone).Date;
        var uncovered = calendar.FirstUncoveredDay(today, Days);
        var provisional = calendar.Years
            .Where(y => y.Provisional && y.Year >= today.Year && y.Year <= today.PlusDays(Days - 1).Year)
            .Select(y => y.Year).ToList();
        return uncovered is null && provisional.Count == 0
            ? null
            : new CalendarWarning(calendar.Id, calendar.Version, uncovered, provisional);
    }
}

/// <summary>
/// Logs the calendar warnings at start and once a day, so a node running for weeks still says it in time: a gap as a
/// warning, a provisional year (its statutory days are right) as information.
/// </summary>
public sealed class CalendarCoverageLog(CalendarCoverage coverage, ILogger<CalendarCoverage> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var daily = new PeriodicTimer(TimeSpan.FromDays(1));
        do
        {
            foreach (var warning in coverage.Warnings())
                logger.CalendarCoverage(warning.UncoveredFrom is null ? LogLevel.Information : LogLevel.Warning, warning.Message);
        } while (await daily.WaitForNextTickAsync(stoppingToken));
    }
}
