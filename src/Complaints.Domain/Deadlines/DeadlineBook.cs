using NodaTime;

namespace Complaints.Domain.Deadlines;

/// <summary>One run of a clock rule on one complaint.</summary>
public sealed record TrackedDeadline(
    string Rule,
    int Round,
    Instant StartedAt,
    Instant DueAt,
    TimeMeasure Measure,
    string CalendarVersion,
    string PolicyVersion,
    Instant? MetAt = null,
    bool Late = false,
    long? MinutesTaken = null,
    bool Missed = false,
    int EscalationLevel = 0,
    Instant? PausedAt = null,
    Duration Paused = default,
    Instant? WithdrawnAt = null,
    int WarnedPercent = 0)
{
    public bool IsOpen => MetAt is null && WithdrawnAt is null;

    public bool IsRunning => IsOpen && PausedAt is null;
}

/// <summary>Every deadline a complaint has had, folded from its deadline events.</summary>
public sealed record DeadlineBook(IReadOnlyList<TrackedDeadline> Deadlines)
{
    public static DeadlineBook Empty { get; } = new([]);

    public TrackedDeadline? Open(string rule) => Deadlines.LastOrDefault(d => d.Rule == rule && d.IsOpen);

    public TrackedDeadline? Find(string rule, int round) => Deadlines.FirstOrDefault(d => d.Rule == rule && d.Round == round);

    public int LastRound(string rule) => Deadlines.Where(d => d.Rule == rule).Select(d => d.Round).DefaultIfEmpty(0).Max();

    public int EscalationLevel { get; init; }

    public DeadlineBook Evolve(IComplaintEvent @event) => @event switch
    {
        DeadlineSet e => this with
        {
            Deadlines = [.. Deadlines, new TrackedDeadline(e.Rule, e.Round, e.StartedAt, e.DueAt, e.Measure,
                e.CalendarVersion, e.PolicyVersion)]
        },
        DeadlineMet e => Update(e.Rule, e.Round, d => d with { MetAt = e.MetAt, Late = e.Late, MinutesTaken = e.MinutesTaken }),
        DeadlineMissed e => Update(e.Rule, e.Round, d => d with { Missed = true }),
        DeadlineWarned e => Update(e.Rule, e.Round, d => d with { WarnedPercent = e.Percent }),
        Escalated { Rule: { } rule } e => Update(rule, e.Round, d => d with { EscalationLevel = e.Level }) with
        {
            EscalationLevel = Math.Max(EscalationLevel, e.Level)
        },
        Escalated e => this with { EscalationLevel = Math.Max(EscalationLevel, e.Level) },
        DeadlineClockPaused e => Update(e.Rule, e.Round, d => d with { PausedAt = e.PausedAt }),
        DeadlineClockResumed e => Update(e.Rule, e.Round, d => d with
        {
            PausedAt = null,
            DueAt = e.DueAt,
            Paused = d.Paused + e.PausedFor
        }),
        DeadlineWithdrawn e => Update(e.Rule, e.Round, d => d with { WithdrawnAt = e.WithdrawnAt }),
        // Escalations already made stay made; the clock's next timers count from the corrected instant.
        DeadlineRecomputed e => Update(e.Rule, e.Round, d => d with { DueAt = e.DueAt }),
        _ => this
    };

    private DeadlineBook Update(string rule, int round, Func<TrackedDeadline, TrackedDeadline> change) => this with
    {
        Deadlines = [.. Deadlines.Select(d => d.Rule == rule && d.Round == round ? change(d) : d)]
    };
}
