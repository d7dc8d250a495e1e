using System.Text.Json;
using Complaints.Domain;
using Complaints.Domain.Workflow;
using Complaints.Host.Audit;
using Complaints.Host.Deadlines;
using Marten;
using UnknownEventTypeException = Marten.Exceptions.UnknownEventTypeException;
using EventDeserializationFailureException = Marten.Exceptions.EventDeserializationFailureException;
using JasperFx.Events;
using NodaTime;
using Wolverine;

namespace Complaints.Host.Complaints.Writing;

/// <summary>An event to append with who recorded it and when.</summary>
public sealed record Recorded(IComplaintEvent Event, string Actor, Instant At);

/// <summary>How a write holds the complaint's stream until it commits.</summary>
public enum StreamHold
{
    /// <summary>A registration: the id was minted just now, so there is nothing to read.</summary>
    New,

    /// <summary>Read, and the commit fails if another writer appended meanwhile.</summary>
    Optimistic,

    /// <summary>Read under the stream's row lock: other writers wait until this one commits.</summary>
    Exclusive
}

/// <summary>A complaint's stream as a write holds it: the version it read and the write model folded from it.</summary>
public sealed record HeldStream(Guid Id, long Version, ComplaintWriteModel? Model, IEventStream<ComplaintWriteModel>? Stream)
{
    public bool Exists => Model is not null;
}

/// <summary>What one write recorded: the events appended after <see cref="StartingVersion"/> and the decision behind them.</summary>
public sealed record Appended(Guid Id, long StartingVersion, Decision Decision)
{
    public IReadOnlyList<IComplaintEvent> Events => Decision.Events;

    public long Version => StartingVersion + Events.Count;
}

/// <summary>
/// The one way events reach a complaint's stream (docs/adr/0020). Commands, timer firings, erasure and CloudEvents
/// hand it a workflow input; it decides with <see cref="ComplaintWorkflow"/>, seals the events into the hash chain,
/// appends them, arms the timers the decision asks for and queues the webhooks and notifications, all in the caller's session, so the
/// caller's one commit records everything or nothing. History import hands it events already sealed.
/// </summary>
public sealed class ComplaintAppender(DeadlineSettings deadlines, Webhooks.Webhooks webhooks,
    Notifications.NotificationQueue notifications, IClock clock, ILogger<ComplaintAppender> logger)
{
    public Instant Now => clock.GetCurrentInstant();

    public async Task<HeldStream> HoldAsync(IDocumentSession session, Guid id, StreamHold hold, long? expectedVersion,
        CancellationToken ct)
    {
        if (hold == StreamHold.New)
            return expectedVersion is { } stale and not 0
                ? throw new StaleVersionException(stale, 0)
                : new HeldStream(id, 0, null, null);
        // No complaint has the empty id (ids are minted random), and Marten refuses to read that stream at all.
        if (id == Guid.Empty) return new HeldStream(id, 0, null, null);
        IEventStream<ComplaintWriteModel> stream;
        try
        {
            stream = hold == StreamHold.Exclusive
                ? await session.Events.FetchForExclusiveWriting<ComplaintWriteModel>(id, ct)
                : expectedVersion is { } expected
                    ? await session.Events.FetchForWriting<ComplaintWriteModel>(id, expected, ct)
                    : await session.Events.FetchForWriting<ComplaintWriteModel>(id, ct);
        }
        // Stored data this engine cannot read, or cannot fold (an event stored without the fields it must have), is a
        // fault on the server's side, logged here once for every caller (commands, CloudEvents, timers); the caller
        // is told the complaint cannot take commands (docs/adr/0014).
        catch (Exception e) when (e is UnknownEventTypeException or EventDeserializationFailureException
                                      or JasperFx.Events.Daemon.ApplyEventException)
        {
            logger.HistoryUnreadable(e, id);
            throw new UnreadableHistoryException(id);
        }
        var version = stream.StartingVersion ?? 0;
        if (hold == StreamHold.Exclusive && expectedVersion is { } wanted && wanted != version)
            throw new StaleVersionException(wanted, version);
        return new HeldStream(id, version, stream.Aggregate, stream);
    }

    /// <summary>Decides <paramref name="input"/> on the held stream and records the outcome in the session.</summary>
    public async Task<Appended> AppendAsync(HeldStream held, IDocumentSession session, IMessageBus bus,
        WorkflowInput input, string actor)
    {
        var now = Now;
        var decision = ComplaintWorkflow.Decide(input, held.Model?.State ?? WriteState.Initial, deadlines.Rules);
        if (decision.Events.Count > 0) AppendSealed(session, held, [.. decision.Events.Select(e => new Recorded(e, actor, now))]);
        // A cancelled timer is left to fire: it finds its clock stopped and records nothing (docs/adr/0020).
        foreach (var timer in decision.Timers.Arm)
            await bus.ScheduleAsync(DeadlineDue.Of(held.Id, timer),
                // A delay from the engine's clock rather than an instant, so a test's fake clock and the scheduler agree.
                Duration.Max(Duration.Zero, timer.At - now).ToTimeSpan());
        foreach (var delivery in webhooks.For(held.Id, held.Version + 1, decision.Events, now))
            await bus.SendAsync(delivery);
        if (decision.Notifications.Count > 0) await notifications.QueueAsync(session, bus, held, decision, now);
        return new Appended(held.Id, held.Version, decision);
    }

    /// <summary>Starts a stream with events exactly as an export recorded them, hashes included (the import verified them).</summary>
    public static void AppendRecorded(IDocumentSession session, Guid id, IEnumerable<(object Data, StoredEvent Stored)> events) =>
        session.Events.StartStream<ComplaintWriteModel>(id, events.Select(e =>
        {
            var wrapped = session.Events.BuildEvent(e.Data);
            wrapped.Timestamp = e.Stored.Timestamp.ToDateTimeOffset();
            wrapped.UserName = e.Stored.Actor;
            wrapped.CorrelationId = e.Stored.CorrelationId;
            wrapped.CausationId = e.Stored.CausationId;
            wrapped.SetHeader(EventSeal.HashHeader, e.Stored.Hash!);
            if (e.Stored.PersonalDataKey is not null) wrapped.SetHeader(EventSeal.PersonalDataKeyHeader, e.Stored.PersonalDataKey);
            return (object)wrapped;
        }).ToArray());

    /// <summary>
    /// Appends the events stamped with their instant and actor, each chained onto the one before. The stream is held at
    /// <see cref="HeldStream.Version"/> (new, optimistically or locked), so the versions hashed are the ones stored.
    /// </summary>
    public static void AppendSealed(IDocumentSession session, HeldStream held, IReadOnlyList<Recorded> events)
    {
        var previous = held.Model?.HeadHash ?? EventSeal.Genesis;
        var lastAt = held.Model?.LastEventAt;
        var version = held.Version;
        var correlation = session.CorrelationId;
        var causation = session.CausationId;
        var serializer = session.DocumentStore.Options.Serializer();
        var sealedEvents = new object[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var (data, actor, at) = events[i];
            // Never before the event it follows, so "as of an instant" is always a prefix of the history, even when
            // another node's clock lags.
            var timestamp = EventSeal.Stored(Instant.Max(at, lastAt ?? at));
            var wrapped = session.Events.BuildEvent(data);
            wrapped.Timestamp = timestamp.ToDateTimeOffset();
            wrapped.UserName = actor;
            wrapped.CorrelationId = correlation;
            wrapped.CausationId = causation;
            var type = data.GetType().Name;
            var key = EventSeal.HoldsPersonalData(type) ? EventSeal.NewPersonalDataKey() : null;
            using var json = JsonDocument.Parse(serializer.ToJson(data));
            previous = EventSeal.Hash(previous,
                new SealedFields(held.Id, ++version, type, timestamp, actor, correlation, causation, json.RootElement, key));
            wrapped.SetHeader(EventSeal.HashHeader, previous);
            if (key is not null) wrapped.SetHeader(EventSeal.PersonalDataKeyHeader, Convert.ToBase64String(key));
            sealedEvents[i] = wrapped;
        }
        if (held.Stream is { } stream) stream.AppendMany(sealedEvents);
        else session.Events.StartStream<ComplaintWriteModel>(held.Id, sealedEvents);
    }
}
