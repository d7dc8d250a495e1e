using System.Runtime.CompilerServices;
using Complaints.Domain;
using Complaints.Domain.Deadlines;
using Complaints.Domain.Workflow;
using Complaints.Host.Audit;
using Complaints.Host.Infrastructure;
using Marten;
using NodaTime;

namespace Complaints.Host.Rules;

/// <summary>A complaint's stream as the replay reads it: its events with the instants they were recorded at.</summary>
public sealed record ClockStream(Guid Id, IReadOnlyList<StoredClockEvent> Events)
{
    /// <summary>
    /// How far the recorded history goes: its last event that is not a repair. A repair is appended when an operator
    /// runs it, later than the procedure; timers replayed up to it would fire clocks the history never reached, so a
    /// second repair would find what the first one made.
    /// </summary>
    public Instant LastRecordedAt => Events.LastOrDefault(e => e.Event is not DeadlineRecomputed)?.RecordedAt ?? Instant.MinValue;
}

/// <summary>Reads complaints' streams for the replay, one complaint or those registered in a period, in batches.</summary>
public sealed class ClockStreams(IDocumentStore store)
{
    /// <summary>Streams read per query: a year of complaints is read in a few hundred round trips, not one per complaint.</summary>
    private const int Batch = 500;

    public async Task<ClockStream?> OneAsync(Guid id, CancellationToken ct)
    {
        if (id == Guid.Empty) return null;
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        return events.Count == 0 ? null : Of(id, events);
    }

    /// <summary>The complaints <paramref name="selection"/> names, each with its whole stream.</summary>
    public IAsyncEnumerable<ClockStream> SelectedAsync(EventSelection selection, CancellationToken ct) => ReadAsync(selection, [], ct);

    /// <summary>
    /// As <see cref="SelectedAsync"/> without the clock events recorded: all a recomputation reads (the what-if, which
    /// compares two of them), and most of a stream's events, so a year is read in half the time.
    /// </summary>
    public IAsyncEnumerable<ClockStream> ProceduresAsync(EventSelection selection, CancellationToken ct) => ReadAsync(selection,
        [.. store.Options.Events.AllKnownEventTypes().Where(t => ClockReplay.ClockEventTypes.Contains(t.EventType)).Select(t => t.EventTypeName)], ct);

    private async IAsyncEnumerable<ClockStream> ReadAsync(EventSelection selection, string[] leftOut, [EnumeratorCancellation] CancellationToken ct)
    {
        var batches = (await IdsAsync(selection, ct)).Chunk(Batch).ToList();
        if (batches.Count == 0) yield break;
        // The next batch is read while the caller replays this one: reading and replaying use a core each.
        var next = BatchAsync(batches[0], leftOut, ct);
        for (var i = 0; i < batches.Count; i++)
        {
            var events = await next;
            if (i + 1 < batches.Count) next = BatchAsync(batches[i + 1], leftOut, ct);
            foreach (var stream in events.GroupBy(e => e.StreamId)) yield return Of(stream.Key, [.. stream]);
        }
    }

    private async Task<IReadOnlyList<JasperFx.Events.IEvent>> BatchAsync(Guid[] batch, string[] leftOut, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Events.QueryAllRawEvents()
            .Where(e => batch.Contains(e.StreamId) && !leftOut.Contains(e.EventTypeName))
            .OrderBy(e => e.StreamId).ThenBy(e => e.Version)
            .ToListAsync(ct);
    }

    private async Task<List<Guid>> IdsAsync(EventSelection selection, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            select s.id from {StoreConfiguration.Schema}.mt_streams s
            where s.type = '{StoreConfiguration.ComplaintStreamType}' and {EventLog.Within(selection, command, "s.id")}
            order by s.id
            """;
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return ids;
    }

    public static ClockStream Of(Guid id, IReadOnlyList<JasperFx.Events.IEvent> events) => new(id,
        [.. events.Where(e => e.Data is IComplaintEvent)
            .Select(e => new StoredClockEvent((IComplaintEvent)e.Data, Instant.FromDateTimeOffset(e.Timestamp)))]);
}
