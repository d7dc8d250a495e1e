using System.Net;
using Complaints.Host.Tests.Faults;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Health;

/// <summary>What an orchestrator's probes see: liveness of the process, readiness of the store, runtime and projections.</summary>
public sealed class HealthEndpointTests(ComplaintsApi api) : ApiTest(api)
{
    [Fact]
    public async Task Liveness_answers_anonymously_while_the_process_runs_and_only_to_GET()
    {
        using var anonymous = Api.CreateClient();

        var live = await anonymous.GetJsonAsync("/health/live");

        live.ShouldBe(HttpStatusCode.OK).Text("status").ShouldBe("live");
        var deleted = await Client.DeleteAsync("/health/live", TestContext.Current.CancellationToken);
        deleted.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Readiness_names_each_part_and_how_far_each_projection_is_behind_the_store()
    {
        await Client.RegisterConfirmedAsync();
        using var anonymous = Api.CreateClient();

        var ready = await Poll.UntilAsync(() => anonymous.GetJsonAsync("/health/ready"),
            answer => answer.Body?["projectionLag"]?["complaint-reports:All"]?.GetValue<long>() == 0, TimeSpan.FromSeconds(30));

        ready.ShouldBe(HttpStatusCode.OK);
        ready.Text("status").ShouldBe("ready");
        ready.Text("store").ShouldBe("up");
        ready.Text("messaging").ShouldBe("up");
        ready.Text("projections").ShouldBe("up");
        ready.Body!["runningProjections"].Strings().ShouldContain("complaint-reports:All");
        ready.Body!["stoppedProjections"]!.AsArray().ShouldBeEmpty();
        ready.Long("failedReports").ShouldBe(0);
        ready.Headers.CacheControl?.NoStore.ShouldBeTrue("a probe must never read a cached answer");
    }
}
