using NodaTime;

namespace Complaints.Domain.Deadlines;

/// <summary>
/// A clock started. It names the calendar and policy versions used, so an auditor can recompute the due instant.
/// <see cref="Round"/> counts restarts of the same rule (verification again after a customer rejection).
/// </summary>
public sealed record DeadlineSet(
    Guid ComplaintId, string Rule, int Round, Instant StartedAt, Instant DueAt, TimeMeasure Measure,
    string Calendar, string CalendarVersion, string PolicyVersion) : IComplaintEvent;

/// <summary>
/// The step's owner was warned that <see cref="Percent"/> of the clock's time had run (procedure §8): recorded when
/// the clock's warning timer fired while it still ran towards <see cref="DueAt"/>.
/// </summary>
public sealed record DeadlineWarned(Guid ComplaintId, string Rule, int Round, int Percent, Instant DueAt, Instant WarnedAt)
    : IComplaintEvent;

/// <summary>The step was done; <see cref="MinutesTaken"/> is counted in the deadline's measure, pauses excluded.</summary>
public sealed record DeadlineMet(
    Guid ComplaintId, string Rule, int Round, Instant MetAt, bool Late, long MinutesTaken) : IComplaintEvent;

public sealed record DeadlineMissed(Guid ComplaintId, string Rule, int Round, Instant DueAt, Instant RecordedAt)
    : IComplaintEvent;

/// <summary>Someone up the chain was told. Rule is null for a class-A complaint's escalation at receipt.</summary>
public sealed record Escalated(
    Guid ComplaintId, string? Rule, int Round, int Level, EscalationRole To, string? Department, string Reason,
    Instant EscalatedAt) : IComplaintEvent;

/// <summary>The clock waits on the customer (procedure §4: a plan put to the customer pauses it).</summary>
public sealed record DeadlineClockPaused(Guid ComplaintId, string Rule, int Round, Instant PausedAt) : IComplaintEvent;

/// <summary>The customer answered; the due instant moves by the pause, measured as the deadline counts time.</summary>
public sealed record DeadlineClockResumed(
    Guid ComplaintId, string Rule, int Round, Instant ResumedAt, Duration PausedFor, Instant DueAt) : IComplaintEvent;

/// <summary>The step is no longer needed (the complaint was closed or found invalid before it happened).</summary>
public sealed record DeadlineWithdrawn(Guid ComplaintId, string Rule, int Round, Instant WithdrawnAt, string Reason)
    : IComplaintEvent;

/// <summary>
/// A clock recounted with corrected rules (docs/rules-over-time.md): the due instant and lateness it was recorded with
/// and those it has under <see cref="CalendarVersion"/> and <see cref="PolicyVersion"/>, and why. Nothing recorded
/// before changes; a clock still running falls due at <see cref="DueAt"/> from now on. Late: met after its due
/// instant, or run past it.
/// </summary>
public sealed record DeadlineRecomputed(
    Guid ComplaintId, string Rule, int Round, Instant RecordedDueAt, Instant DueAt, bool RecordedLate, bool Late,
    string CalendarVersion, string PolicyVersion, string Reason, Instant RecomputedAt) : IComplaintEvent;
