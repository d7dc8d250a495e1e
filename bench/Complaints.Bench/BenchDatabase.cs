using Complaints.Host.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Complaints.Bench;

/// <summary>
/// The one PostgreSQL every measurement runs against: the project's embedded cluster (as the engine starts it by
/// default), in a database the bench drops and creates again so each run starts from nothing.
/// </summary>
public static class BenchDatabase
{
    public const string Name = "complaints_bench";

    public static async Task<string> FreshAsync(int? port, CancellationToken ct, string name = Name)
    {
        var embedded = Cluster(port);
        var server = await embedded.EnsureRunningAsync(ct);
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(ct);
            await ExecuteAsync(connection, $"drop database if exists {name} with (force)", ct);
            await ExecuteAsync(connection, $"create database {name}", ct);
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static EmbeddedPostgres Cluster(int? port) =>
        new(new EmbeddedPostgresOptions { Port = port, Database = "postgres" }, NullLogger<EmbeddedPostgres>.Instance);

    /// <summary>Where the cluster keeps its data (and its postmaster.pid).</summary>
    public static string DataDirectory(int? port) => Cluster(port).DataDirectory;

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Waits until PostgreSQL is done with what the run's earlier writes left it (a checkpoint, autovacuum), at most
    /// three minutes: after (d)'s million rows it checkpoints and vacuums for minutes on the same two cores (the cold
    /// starts at ce2c258 took 12-16 s while it did, 4.3 s on the same store once it had finished), and autovacuum may
    /// only begin a minute after the writes, so one look is not enough: it must stay quiet for five seconds.
    /// </summary>
    public static async Task QuietAsync(string connectionString, CancellationToken ct)
    {
        await ScalarAsync<object>(connectionString, "checkpoint; select 1", ct);
        var patience = System.Diagnostics.Stopwatch.StartNew();
        var quietSince = TimeSpan.Zero;
        while (patience.Elapsed < TimeSpan.FromMinutes(3) && patience.Elapsed - quietSince < TimeSpan.FromSeconds(5))
        {
            if (await ScalarAsync<long>(connectionString,
                    "select count(*) from pg_stat_activity where backend_type = 'autovacuum worker'", ct) > 0)
                quietSince = patience.Elapsed;
            await Task.Delay(1000, ct);
        }
        Console.WriteLine($"    PostgreSQL quiet after {patience.Elapsed.TotalSeconds:F0} s (checkpoint, autovacuum)");
    }

    /// <summary>Until the engine has nothing left to do: no message waiting in its queues, reports caught up.</summary>
    public static async Task<TimeSpan> WaitUntilSettledAsync(string connectionString, TimeSpan patience, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < patience)
        {
            var backlog = await ScalarAsync<long>(connectionString, """
                select (select count(*) from complaints.wolverine_incoming_envelopes where status = 'Incoming')
                     + (select count(*) from complaints.wolverine_outgoing_envelopes)
                     + coalesce((select max(seq_id) from complaints.mt_events), 0)
                     - coalesce((select min(last_seq_id) from complaints.mt_event_progression where name not like 'HighWater%'), 0)
                """, ct);
            if (backlog <= 0) return clock.Elapsed;
            await Task.Delay(250, ct);
        }
        throw new TimeoutException($"The engine still had work queued after {patience.TotalSeconds:F0} s.");
    }
}
