using System.Net;
using Complaints.Host.Infrastructure;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Complaints.Host.Tests.Health;

/// <summary>On a shared database the projections may run on another node; readiness must say so, not fail.</summary>
[Collection(CodegenCollection.Name)]
public sealed class ClusterReadinessTests
{
    [Fact]
    public async Task A_node_that_does_not_hold_the_projections_answers_readiness_without_failing()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await new EmbeddedPostgres(new EmbeddedPostgresOptions { Database = "complaints_cluster_tests" },
            NullLogger<EmbeddedPostgres>.Instance).EnsureRunningAsync(ct);
        await using var host = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            ComplaintsApi.UseTestDefaults(builder, connectionString, new TestClock(ComplaintsApi.Start));
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
