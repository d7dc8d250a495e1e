using System.Diagnostics.Metrics;
using Complaints.Domain;
using Complaints.Domain.Deadlines;
using Complaints.Domain.Workflow;
using Complaints.Host.Health;
using Complaints.Host.Infrastructure;
using NodaTime;

namespace Complaints.Host.Telemetry;

/// <summary>
/// The engine's own instruments on the meter <see cref="Name"/> (docs/operations.md). With no listener (no exporter
/// configured) recording a measurement is a check and a return: the tags are structs on the stack.
/// </summary>
public sealed class EngineMetrics
{
    public const string Name = "Complaints.Engine";

    private readonly Counter<long> commands;
    private readonly Counter<long> deadlinesSet;
    private readonly Counter<long> deadlinesMet;
    private readonly Counter<long> deadlinesMissed;
    private readonly Counter<long> escalations;
    private readonly Histogram<double> timerLateness;

    public EngineMetrics(IMeterFactory meters, ProjectionsCheck projections)
    {
        var meter = meters.Create(Name);
        commands = meter.CreateCounter<long>("complaints.commands", "{command}",
            "Commands answered, by command type and outcome (accepted, replayed, or the problem type refusing it).");
        deadlinesSet = meter.CreateCounter<long>("complaints.deadlines.set", "{deadline}", "Deadline clocks started, by rule.");
        deadlinesMet = meter.CreateCounter<long>("complaints.deadlines.met", "{deadline}",
            "Deadlines met, by rule and whether the step was done late.");
        deadlinesMissed = meter.CreateCounter<long>("complaints.deadlines.missed", "{deadline}", "Deadlines missed, by rule.");
        escalations = meter.CreateCounter<long>("complaints.escalations", "{escalation}",
            "Escalations recorded, by level (1 is the deadline's own, 2 and up the chain above).");
        timerLateness = meter.CreateHistogram<double>("complaints.timers.lateness", "s",
            "How long after its due instant a deadline timer fired.");
        meter.CreateObservableGauge("complaints.projections.lag",
            () => projections.Current().Lag.Select(lag =>
                new Measurement<long>(lag.Value, new KeyValuePair<string, object?>("projection", lag.Key))),
            "{event}", "Events each asynchronous projection running on this node is behind the store.");
    }

    /// <summary>A command's committed outcome, and the deadlines its events started, met, missed or escalated.</summary>
    public void Committed(ComplaintCommand command, Decision decision)
    {
        commands.Add(1, new KeyValuePair<string, object?>("command", command.GetType().Name),
            new KeyValuePair<string, object?>("outcome", "accepted"));
        Recorded(decision);
    }

    /// <summary>The first answer to an Idempotency-Key given again.</summary>
    public void Replayed(ComplaintCommand command) =>
        commands.Add(1, new KeyValuePair<string, object?>("command", command.GetType().Name),
            new KeyValuePair<string, object?>("outcome", "replayed"));

    /// <summary>Counts the refusal or failure; false, so the exception goes on as if not caught (an exception filter).</summary>
    public bool Refused(ComplaintCommand? command, Exception failure)
    {
        var problem = ProblemMapping.ProblemFor(failure)?.Type;
        commands.Add(1, new KeyValuePair<string, object?>("command", command?.GetType().Name ?? "unknown"),
            new KeyValuePair<string, object?>("outcome", problem is null ? "failed" : problem[(problem.LastIndexOf('/') + 1)..]));
        return false;
    }

    /// <summary>A deadline timer fired <paramref name="now"/>; what it recorded was committed.</summary>
    public void TimerFired(Instant dueAt, Instant now, Decision decision)
    {
        timerLateness.Record(Math.Max(0, (now - dueAt).TotalSeconds));
        Recorded(decision);
    }

    private void Recorded(Decision decision)
    {
        // Indexed, not foreach: enumerating the interface would allocate on every command.
        var events = decision.Events;
        for (var i = 0; i < events.Count; i++)
            switch (events[i])
            {
                case DeadlineSet set:
                    deadlinesSet.Add(1, new KeyValuePair<string, object?>("rule", set.Rule));
                    break;
                case DeadlineMet met:
                    deadlinesMet.Add(1, new KeyValuePair<string, object?>("rule", met.Rule),
                        new KeyValuePair<string, object?>("late", met.Late ? "true" : "false"));
                    break;
                case DeadlineMissed missed:
                    deadlinesMissed.Add(1, new KeyValuePair<string, object?>("rule", missed.Rule));
                    break;
                case Escalated escalated:
                    escalations.Add(1, new KeyValuePair<string, object?>("level", escalated.Level));
                    break;
            }
    }
}
