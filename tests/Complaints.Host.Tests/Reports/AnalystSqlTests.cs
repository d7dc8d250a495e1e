using System.Net;
using Complaints.Host.Tests.Infrastructure;
using Complaints.Projections.Analytics;
using Npgsql;
using Weasel.Postgresql;

namespace Complaints.Host.Tests.Reports;

/// <summary>Analysts' SQL over the analytics tables, as the read-only analyst role.</summary>
public sealed class AnalystSqlTests(ComplaintsApi api) : ApiTest(api)
{
    private const string ExampleMarker = "<!-- analytics-example: on-time rate";

    [Fact]
    public async Task The_documented_query_gives_the_same_on_time_rate_as_the_HTTP_call()
    {
        await November.RecordAsync(Api);

        var http = (await Client.GetJsonAsync("/api/kpis?from=2026-11-01&to=2026-11-30&severity=B&department=maintenance"))
            .ShouldBe(HttpStatusCode.OK).Body!["rows"]![0]!["timelinessRate"]!;
        await using var connection = await AnalystAsync();
        await using var query = new NpgsqlCommand(DocumentedQuery(ExampleMarker), connection);
        await using var reader = await query.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        (await reader.ReadAsync(TestContext.Current.CancellationToken)).ShouldBeTrue();

        reader.GetInt64(0).ShouldBe(http["count"]!.GetValue<long>());
        reader.GetInt64(1).ShouldBe(http["of"]!.GetValue<long>());
        ((double)reader.GetDecimal(2)).ShouldBe(http["value"]!.GetValue<double>());
        reader.GetDecimal(2).ShouldBe(0.9474m);
    }

    [Theory]
    [InlineData("insert into analytics.ledger (complaint_id) values (gen_random_uuid())")]
    [InlineData("delete from analytics.deadlines")]
    [InlineData("select count(*) from complaints.mt_events")]
    [InlineData("select count(*) from complaints.mt_doc_complaintdetails")]
    public async Task The_analyst_role_can_neither_write_nor_read_the_event_store(string sql)
    {
        await using var connection = await AnalystAsync();
        await using var command = new NpgsqlCommand(sql, connection);

        var refused = await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));

        refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Fact]
    public async Task Engines_setting_up_their_databases_at_once_on_one_cluster_all_start()
    {
        // Roles belong to the cluster, not the database: hosts migrating side by side (tests, a second node) each saw
        // the role missing and the slower one failed its start on the duplicate.
        var role = new AnalystRole($"complaints_analyst_{Guid.NewGuid():N}");
        var create = new StringWriter();
        role.WriteCreateStatement(new PostgresqlMigrator(), create);
        var databases = await Task.WhenAll(Enumerable.Range(1, 6).Select(n => TestDatabases.OwnAsync($"role_set_up_{n}")));
        using var start = new Barrier(databases.Length);

        try
        {
            var setUps = databases.Select(database => Task.Run(async () =>
            {
                await using var connection = new NpgsqlConnection(database);
                await connection.OpenAsync(TestContext.Current.CancellationToken);
                await using (var schema = new NpgsqlCommand("create schema if not exists analytics", connection))
                    await schema.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
                await using var command = new NpgsqlCommand(create.ToString(), connection);
                start.SignalAndWait(TestContext.Current.CancellationToken);
                await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }, TestContext.Current.CancellationToken)).ToArray();

            await Should.NotThrowAsync(() => Task.WhenAll(setUps));
        }
        finally
        {
            foreach (var database in databases)
            {
                await using var connection = new NpgsqlConnection(database);
                await connection.OpenAsync(TestContext.Current.CancellationToken);
                await using var drop = new NpgsqlCommand(
                    $"do $$ begin if exists (select from pg_roles where rolname = '{role.RoleName}') then drop owned by {role.RoleName}; end if; end $$",
                    connection);
                await drop.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }
            await using var last = new NpgsqlConnection(databases[0]);
            await last.OpenAsync(TestContext.Current.CancellationToken);
            await using var dropRole = new NpgsqlCommand($"drop role if exists {role.RoleName}", last);
            await dropRole.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
    }

    private Task<NpgsqlConnection> AnalystAsync() => AnalystAsync(Api.ConnectionString);

    /// <summary>A connection acting as the read-only analyst role.</summary>
    internal static async Task<NpgsqlConnection> AnalystAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var role = new NpgsqlCommand("set role complaints_analyst", connection);
        await role.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    /// <summary>The example query of the guide (docs/analytics.md unless named) after <paramref name="marker"/>, so the guide cannot drift from what the engine answers.</summary>
    internal static string DocumentedQuery(string marker, string document = "analytics.md")
    {
        var guide = File.ReadAllText(Path.Combine(Repository.Root, "docs", document));
        var afterMarker = guide[guide.IndexOf(marker, StringComparison.Ordinal)..];
        var start = afterMarker.IndexOf("```sql", StringComparison.Ordinal) + "```sql".Length;
        return afterMarker[start..afterMarker.IndexOf("```", start, StringComparison.Ordinal)];
    }
}
