using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Complaints.Bench;

/// <summary>
/// (a) The database's own limit for this kind of write: one ~600-byte jsonb row per transaction, prepared,
/// from concurrent writers each holding a connection. Nothing the engine does can append faster than this.
/// </summary>
public static class RawInsertBenchmark
{
    public static async Task<Throughput> RunAsync(string connectionString, BenchOptions options, CancellationToken ct)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var setup = await dataSource.OpenConnectionAsync(ct))
            await BenchDatabase.ExecuteAsync(setup, """
                create schema if not exists bench;
                drop table if exists bench.raw_insert;
                create table bench.raw_insert (id bigserial primary key, body jsonb not null);
                """, ct);

        var body = Row();
        var connections = new List<NpgsqlConnection>();
        try
        {
            return await Throughput.MeasureAsync(options.Writers, options.WriteDuration, writer =>
            {
                var connection = dataSource.OpenConnection();
                lock (connections) connections.Add(connection);
                var insert = new NpgsqlCommand("insert into bench.raw_insert (body) values ($1)", connection)
                {
                    Parameters = { new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = body } }
                };
                insert.Prepare();
                return async token => await insert.ExecuteNonQueryAsync(token);
            }, ct);
        }
        finally
        {
            foreach (var connection in connections) await connection.DisposeAsync();
        }
    }

    /// <summary>A registration-sized document: about the size of the engine's ComplaintReceived event.</summary>
    public static string Row()
    {
        var row = JsonSerializer.Serialize(new
        {
            number = "CP-2026-000001", severity = "B", category = "repair-workmanship", responsibleDepartment = "maintenance",
            region = "cn-east", channel = "phone",
            description = "Brake noise after repair RO-2291.",
            customerExpectation = "Repair again free of charge and a courtesy car",
            requestedResolutionDate = "2026-11-30",
            customer = new { name = "Li Wei", phone = "+86 138 0000 0000", email = "li.wei@example.com" },
            receivedBy = new { name = "Zhang San", department = "customer-service", kind = "customer-service" },
            receivedAt = "2026-11-20T01:00:00Z", location = "Workshop 2, Shanghai"
        });
        // Padded to exactly 600 bytes (ASCII), the size the issue names.
        return row.Length >= 600 ? row : row[..^1] + $",\"note\":\"{new string('x', 600 - row.Length - 10)}\"}}";
    }
}
