using Complaints.Host.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Complaints.Host.Tests.Infrastructure;

/// <summary>Databases and hosts of their own on the embedded cluster, for tests that cannot share the API's.</summary>
public static class TestDatabases
{
    /// <summary>
    /// The cluster settings the engine would read from the environment (<c>EmbeddedPostgres__Port</c>, …), so a second
    /// checkout can run its tests beside this one on a port of its own.
    /// </summary>
    public static EmbeddedPostgresOptions ClusterOptions(string database)
    {
        var options = new ConfigurationBuilder().AddEnvironmentVariables().Build()
            .GetSection("EmbeddedPostgres").Get<EmbeddedPostgresOptions>() ?? new EmbeddedPostgresOptions();
        options.Database = database;
        return options;
    }

    /// <summary>The tests' embedded cluster, for the named database.</summary>
    public static EmbeddedPostgres Cluster(string database) =>
        new(ClusterOptions(database), NullLogger<EmbeddedPostgres>.Instance);

    /// <summary>The named database, created on first use; what earlier runs wrote stays.</summary>
    public static Task<string> OwnAsync(string name) =>
        Cluster(name).EnsureRunningAsync(TestContext.Current.CancellationToken);

    /// <summary>
    /// A cluster of the fault suite's own, for tests that stop PostgreSQL while the rest of the suite uses the shared
    /// one: in <c>.data/postgres-faults</c>, two ports above the shared cluster's configured port, or on the port
    /// derived from its own folder.
    /// </summary>
    public static EmbeddedPostgres FaultCluster(string database)
    {
        var options = ClusterOptions(database);
        options.DataDirectory = Path.Combine(Repository.Root, ".data", "postgres-faults");
        options.Port += 2;
        return new EmbeddedPostgres(options, NullLogger<EmbeddedPostgres>.Instance);
    }

    /// <summary>The named database without the engine's schemas, so nothing an earlier run left can interfere.</summary>
    public static Task<string> EmptyAsync(string name) => EmptyAsync(Cluster(name));

    /// <inheritdoc cref="EmptyAsync(string)"/>
    public static async Task<string> EmptyAsync(EmbeddedPostgres cluster)
    {
        var connectionString = await cluster.EnsureRunningAsync(TestContext.Current.CancellationToken);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var drop = new NpgsqlCommand("drop schema if exists complaints cascade; drop schema if exists analytics cascade", connection);
        await drop.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return connectionString;
    }

    /// <summary>A host of its own on <paramref name="connectionString"/>, run like the shared one, with extra settings.</summary>
    public static WebApplicationFactory<Program> HostOn(string connectionString, TestClock clock,
        Action<IWebHostBuilder>? configure = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            ComplaintsApi.UseTestDefaults(builder, connectionString, clock);
            configure?.Invoke(builder);
        });
}
