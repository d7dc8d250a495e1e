using Complaints.Host.Infrastructure;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using System.Runtime.Versioning;
using Npgsql;

namespace Complaints.Host.Tests.EmbeddedDatabase;

public sealed class EmbeddedPostgresTests
{
    private static EmbeddedPostgres Cluster(string? dataDirectory = null, int? port = null, bool derivePort = false)
    {
        var options = TestDatabases.ClusterOptions("complaints_tests");
        options.DataDirectory = dataDirectory ?? options.DataDirectory;
        options.Port = derivePort ? null : port ?? options.Port;
        return new EmbeddedPostgres(options, NullLogger<EmbeddedPostgres>.Instance);
    }

    [Fact]
    public async Task A_second_start_reuses_the_running_cluster_and_its_database_answers()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = Cluster();
        var first = await cluster.EnsureRunningAsync(ct);
        var serverBefore = await File.ReadAllLinesAsync(Path.Combine(cluster.DataDirectory, "postmaster.pid"), ct);

        var second = await Cluster().EnsureRunningAsync(ct);

        second.ShouldBe(first);
        (await File.ReadAllLinesAsync(Path.Combine(cluster.DataDirectory, "postmaster.pid"), ct))[0]
            .ShouldBe(serverBefore[0], "the server process should be the same one");
        await using var connection = new NpgsqlConnection(second);
        await connection.OpenAsync(ct);
        await using var query = new NpgsqlCommand("select current_database()", connection);
        (await query.ExecuteScalarAsync(ct)).ShouldBe("complaints_tests");
    }

    [Fact]
    public async Task A_cluster_whose_port_is_taken_says_which_setting_to_change_in_one_line()
    {
        var ct = TestContext.Current.CancellationToken;
        // The port the cluster really runs on: one started before ports were derived keeps the one it had.
        var port = new NpgsqlConnectionStringBuilder(await Cluster().EnsureRunningAsync(ct)).Port;
        var other = Path.Combine(Path.GetTempPath(), "complaints-pg-" + Guid.NewGuid().ToString("N"));
        try
        {
            var failure = await Should.ThrowAsync<StartupFailure>(() => Cluster(other, port).EnsureRunningAsync(ct));

            failure.Message.ShouldContain($"did not start on port {port}");
            failure.Message.ShouldContain("EmbeddedPostgres:Port");
            failure.Message.ShouldContain("Address already in use");
            failure.Message.ShouldNotContain("\n");
        }
        finally
        {
            Directory.Delete(other, recursive: true);
            File.Delete(other + ".lock");
        }
    }

    [Fact]
    public async Task Two_checkouts_without_a_configured_port_each_get_a_cluster_of_their_own()
    {
        var ct = TestContext.Current.CancellationToken;
        // Fixed folders: their derived ports are fixed too (and differ), so the test cannot fail by a chance meeting.
        var root = Path.Combine(Path.GetTempPath(), "complaints-two-checkouts");
        var checkouts = new[] { "a", "b" }.Select(checkout => Path.Combine(root, checkout, ".data", "postgres")).ToList();
        var clusters = checkouts.Select(folder => Cluster(folder, derivePort: true)).ToList();
        try
        {
            var connections = await Task.WhenAll(clusters.Select(cluster => cluster.EnsureRunningAsync(ct)));

            clusters[0].Port.ShouldNotBe(clusters[1].Port);
            clusters.ShouldAllBe(cluster => cluster.Port >= EmbeddedPostgres.FirstDerivedPort
                                            && cluster.Port < EmbeddedPostgres.FirstDerivedPort + EmbeddedPostgres.DerivedPorts);
            Cluster(checkouts[0], derivePort: true).Port.ShouldBe(clusters[0].Port, "a checkout keeps its port");
            foreach (var connectionString in connections)
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct);
            }
        }
        finally
        {
            foreach (var cluster in clusters) await cluster.StopAsync(immediately: true, ct);
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_checkout_the_postgres_user_cannot_reach_keeps_its_cluster_where_it_can_as_root()
    {
        var privateHome = Directory.CreateTempSubdirectory("complaints-private-").FullName;
        File.SetUnixFileMode(privateHome, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var wanted = Path.Combine(privateHome, "checkout", ".data", "postgres");

            var chosen = Cluster(wanted).DataDirectory;

            if (Environment.UserName == "root")
            {
                chosen.ShouldStartWith(Path.GetTempPath());
                chosen.ShouldNotStartWith(privateHome);
                Cluster(wanted).DataDirectory.ShouldBe(chosen, "the same checkout must find its cluster again");
            }
            else
                chosen.ShouldBe(wanted);
        }
        finally
        {
            Directory.Delete(privateHome, recursive: true);
        }
    }
}
