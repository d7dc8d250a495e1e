using System.Runtime.CompilerServices;
using System.Text.Json;
using Complaints.Host.Infrastructure;
using Marten;
using NodaTime;
using Npgsql;

namespace Complaints.Host.Audit;

/// <summary>An event exactly as stored: its row read with SQL, not deserialized, so nothing an edit changed is hidden.</summary>
public sealed record StoredEvent(
    Guid StreamId, long Version, long Sequence, string Type, Instant Timestamp, string? Actor, string? CorrelationId,
    string? CausationId, string? Hash, string? PersonalDataKey, JsonElement Data, bool Archived = false)
{
    public SealedFields Sealed => new(StreamId, Version, Type, Timestamp, Actor, CorrelationId, CausationId, Data,
        PersonalDataKey is null ? null : Convert.FromBase64String(PersonalDataKey));
}

/// <summary>Which complaints to read: one, those registered in a time range, or all.</summary>
public sealed record EventSelection(Guid? Complaint = null, Instant? RegisteredFrom = null, Instant? RegisteredTo = null)
{
    public static readonly EventSelection All = new();
}

/// <summary>What records a complaint besides its events: the stream's last version and the current view's.</summary>
public sealed record ComplaintRecord(long? StreamVersion, bool StreamArchived, long? ViewVersion, string? ViewHeadHash);

/// <summary>Reads complaint histories straight from the event table, stream by stream, in version order.</summary>
public sealed class EventLog(IDocumentStore store)
{
    private const string Events = StoreConfiguration.Schema + ".mt_events";
    private const string Streams = StoreConfiguration.Schema + ".mt_streams";
    private const string Views = StoreConfiguration.Schema + ".mt_doc_complaintdetails";

    /// <summary>
    /// Marten fills the sequence numbers a failed append drew with events of this type, in a stream of its own that
    /// is no complaint. A complaint event retyped to it would leave a hole in that complaint's chain, which shows.
    /// </summary>
    private static readonly string NoComplaintEvents = $"type <> '{JasperFx.Events.Tombstone.Name}'";

    /// <summary>
    /// A stream row that is neither a complaint's nor has a complaint's view is Marten's own (the tombstones'); a
    /// complaint's row retyped while its view stays still shows.
    /// </summary>
    private const string ComplaintRecords = $"(s.type = '{StoreConfiguration.ComplaintStreamType}' or v.id is not null)";

    /// <summary>Marten stores each event type under an alias; auditors read and hash the type's own name.</summary>
    private readonly IReadOnlyDictionary<string, string> typeNames = store.Options.Events.AllKnownEventTypes()
        .ToDictionary(t => t.EventTypeName, t => t.EventType.Name);

    public async IAsyncEnumerable<StoredEvent> ReadAsync(EventSelection selection,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            select stream_id, version, seq_id, type, timestamp, user_name, correlation_id, causation_id,
                   headers ->> '{EventSeal.HashHeader}', headers ->> '{EventSeal.PersonalDataKeyHeader}', data::text,
                   is_archived
            from {Events} where {NoComplaintEvents} and {Within(selection, command, "stream_id")} order by stream_id, version
            """;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var alias = reader.GetString(3);
            using var data = JsonDocument.Parse(reader.GetString(10));
            yield return new StoredEvent(reader.GetGuid(0), reader.GetInt64(1), reader.GetInt64(2),
                typeNames.GetValueOrDefault(alias, alias),
                Instant.FromDateTimeOffset(reader.GetFieldValue<DateTimeOffset>(4)),
                Text(reader, 5), Text(reader, 6), Text(reader, 7), Text(reader, 8), Text(reader, 9),
                data.RootElement.Clone(), reader.GetBoolean(11));
        }
    }

    /// <summary>
    /// Recomputes the hash chain of every selected complaint, and holds it against what else records the
    /// complaint: its stream's version and its current view, so a cut tail or a vanished history shows too.
    /// </summary>
    public async IAsyncEnumerable<IntegrityReport> VerifyAsync(EventSelection selection,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var records = await RecordsAsync(selection, ct);
        var files = await StoredFilesAsync(selection, ct);
        var seen = new HashSet<Guid>();
        await foreach (var stream in ByStream(ReadAsync(selection, ct)))
        {
            var id = stream[0].StreamId;
            seen.Add(id);
            yield return ChainVerifier.Verify(id, stream, records.GetValueOrDefault(id), files);
        }
        foreach (var (id, record) in records)
            if (!seen.Contains(id))
                yield return ChainVerifier.Verify(id, [], record);
    }

    /// <summary>Groups events that come stream by stream; a stream that reappears later is refused.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<StoredEvent>> ByStream(IAsyncEnumerable<StoredEvent> events)
    {
        var finished = new HashSet<Guid>();
        var current = new List<StoredEvent>();
        await foreach (var e in events)
        {
            if (current.Count > 0 && current[0].StreamId != e.StreamId)
            {
                finished.Add(current[0].StreamId);
                yield return current;
                current = [];
            }
            if (finished.Contains(e.StreamId))
                throw new FormatException($"The events of complaint {e.StreamId} are not all together.");
            current.Add(e);
        }
        if (current.Count > 0) yield return current;
    }

    /// <summary>The SHA-256 of every stored attachment of the selected complaints, computed from the bytes by the database.</summary>
    private async Task<IReadOnlyDictionary<Guid, string>> StoredFilesAsync(EventSelection selection, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = Complaints.StaffWork.Evidence.StoredHashes(Within(selection, command, "complaint_id"));
        var files = new Dictionary<Guid, string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) files[reader.GetGuid(0)] = reader.GetString(1);
        return files;
    }

    /// <summary>What the stream table and the current view record of each selected complaint.</summary>
    public async Task<IReadOnlyDictionary<Guid, ComplaintRecord>> RecordsAsync(EventSelection selection, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            select coalesce(s.id, v.id), s.version, coalesce(s.is_archived, false),
                   (v.data ->> 'version')::bigint, v.data ->> 'headHash'
            from {Streams} s full outer join {Views} v on v.id = s.id
            where {ComplaintRecords} and {Within(selection, command, "coalesce(s.id, v.id)")}
            """;
        var records = new Dictionary<Guid, ComplaintRecord>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            records[reader.GetGuid(0)] = new ComplaintRecord(
                reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetBoolean(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3), Text(reader, 4));
        return records;
    }

    /// <summary>
    /// The condition that <paramref name="idColumn"/> is a selected complaint. A period selects by the registration
    /// event's timestamp, or by the registration the current view shows when that event is gone; selecting all
    /// reads no list of ids at all.
    /// </summary>
    public static string Within(EventSelection selection, NpgsqlCommand command, string idColumn)
    {
        if (selection.Complaint is { } id)
        {
            command.Parameters.AddWithValue("complaint", id);
            return $"{idColumn} = @complaint";
        }
        if (selection.RegisteredFrom is null && selection.RegisteredTo is null) return "true";
        var events = new List<string> { "version = 1" };
        var views = new List<string> { "true" };
        if (selection.RegisteredFrom is { } from)
        {
            command.Parameters.AddWithValue("from", from.ToDateTimeOffset());
            events.Add("timestamp >= @from");
            views.Add("(data ->> 'registeredAt')::timestamptz >= @from");
        }
        if (selection.RegisteredTo is { } to)
        {
            command.Parameters.AddWithValue("to", to.ToDateTimeOffset());
            events.Add("timestamp < @to");
            views.Add("(data ->> 'registeredAt')::timestamptz < @to");
        }
        return $"{idColumn} in (select stream_id from {Events} where {string.Join(" and ", events)} " +
               $"union select id from {Views} where {string.Join(" and ", views)})";
    }

    private static string? Text(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
