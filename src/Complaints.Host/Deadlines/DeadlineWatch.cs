using Complaints.Domain.Deadlines;
using Complaints.Domain.Workflow;
using Complaints.Host.Complaints.Writing;
using Complaints.Host.Telemetry;
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

/// <summary>
/// A durable timer: a clock's next warning (<see cref="Warning"/> percent, level 0), the deadline (level 1) or its next
/// escalation level falls due.
/// </summary>
public sealed record DeadlineDue([property: SagaIdentity] Guid ComplaintId, string Rule, int Round, int Level, Instant At,
    int Warning = 0) : IDeadlineWatchMessage
{
    public static DeadlineDue Of(Guid complaint, DeadlineTimer timer) =>
        new(complaint, timer.Rule, timer.Round, timer.Level, timer.At, timer.Warning);

    public DeadlineTimer Timer => new(Rule, Round, Level, At, Warning);
}

/// <summary>
/// Sent by engines before ADR 0020, which scheduled timers in a second transaction: one stored before an upgrade
/// still arms its timers (a timer armed twice escalates once).
/// </summary>
public sealed record WatchDeadlines([property: SagaIdentity] Guid ComplaintId, IReadOnlyList<DeadlineTimer> Timers)
    : IDeadlineWatchMessage;

/// <summary>Sent by engines before ADR 0020 when a complaint's clocks stopped; one stored before an upgrade ends the watch.</summary>
public sealed record StopWatchingDeadlines([property: SagaIdentity] Guid ComplaintId) : IDeadlineWatchMessage;

/// <summary>
/// One saga per complaint enforces its deadlines: when a timer fires it hands the firing to the workflow through the
/// one appender, which records the miss and the escalation in the complaint's stream and arms the clock's next timer,
/// in this message's transaction. The commands arm the first timers in their own commit (docs/adr/0020); the stream
/// stays the truth, so a timer for a step that was met, paused or already escalated records nothing (docs/adr/0007).
/// The watch ends itself once no clock is left running.
/// </summary>
public sealed class DeadlineWatch : Saga
{
    /// <summary>Escalations are recorded in the name of the engine, not of a person.</summary>
    public const string Actor = "deadline-watch";

    public Guid Id { get; set; }

    /// <summary>
    /// Needs no earlier state: the stream decides. So a timer is handled alike whether the watch exists yet or not.
    /// </summary>
    public async Task StartOrHandle(DeadlineDue due, IDocumentSession session, IMessageBus bus,
        ComplaintAppender appender, IClock clock, EngineMetrics metrics, CancellationToken ct)
    {
        Id = due.ComplaintId;
        var held = await appender.HoldAsync(session, due.ComplaintId, StreamHold.Optimistic, null, ct);
        var now = clock.GetCurrentInstant();
        var fired = new WorkflowInput.TimerFired(due.ComplaintId, due.Timer, now);
        var appended = await appender.AppendAsync(held, session, bus, fired, Actor);
        // Counted before Wolverine commits the message's transaction: a failed commit is retried and counted again.
        metrics.TimerFired(due.At, now, appended.Decision);
        if (!appended.Decision.ClocksRunning) MarkCompleted();
    }

    public OutgoingMessages StartOrHandle(WatchDeadlines watch, IClock clock)
    {
        Id = watch.ComplaintId;
        var outgoing = new OutgoingMessages();
        foreach (var timer in watch.Timers)
            outgoing.Add(DeadlineDue.Of(Id, timer).DelayedFor(Duration.Max(Duration.Zero, timer.At - clock.GetCurrentInstant()).ToTimeSpan()));
        return outgoing;
    }

    public void Handle(StopWatchingDeadlines stop) => MarkCompleted();

    /// <summary>The watch may already have ended itself when the complaint's closing is reported.</summary>
    public static void NotFound(StopWatchingDeadlines stop) { }
}
