using Complaints.Domain.Deadlines;
using Complaints.Host.Audit;
using Complaints.Projections;
using JasperFx.Core;
using Marten;
using NodaTime;
using Wolverine;
using Wolverine.Persistence.Sagas;

namespace Complaints.Host.Deadlines;

/// <summary>A message to one complaint's deadline watch; those of one complaint are handled one at a time.</summary>
public interface IDeadlineWatchMessage
{
    Guid ComplaintId { get; }
}

/// <summary>Sent with every change of a complaint's clocks: the timers that must be pending now.</summary>
public sealed record WatchDeadlines([property: SagaIdentity] Guid ComplaintId, IReadOnlyList<DeadlineTimer> Timers)
    : IDeadlineWatchMessage;

/// <summary>The complaint is closed (or found invalid): its clocks stop.</summary>
public sealed record StopWatchingDeadlines([property: SagaIdentity] Guid ComplaintId) : IDeadlineWatchMessage;

/// <summary>A durable timer: the deadline (level 1) or its next escalation level falls due.</summary>
public sealed record DeadlineDue([property: SagaIdentity] Guid ComplaintId, string Rule, int Round, int Level, Instant At)
    : IDeadlineWatchMessage;

/// <summary>
/// One saga per complaint schedules its deadline timers as durable Wolverine messages and, when one fires,
/// records the miss and the escalation in the complaint's stream. The stream stays the truth: a timer for a
/// step that was met, paused or already escalated records nothing (docs/adr/0007).
/// </summary>
public sealed class DeadlineWatch : Saga
{
    /// <summary>Escalations are recorded in the name of the engine, not of a person.</summary>
    public const string Actor = "deadline-watch";

    public Guid Id { get; set; }

    /// <summary>Timers already scheduled, so a repeated watch request schedules nothing twice.</summary>
    public List<string> Scheduled { get; set; } = [];

    public OutgoingMessages StartOrHandle(WatchDeadlines watch, IClock clock)
    {
        Id = watch.ComplaintId;
        return ScheduleNew(watch.Timers, clock);
    }

    /// <summary>
    /// Needs no earlier state: the stream decides. So a timer that arrives before its watch exists, or after
    /// it ended, is handled the same way, and the watch ends itself once no clock is left running.
    /// </summary>
    public async Task<OutgoingMessages> StartOrHandle(DeadlineDue due, IDocumentSession session,
        DeadlineSettings settings, Webhooks.Webhooks webhooks, IClock clock, CancellationToken ct)
    {
        Id = due.ComplaintId;
        var now = clock.GetCurrentInstant();
        // A timer may fire a little before the engine's clock reaches it (another node's clock): wait the rest.
        if (now < due.At) return [Delay(due, clock)];

        var stream = await session.Events.FetchForWriting<ComplaintDetails>(due.ComplaintId, ct);
        if (stream.Aggregate?.Intake is not { } intake)
        {
            MarkCompleted();
            return [];
        }
        var context = settings.ContextFor(due.ComplaintId, intake);
        var escalation = DeadlineTracker.Escalate(stream.Aggregate.Deadlines, due.Rule, due.Round, due.Level, now, context);
        if (escalation.Count > 0) stream.AppendSealed(session, escalation, Actor, now);

        var pending = DeadlineTracker.PendingTimers(
            escalation.Aggregate(stream.Aggregate.Deadlines, (b, e) => b.Evolve(e)), context);
        if (pending.Count == 0) MarkCompleted();
        var outgoing = ScheduleNew(pending, clock);
        outgoing.AddRange(webhooks.For(due.ComplaintId, (stream.StartingVersion ?? 0) + 1, escalation, now));
        return outgoing;
    }

    public void Handle(StopWatchingDeadlines stop) => MarkCompleted();

    /// <summary>The watch may already have ended itself when the complaint's closing is reported.</summary>
    public static void NotFound(StopWatchingDeadlines stop) { }

    private OutgoingMessages ScheduleNew(IEnumerable<DeadlineTimer> timers, IClock clock)
    {
        var outgoing = new OutgoingMessages();
        foreach (var timer in timers)
        {
            var key = $"{timer.Rule}#{timer.Round}@{timer.Level}:{timer.At}";
            if (Scheduled.Contains(key)) continue;
            Scheduled.Add(key);
            outgoing.Add(Delay(new DeadlineDue(Id, timer.Rule, timer.Round, timer.Level, timer.At), clock));
        }
        return outgoing;
    }

    /// <summary>
    /// Timers are set as a delay from the engine's clock rather than as a wall-clock instant, so a test's
    /// fake clock and the scheduler agree; with the system clock the two are the same.
    /// </summary>
    private static DeliveryMessage<DeadlineDue> Delay(DeadlineDue due, IClock clock) =>
        due.DelayedFor(Duration.Max(Duration.Zero, due.At - clock.GetCurrentInstant()).ToTimeSpan());
}
