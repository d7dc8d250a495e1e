using Complaints.Host.Tests.Infrastructure;
using Npgsql;

namespace Complaints.Host.Tests.Audit;

/// <summary>Someone with database access edits the event table behind the engine's back.</summary>
public static class Tampering
{
    public static async Task AlterAsync(this ComplaintsApi api, Guid complaint, string sql)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("complaint", complaint);
        (await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken)).ShouldBeGreaterThan(0);
    }

    public static Task UpdateEventAsync(this ComplaintsApi api, Guid complaint, long version, string set) =>
        api.AlterAsync(complaint,
            $"update complaints.mt_events set {set} where stream_id = @complaint and version = {version}");

    /// <summary>
    /// Appends an event of <paramref name="type"/> with <paramref name="data"/> to the complaint's stream as Marten
    /// would store it, next version and next sequence number, as a newer engine or a hand edit can leave one.
    /// </summary>
    public static Task AppendStoredEventAsync(this ComplaintsApi api, Guid complaint, string type, string clrType, string data) =>
        AppendStoredEventAsync(api.ConnectionString, complaint, type, clrType, data);

    /// <inheritdoc cref="AppendStoredEventAsync(ComplaintsApi, Guid, string, string, string)"/>
    public static async Task AppendStoredEventAsync(string connectionString, Guid complaint, string type, string clrType, string data)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            """
            with stream as (update complaints.mt_streams set version = version + 1 where id = @complaint returning version)
            insert into complaints.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, headers)
            select nextval('complaints.mt_events_sequence'), gen_random_uuid(), @complaint, stream.version, @data::jsonb, @type,
                   now(), '*DEFAULT*', @clrType || ', Complaints.Domain', '{}'::jsonb
            from stream
            """, connection);
        command.Parameters.AddWithValue("complaint", complaint);
        command.Parameters.AddWithValue("type", type);
        command.Parameters.AddWithValue("clrType", clrType);
        command.Parameters.AddWithValue("data", data);
        (await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken)).ShouldBe(1);
    }
}
