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
    string? CausationId, string? Hash, string? PersonalDataKey, JsonElement Data)
{
    public SealedFields Sealed => new(StreamId, Version, Type, Timestamp, Actor, Data,
        PersonalDataKey is null ? null : Convert.FromBase64String(PersonalDataKey));
}

/// <summary>Which complaints to read: one, those registered in a time range, or all.</summary>
public sealed record EventSelection(Guid? Complaint = null, Instant? RegisteredFrom = null, Instant? RegisteredTo = null)
{
    public static readonly EventSelection All = new();
}

/// <summary>Reads complaint histories straight from the event table, stream by stream, in version order.</summary>
public sealed class EventLog(IDocumentStore store)
{
    private const string Events = StoreConfiguration.Schema + ".mt_events";
    private const string Streams = StoreConfiguration.Schema + ".mt_streams";

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
                   headers ->> '{EventSeal.HashHeader}', headers ->> '{EventSeal.PersonalDataKeyHeader}', data::text
            from {Events} where {Filter(selection, command)} order by stream_id, version
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
                data.RootElement.Clone());
        }
    }

    /// <summary>
    /// Recomputes the hash chain of every selected complaint, including one whose events were all deleted while
    /// its stream still records a version.
    /// </summary>
    public async IAsyncEnumerable<IntegrityReport> VerifyAsync(EventSelection selection,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var recorded = await RecordedVersionsAsync(selection, ct);
        var seen = new HashSet<Guid>();
        await foreach (var stream in ByStream(ReadAsync(selection, ct)))
        {
            var id = stream[0].StreamId;
            seen.Add(id);
            yield return ChainVerifier.Verify(id, stream, recorded.GetValueOrDefault(id));
        }
        foreach (var (id, version) in recorded)
            if (!seen.Contains(id))
                yield return ChainVerifier.Verify(id, [], version);
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

    /// <summary>The version each selected stream records as its last, which a deleted tail no longer reaches.</summary>
    public async Task<IReadOnlyDictionary<Guid, long>> RecordedVersionsAsync(EventSelection selection, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"select id, version from {Streams} where {Filter(selection, command, "id")}";
        var versions = new Dictionary<Guid, long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) versions[reader.GetGuid(0)] = reader.GetInt64(1);
        return versions;
    }

    private static string Filter(EventSelection selection, NpgsqlCommand command, string streamColumn = "stream_id")
    {
        if (selection.Complaint is { } id)
        {
            command.Parameters.AddWithValue("complaint", id);
            return $"{streamColumn} = @complaint";
        }
        var registered = new List<string> { "version = 1" };
        if (selection.RegisteredFrom is { } from)
        {
            command.Parameters.AddWithValue("from", from.ToDateTimeOffset());
            registered.Add("timestamp >= @from");
        }
        if (selection.RegisteredTo is { } to)
        {
            command.Parameters.AddWithValue("to", to.ToDateTimeOffset());
            registered.Add("timestamp < @to");
        }
        return registered.Count == 1
            ? "true"
            : $"{streamColumn} in (select stream_id from {Events} where {string.Join(" and ", registered)})";
    }

    private static string? Text(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
