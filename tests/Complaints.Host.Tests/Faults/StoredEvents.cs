using Npgsql;

namespace Complaints.Host.Tests.Faults;

/// <summary>What the event store holds, read with SQL as an operator would, past every cache of the engine.</summary>
public static class StoredEvents
{
    /// <summary>The streams whose ComplaintReceived has each description starting with <paramref name="prefix"/>.</summary>
    public static async Task<Dictionary<string, List<Guid>>> RegistrationsAsync(string connectionString, string prefix)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var query = new NpgsqlCommand(
            """
            select data -> 'intake' ->> 'description', stream_id from complaints.mt_events
            where type = 'complaint_received' and data -> 'intake' ->> 'description' like $1 || '%'
            """, connection);
        query.Parameters.AddWithValue(prefix);
        var registrations = new Dictionary<string, List<Guid>>();
        await using var reader = await query.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var description = reader.GetString(0);
            if (!registrations.TryGetValue(description, out var streams)) registrations[description] = streams = [];
            streams.Add(reader.GetGuid(1));
        }
        return registrations;
    }

    /// <summary>How often each complaint missed the deadline <paramref name="rule"/> (complaints that did not: absent).</summary>
    public static async Task<Dictionary<Guid, int>> MissesAsync(string connectionString, string rule)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var query = new NpgsqlCommand(
            "select stream_id, count(*) from complaints.mt_events where type = 'deadline_missed' and data ->> 'rule' = $1 group by stream_id",
            connection);
        query.Parameters.AddWithValue(rule);
        var misses = new Dictionary<Guid, int>();
        await using var reader = await query.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken)) misses[reader.GetGuid(0)] = (int)reader.GetInt64(1);
        return misses;
    }

    /// <summary>How late the misses of deadline <paramref name="rule"/> were recorded after their due instant, for the record.</summary>
    public static async Task<string> LatenessAsync(string connectionString, string rule)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var query = new NpgsqlCommand(
            """
            with lateness as (
                select extract(epoch from (data ->> 'recordedAt')::timestamptz - (data ->> 'dueAt')::timestamptz) as seconds
                from complaints.mt_events where type = 'deadline_missed' and data ->> 'rule' = $1)
            select format('min %s s, median %s s, max %s s', round(min(seconds), 1),
                          round(percentile_cont(0.5) within group (order by seconds)::numeric, 1), round(max(seconds), 1))
            from lateness
            """, connection);
        query.Parameters.AddWithValue(rule);
        return (string)(await query.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>
    /// The durable first-level timers of deadline <paramref name="rule"/> in Wolverine's inbox, counted by status
    /// (Scheduled until they fire, Handled after).
    /// </summary>
    public static async Task<Dictionary<string, int>> TimersAsync(string connectionString, string rule)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var query = new NpgsqlCommand(
            """
            select status, count(*) from complaints.wolverine_incoming_envelopes
            where message_type = 'Complaints.Host.Deadlines.DeadlineDue'
              and encode(body, 'escape') like '%"rule":"' || $1 || '","round":1,"level":1,%'
            group by status
            """, connection);
        query.Parameters.AddWithValue(rule);
        var timers = new Dictionary<string, int>();
        await using var reader = await query.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken)) timers[reader.GetString(0)] = (int)reader.GetInt64(1);
        return timers;
    }

    /// <summary>The version digits of the ids of the messages in Wolverine's inbox, and how many carry each.</summary>
    public static async Task<Dictionary<string, int>> EnvelopeIdVersionsAsync(string connectionString)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var query = new NpgsqlCommand(
            "select substr(id::text, 15, 1), count(*) from complaints.wolverine_incoming_envelopes group by 1", connection);
        var versions = new Dictionary<string, int>();
        await using var reader = await query.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken)) versions[reader.GetString(0)] = (int)reader.GetInt64(1);
        return versions;
    }

    /// <summary>A connection of its own: one from the pool may be a dead one from before a database restart.</summary>
    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
