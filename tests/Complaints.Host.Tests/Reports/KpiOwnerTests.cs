using System.Net;
using System.Text.Json.Nodes;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Reports;

/// <summary><c>/api/kpis?groupBy=owner</c>: each figure under the owner the complaint had at the figure's moment.</summary>
public sealed class KpiOwnerTests(ComplaintsApi api) : ApiTest(api)
{
    [Fact]
    public async Task Grouping_by_owner_counts_a_met_deadline_under_whoever_owned_the_complaint_then()
    {
        var registration = Bodies.Registration();
        registration["owner"] = new { name = "Zhou Lei" };
        var owned = (await Client.PostJsonAsync("/api/complaints", registration)).ShouldBe(HttpStatusCode.Created).Id;
        await Client.Step(owned, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });
        await Client.Step(owned, "assignment", new { owner = new { name = "Wu Fang" }, by = "Intake Zhao" });
        var nobodys = await Client.RegisterAsync();
        await Client.Step(nobodys, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });
        await Api.WaitForReportsAsync();

        var rows = (await Client.GetJsonAsync("/api/kpis?from=2026-11-01&to=2026-11-30&groupBy=owner"))
            .ShouldBe(HttpStatusCode.OK).Body!;

        rows["groupBy"]!.GetValue<string>().ShouldBe("owner");
        var byOwner = rows["rows"]!.AsArray().ToDictionary(r => r!["group"]!.GetValue<string>(), r => r!);
        byOwner.Keys.Order(StringComparer.Ordinal).ShouldBe(["(none)", "Wu Fang", "Zhou Lei"]);
        // Received goes by the owner now; D3 was met while Zhou Lei owned the complaint.
        byOwner["Wu Fang"]["received"]!.GetValue<long>().ShouldBe(1);
        byOwner["Zhou Lei"]["received"]!.GetValue<long>().ShouldBe(0);
        Rate(byOwner["Zhou Lei"]["onTimeByRule"]!["D3"]).ShouldBe((1, 1));
        byOwner["Wu Fang"]["onTimeByRule"]!["D3"].ShouldBeNull();
        byOwner["(none)"]["received"]!.GetValue<long>().ShouldBe(1);
        Rate(byOwner["(none)"]["onTimeByRule"]!["D3"]).ShouldBe((1, 1));
    }

    private static (long, long) Rate(JsonNode? rate) => (rate!["count"]!.GetValue<long>(), rate["of"]!.GetValue<long>());
}
