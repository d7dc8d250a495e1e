using System.Net;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Complaints.Host.Tests.Health;

/// <summary>On a shared database the projections may run on another node; readiness must say so, not fail.</summary>
[Collection(CodegenCollection.Name)]
public sealed class ClusterReadinessTests
{
    [Fact]
    public async Task A_node_that_does_not_hold_the_projections_answers_readiness_without_failing()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await TestDatabases.OwnAsync("complaints_cluster_tests");
        await using var host = TestDatabases.HostOn(connectionString, new TestClock(ComplaintsApi.Start), builder =>
        {
            builder.UseSetting("Projections:Distribution", "cluster");
            builder.UseSetting("Messaging:DurabilityMode", "Balanced");
        });
        var client = host.CreateClient();

        // From the first moment, before any node has been given the projections, until it settles.
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add((await client.GetJsonAsync("/health/ready")).Status);
            await Task.Delay(100, ct);
        }

        answers.ShouldAllBe(status => status == HttpStatusCode.OK || status == HttpStatusCode.ServiceUnavailable);
        answers.ShouldContain(HttpStatusCode.OK);
    }
}
