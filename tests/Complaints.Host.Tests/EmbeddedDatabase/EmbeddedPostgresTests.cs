using Complaints.Host.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Complaints.Host.Tests.EmbeddedDatabase;

public sealed class EmbeddedPostgresTests
{
    private static EmbeddedPostgres Cluster(string? dataDirectory = null) =>
        new(new EmbeddedPostgresOptions { Database = "complaints_tests", DataDirectory = dataDirectory },
            NullLogger<EmbeddedPostgres>.Instance);

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
    public async Task A_cluster_whose_port_is_taken_says_which_setting_to_change()
    {
        var ct = TestContext.Current.CancellationToken;
        await Cluster().EnsureRunningAsync(ct);
        var other = Path.Combine(Path.GetTempPath(), "complaints-pg-" + Guid.NewGuid().ToString("N"));
        try
        {
            var failure = await Should.ThrowAsync<InvalidOperationException>(() => Cluster(other).EnsureRunningAsync(ct));

            failure.Message.ShouldContain("did not start on port 54329");
            failure.Message.ShouldContain("EmbeddedPostgres:Port");
            failure.Message.ShouldContain("Address already in use");
        }
        finally
        {
            Directory.Delete(other, recursive: true);
            File.Delete(other + ".lock");
        }
    }
}
