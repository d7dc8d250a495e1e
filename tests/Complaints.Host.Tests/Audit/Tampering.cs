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
}
