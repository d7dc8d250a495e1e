using Complaints.Domain;
using Complaints.Projections;
using JasperFx.Events;
using Marten;
using Marten.Events;
using NodaTime;

namespace Complaints.Host.Audit;

/// <summary>An event to append with who recorded it and when.</summary>
public sealed record Recorded(IComplaintEvent Event, string Actor, Instant At);

public static class SealedAppend
{
    /// <summary>Appends events that one actor recorded at one moment, as one command does.</summary>
    public static void AppendSealed(this IEventStream<ComplaintDetails> stream, IDocumentSession session,
        IEnumerable<IComplaintEvent> events, string actor, Instant at) =>
        stream.AppendSealed(session, events.Select(e => new Recorded(e, actor, at)));

    /// <summary>
    /// Appends the events stamped with the engine's clock and their actor, each carrying its link in the
    /// complaint's hash chain. The caller holds the stream at <see cref="IEventStream{T}.StartingVersion"/>
    /// (optimistically or locked), so the versions hashed here are the versions stored.
    /// </summary>
    public static void AppendSealed(this IEventStream<ComplaintDetails> stream, IDocumentSession session,
        IEnumerable<Recorded> events)
    {
        var previous = stream.Aggregate?.HeadHash ?? EventSeal.Genesis;
        var version = stream.StartingVersion ?? 0;
        var correlation = session.CorrelationId;
        var causation = session.CausationId;
        var serializer = session.DocumentStore.Options.Serializer();
        var sealedEvents = new List<object>();
        foreach (var (data, actor, at) in events)
        {
            // Never before the event it follows, so "as of an instant" is always a prefix of the history, even
            // when another node's clock lags.
            var timestamp = EventSeal.Stored(Instant.Max(at, stream.Aggregate?.LastEventAt ?? at));
            var wrapped = session.Events.BuildEvent(data);
            wrapped.Timestamp = timestamp.ToDateTimeOffset();
            wrapped.UserName = actor;
            wrapped.CorrelationId = correlation;
            wrapped.CausationId = causation;
            var type = data.GetType().Name;
            var key = EventSeal.HoldsPersonalData(type) ? EventSeal.NewPersonalDataKey() : null;
            using var json = System.Text.Json.JsonDocument.Parse(serializer.ToJson(data));
            previous = EventSeal.Hash(previous,
                new SealedFields(stream.Id, ++version, type, timestamp, actor, correlation, causation, json.RootElement, key));
            wrapped.SetHeader(EventSeal.HashHeader, previous);
            if (key is not null) wrapped.SetHeader(EventSeal.PersonalDataKeyHeader, Convert.ToBase64String(key));
            sealedEvents.Add(wrapped);
        }
        stream.AppendMany(sealedEvents.ToArray());
    }
}
