using Complaints.Domain.Deadlines;
using NodaTime;

namespace Complaints.Domain.Workflow;

/// <summary>What moves a complaint on: a command someone sent, or one of its timers falling due. The set is closed.</summary>
public abstract record WorkflowInput
{
    private WorkflowInput() { }

    public abstract Guid ComplaintId { get; }

    public sealed record Command(ComplaintCommand Value) : WorkflowInput
    {
        public override Guid ComplaintId => Value.ComplaintId;
    }

    /// <summary>The timer <paramref name="Timer"/> armed earlier fires; <paramref name="Now"/> is the engine's clock.</summary>
    public sealed record TimerFired(Guid Complaint, DeadlineTimer Timer, Instant Now) : WorkflowInput
    {
        public override Guid ComplaintId => Complaint;
    }

    /// <summary>
    /// An operator's repair (docs/rules-over-time.md): the clocks recounted with corrected rules, as
    /// <see cref="ClockRepair"/> planned them from the stream.
    /// </summary>
    public sealed record Repair(Guid Complaint, IReadOnlyList<DeadlineRecomputed> Recomputed) : WorkflowInput
    {
        public override Guid ComplaintId => Complaint;
    }
}

/// <summary>
/// Which timers the decision starts and which it makes pointless. Timers are keyed by what they are
/// (<see cref="DeadlineTimer"/> is a value), so arming one twice is two firings of which the second finds nothing.
/// </summary>
public sealed record TimerChanges(IReadOnlyList<DeadlineTimer> Arm, IReadOnlyList<DeadlineTimer> Cancel)
{
    public static TimerChanges None { get; } = new([], []);
}

/// <summary>
/// What one input decides: the events to record, the timers to arm and cancel, the notifications to send, and
/// whether any clock is left running afterwards (a watch with none left may end).
/// </summary>
public sealed record Decision(
    IReadOnlyList<IComplaintEvent> Events, TimerChanges Timers, IReadOnlyList<Notification> Notifications,
    bool ClocksRunning);
