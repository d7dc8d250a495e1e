using System.Net;
using Complaints.Domain;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Infrastructure;
using Complaints.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Host.Tests.Faults;

/// <summary>
/// An event the reports cannot apply must stop them where everyone sees it, not be skipped. Runs on a host and
/// database of its own, since the stopped projection stays stopped.
/// </summary>
[Collection(CodegenCollection.Name)]
[Trait("Category", "Faults")]
public sealed class PoisonEventTests
{
    [Fact]
    public async Task A_stream_the_reports_cannot_apply_stops_them_and_readiness_says_which()
    {
        var ct = TestContext.Current.CancellationToken;
        // The previous run's poison would stop the new host at once: start from an empty schema.
        var connectionString = await TestDatabases.EmptyAsync("complaints_poison_tests");
        await using var host = TestDatabases.HostOn(connectionString, new TestClock(ComplaintsApi.Start));
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var client = host.StaffClient();
        (await client.GetJsonAsync("/health/ready")).ShouldBe(HttpStatusCode.OK).Body!["runningProjections"].Strings()
            .ShouldBe(["complaint-reports:All"]);

        // A stream with no registration, as a faulty import could leave: the API itself never writes one.
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream<ComplaintDetails>(Guid.CreateVersion7(),
                new ComplaintAcknowledged(Guid.CreateVersion7(), "maintenance", "Head Liu", ComplaintsApi.Start));
            await session.SaveChangesAsync(ct);
        }

        var patience = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var readiness = await client.GetJsonAsync("/health/ready");
        while (readiness.Status == HttpStatusCode.OK && DateTime.UtcNow < patience)
        {
            await Task.Delay(250, ct);
            readiness = await client.GetJsonAsync("/health/ready");
        }

        readiness.ShouldBe(HttpStatusCode.ServiceUnavailable);
        readiness.Text("status").ShouldBe("degraded");
        readiness.Text("projections").ShouldBe("stopped");
        var stopped = readiness.Body!["stoppedProjections"]!.AsArray().ShouldHaveSingleItem()!;
        stopped["name"]!.GetValue<string>().ShouldBe("complaint-reports:All");
        readiness.Body!["runningProjections"].Strings().ShouldBeEmpty();
        // The ledger shows nothing of the bad stream rather than a half-made row.
        (await client.GetJsonAsync("/api/ledger")).Long("total").ShouldBe(0);
    }
}
