using Complaints.Projections.Reporting;
using NodaTime;

namespace Complaints.Projections.Analytics;

/// <summary>
/// How long a complaint's clocks stood paused awaiting the customer, against how long those same clocks lasted, paused
/// or running (docs/adr/0041): the figures pause abuse is judged on. Whole clock minutes, each pause and each clock
/// rounded down before adding up, so the ledger's sums are the sums of the rows.
/// </summary>
public static class PausedTime
{
    /// <summary>When the pause ended: the customer's answer, else the end of its clock, else the complaint's close.</summary>
    public static Instant? EndOf(HandlingReport report, ReportPause pause) =>
        pause.ResumedAt ?? EndOfClock(report, ClockOf(report, pause.Rule, pause.Round));

    /// <summary>The pause's length, once it ended.</summary>
    public static long? Minutes(HandlingReport report, ReportPause pause) =>
        EndOf(report, pause) is { } end ? WholeMinutes(end - pause.PausedAt) : null;

    /// <summary>The pauses that ended, added up; null when no clock of the complaint was ever paused.</summary>
    public static long? Paused(HandlingReport report) =>
        report.Pauses.Count == 0 ? null : report.Pauses.Sum(p => Minutes(report, p) ?? 0);

    /// <summary>
    /// The clocks that were paused, each from its start to its end (met, withdrawn, or the complaint's close), added up;
    /// null while one of them still runs or none was paused.
    /// </summary>
    public static long? Clocks(HandlingReport report)
    {
        var clocks = report.Pauses.Select(p => (p.Rule, p.Round)).Distinct().ToList();
        if (clocks.Count == 0) return null;
        long total = 0;
        foreach (var (rule, round) in clocks)
        {
            var clock = ClockOf(report, rule, round);
            if (clock is null || EndOfClock(report, clock) is not { } end) return null;
            total += WholeMinutes(end - clock.StartedAt);
        }
        return total;
    }

    private static ReportDeadline? ClockOf(HandlingReport report, string rule, int round) =>
        report.Deadlines.LastOrDefault(d => d.Rule == rule && d.Round == round);

    private static Instant? EndOfClock(HandlingReport report, ReportDeadline? clock) =>
        clock?.MetAt ?? clock?.WithdrawnAt ?? AnalyticsSchema.ClosedAt(report);

    private static long WholeMinutes(Duration duration) => (long)Math.Floor(Math.Max(0, duration.TotalMinutes));
}
