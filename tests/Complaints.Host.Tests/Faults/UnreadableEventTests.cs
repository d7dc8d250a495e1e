using System.Net;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Infrastructure;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Complaints.Host.Tests.Faults;

/// <summary>
/// An event that cannot be read at all still stops the reports where everyone sees it (skipping it would make them
/// silently wrong), but only an authenticated caller learns why. Runs on a host and database of its own, since the
/// stopped projection stays stopped.
/// </summary>
[Collection(CodegenCollection.Name)]
[Trait("Category", "Faults")]
public sealed class UnreadableEventTests
{
    [Fact]
    public async Task An_unreadable_event_stops_the_reports_and_readiness_tells_only_authenticated_callers_why()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await TestDatabases.EmptyAsync("complaints_poison_tests");
        await using var host = TestDatabases.HostOn(connectionString, new TestClock(ComplaintsApi.Start));
        var staff = host.StaffClient();
        var anonymous = host.CreateClient();
        (await anonymous.GetJsonAsync("/health/ready")).ShouldBe(HttpStatusCode.OK);

        // Behind the engine's back, while the reports are paused: an event whose data no longer reads as its type.
        var projections = host.Services.GetRequiredService<IProjectionCoordinator>();
        await projections.PauseAsync();
        var id = await staff.RegisterAsync();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using var corrupt = new NpgsqlCommand(
                "update complaints.mt_events set data = jsonb_set(data, '{intake,severity}', '{\"not\": \"a severity\"}') " +
                "where stream_id = $1 and version = 1", connection);
            corrupt.Parameters.AddWithValue(id);
            (await corrupt.ExecuteNonQueryAsync(ct)).ShouldBe(1);
        }
        await projections.ResumeAsync();

        var patience = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var readiness = await anonymous.GetJsonAsync("/health/ready");
        while (readiness.Status == HttpStatusCode.OK && DateTime.UtcNow < patience)
        {
            await Task.Delay(250, ct);
            readiness = await anonymous.GetJsonAsync("/health/ready");
        }

        readiness.ShouldBe(HttpStatusCode.ServiceUnavailable);
        readiness.Text("status").ShouldBe("degraded");
        readiness.Text("projections").ShouldBe("stopped");
        var stopped = readiness.Body!["stoppedProjections"]!.AsArray().ShouldHaveSingleItem()!;
        stopped["name"]!.GetValue<string>().ShouldBe("complaint-reports:All");
        stopped["failure"].ShouldBeNull("anonymous callers are not shown exception text");

        var told = (await staff.GetJsonAsync("/health/ready")).ShouldBe(HttpStatusCode.ServiceUnavailable);
        told.Body!["stoppedProjections"]![0]!["failure"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }
}
