using Complaints.Domain.Deadlines;
using NodaTime;

namespace Complaints.Domain.Workflow;

/// <summary>An event of a complaint's stream and the instant the engine recorded it: the rules in force then counted it.</summary>
public sealed record StoredClockEvent(IComplaintEvent Event, Instant RecordedAt);

/// <summary>
/// One run of a clock as it stands: its due instant, when it was met or withdrawn, whether it was late (met after its
/// due instant or run past it), how far it escalated, the versions it was counted with, the department it was
/// counted under when it started, and whether it is a follow-up after closing.
/// </summary>
public sealed record ClockRun(
    string Rule, int Round, Instant StartedAt, Instant DueAt, Instant? MetAt, Instant? WithdrawnAt, bool Late,
    int EscalationLevel, string CalendarVersion, string PolicyVersion, string Department, bool FollowUp)
{
    /// <summary>As the KPIs count it: late is not on time, met in time is, a clock neither late nor met is not counted yet.</summary>
    public bool? OnTime => Late ? false : MetAt is null ? null : true;
}

/// <summary>
/// A clock run as recorded and as recomputed (either may be missing: a rule that no longer or not yet starts it), the
/// repair recorded for it last, and what differs between the recorded and the recomputed run.
/// </summary>
public sealed record ClockComparison(string Rule, int Round, ClockRun? Recorded, ClockRun? Recomputed, DeadlineRecomputed? Repaired)
{
    public IReadOnlyList<string> Differences => (Recorded, Recomputed) switch
    {
        (null, _) => ["not-recorded"],
        (_, null) => ["not-recomputed"],
        var (r, c) => [.. new[]
        {
            (r.DueAt != c.DueAt, "dueAt"), (r.Late != c.Late, "late"), (r.MetAt != c.MetAt, "metAt"),
            (r.WithdrawnAt != c.WithdrawnAt, "withdrawnAt"), (r.CalendarVersion != c.CalendarVersion, "calendarVersion"),
            (r.PolicyVersion != c.PolicyVersion, "policyVersion")
        }.Where(d => d.Item1).Select(d => d.Item2)]
    };
}

/// <summary>
/// Recounts a complaint's clocks from its stored events (docs/rules-over-time.md): the procedure's events are handed to
/// the same <see cref="DeadlineTracker"/> the workflow uses, each with the rules in force when it was recorded, and the
/// timers the workflow would have armed fire at their instants. The clock events recorded are what is recomputed, so
/// they are read only to compare. Pure: the rules come from the caller (the stored versions, a correction, a candidate).
/// </summary>
public static class ClockReplay
{
    /// <summary>A stream's timers cannot fire more often than this between two events; more is a rule that never settles.</summary>
    private const int MaxFiringsBetweenEvents = 10_000;

    public static IReadOnlyList<ClockComparison> Compare(Guid complaintId, IReadOnlyList<StoredClockEvent> stream,
        Func<Instant, DeadlineRules> rulesAt, Instant asOf)
    {
        var recorded = Recorded(stream).ToDictionary(r => (r.Rule, r.Round));
        var recomputed = Recompute(complaintId, stream, rulesAt, asOf).ToDictionary(r => (r.Rule, r.Round));
        var repaired = stream.Select(e => e.Event).OfType<DeadlineRecomputed>()
            .GroupBy(e => (e.Rule, e.Round)).ToDictionary(g => g.Key, g => g.Last());
        return [.. recorded.Keys.Union(recomputed.Keys).OrderBy(k => FirstSet(recorded, recomputed, k)).ThenBy(k => k.Rule, StringComparer.Ordinal)
            .Select(k => new ClockComparison(k.Rule, k.Round, recorded.GetValueOrDefault(k), recomputed.GetValueOrDefault(k),
                repaired.GetValueOrDefault(k)))];
    }

    private static Instant FirstSet(Dictionary<(string, int), ClockRun> recorded, Dictionary<(string, int), ClockRun> recomputed,
        (string, int) key) => (recorded.GetValueOrDefault(key) ?? recomputed[key]).StartedAt;

    /// <summary>The clock runs as the stream records them (repairs left out: they are compared on their own).</summary>
    public static IReadOnlyList<ClockRun> Recorded(IReadOnlyList<StoredClockEvent> stream)
    {
        var book = DeadlineBook.Empty;
        var track = new Track();
        foreach (var (e, _) in stream)
        {
            track.Before(e);
            if (e is DeadlineRecomputed) continue;
            book = book.Evolve(e);
            if (e is DeadlineSet set) track.Started(set);
        }
        return track.Runs(book);
    }

    /// <summary>The clock runs the procedure's events lead to under <paramref name="rulesAt"/>, timers fired up to <paramref name="asOf"/>.</summary>
    public static IReadOnlyList<ClockRun> Recompute(Guid complaintId, IReadOnlyList<StoredClockEvent> stream,
        Func<Instant, DeadlineRules> rulesAt, Instant asOf)
    {
        var book = DeadlineBook.Empty;
        var track = new Track();
        foreach (var (e, at) in stream)
        {
            // A step done at its due instant is on time (met <= due): the timer of that instant fires after it.
            if (track.Terms is { } before) book = FireUntil(complaintId, book, before, rulesAt, at, inclusive: false);
            track.Before(e);
            if (IsClockEvent(e) || e is PersonalDataErased || track.Terms is not { } terms) continue;
            foreach (var reaction in DeadlineTracker.React(book, [e], rulesAt(at).ContextFor(complaintId, terms)))
            {
                book = book.Evolve(reaction);
                if (reaction is DeadlineSet set) track.Started(set);
            }
        }
        if (track.Terms is { } last) book = FireUntil(complaintId, book, last, rulesAt, asOf, inclusive: true);
        return track.Runs(book);
    }

    /// <summary>The events the clocks record of themselves; everything else is the procedure they react to.</summary>
    public static readonly IReadOnlySet<Type> ClockEventTypes = new HashSet<Type>
    {
        typeof(DeadlineSet), typeof(DeadlineMet), typeof(DeadlineMissed), typeof(DeadlineWarned), typeof(Escalated),
        typeof(DeadlineClockPaused), typeof(DeadlineClockResumed), typeof(DeadlineWithdrawn), typeof(DeadlineRecomputed)
    };

    public static bool IsClockEvent(IComplaintEvent e) => ClockEventTypes.Contains(e.GetType());

    /// <summary>
    /// Fires, earliest first, every timer the workflow would have pending and due before <paramref name="until"/> (or at
    /// it, when <paramref name="inclusive"/>).
    /// </summary>
    private static DeadlineBook FireUntil(Guid complaintId, DeadlineBook book, ClockTerms terms,
        Func<Instant, DeadlineRules> rulesAt, Instant until, bool inclusive)
    {
        for (var firing = 0; firing < MaxFiringsBetweenEvents; firing++)
        {
            var next = DeadlineTracker.PendingTimers(book, rulesAt(until).ContextFor(complaintId, terms))
                .Where(t => t.At < until || inclusive && t.At == until).OrderBy(t => t.At).FirstOrDefault();
            if (next is null) return book;
            var reached = DeadlineTracker.DueNow(book, next.Rule, next.Round, next.At, rulesAt(next.At).ContextFor(complaintId, terms));
            if (reached.Count == 0) return book;
            book = reached.Aggregate(book, (b, r) => b.Evolve(r));
        }
        throw new InvalidOperationException($"The clocks of complaint {complaintId} fire without end before {until}.");
    }

    /// <summary>What a run is counted under besides the book: the terms and the procedure's state as events pass.</summary>
    private sealed class Track
    {
        private readonly Dictionary<(string, int), (string Department, bool FollowUp)> started = [];
        private ComplaintState procedure = ComplaintDecider.Initial;

        public ClockTerms? Terms { get; private set; }

        public void Before(IComplaintEvent e)
        {
            Terms = ClockTerms.After(Terms, e);
            procedure = ComplaintDecider.Evolve(procedure, e);
        }

        public void Started(DeadlineSet set) =>
            started[(set.Rule, set.Round)] = (Terms?.ResponsibleDepartment ?? "", procedure is ComplaintState.Closed);

        public IReadOnlyList<ClockRun> Runs(DeadlineBook book) => [.. book.Deadlines.Select(d =>
        {
            var (department, followUp) = started.GetValueOrDefault((d.Rule, d.Round), ("", false));
            return new ClockRun(d.Rule, d.Round, d.StartedAt, d.DueAt, d.MetAt, d.WithdrawnAt, d.Missed || d.Late,
                d.EscalationLevel, d.CalendarVersion, d.PolicyVersion, department, followUp);
        })];
    }
}

/// <summary>
/// A repair (docs/rules-over-time.md): which clocks the corrected rules count differently from how they stand (as
/// recorded, or as an earlier repair left them), and the decision that records it.
/// </summary>
public static class ClockRepair
{
    /// <summary>
    /// The <see cref="DeadlineRecomputed"/> of each clock whose due instant or lateness under the corrected rules differs
    /// from how it stands, repairs included, so a repair run twice records nothing the second time.
    /// </summary>
    public static IReadOnlyList<DeadlineRecomputed> Plan(Guid complaintId, IReadOnlyList<ClockComparison> corrected,
        string reason, Instant at) =>
        [.. corrected.Where(c => c is { Recorded: not null, Recomputed: not null }).Select(c =>
            {
                var (recorded, recomputed) = (c.Recorded!, c.Recomputed!);
                var (due, late) = c.Repaired is { } last ? (last.DueAt, last.Late) : (recorded.DueAt, recorded.Late);
                return due == recomputed.DueAt && late == recomputed.Late
                    ? null
                    : new DeadlineRecomputed(complaintId, c.Rule, c.Round, recorded.DueAt, recomputed.DueAt, recorded.Late,
                        recomputed.Late, recomputed.CalendarVersion, recomputed.PolicyVersion, reason, at);
            }).OfType<DeadlineRecomputed>()];

    /// <summary>
    /// Records the recomputations of clocks the complaint has, and moves the timers of those still running: the new
    /// instants are armed; the old ones fire, find nothing due and record nothing (docs/adr/0020).
    /// </summary>
    public static Decision Decide(WorkflowInput.Repair repair, WriteState state, DeadlineRules rules)
    {
        if (state.Terms is not { } terms) return new Decision([], TimerChanges.None, [], false);
        var events = repair.Recomputed.Where(r => r.ComplaintId == repair.Complaint && state.Deadlines.Find(r.Rule, r.Round) is not null)
            .ToList<IComplaintEvent>();
        var context = rules.ContextFor(repair.Complaint, terms);
        var before = DeadlineTracker.PendingTimers(state.Deadlines, context);
        var after = DeadlineTracker.PendingTimers(events.Aggregate(state.Deadlines, (b, e) => b.Evolve(e)), context);
        return new Decision(events, new TimerChanges([.. after.Except(before)], [.. before.Except(after)]), [], after.Count > 0);
    }
}
