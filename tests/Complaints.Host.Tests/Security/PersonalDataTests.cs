using System.Net;
using Complaints.Host.Security;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Security;

public sealed class PersonalDataTests(ComplaintsApi api) : ApiTest(api)
{
    [Fact]
    public async Task An_analyst_sees_the_customer_masked_in_the_handling_report_and_staff_see_it_in_full()
    {
        var registration = Bodies.Registration();
        registration["customer"] = new { name = "Li Wei", phone = "+86 138 0000 1234", email = "li.wei@example.com" };
        var id = await Client.RegisterConfirmedAsync(registration);
        await Client.WalkFromPlanToClosureAsync(id, planVersion: 1); // the report goes to li.wei@example.com
        await Api.WaitForReportsAsync();
        using var analyst = Api.ClientFor("Analyst Wu", Roles.Analyst);

        var masked = (await analyst.GetJsonAsync($"/api/complaints/{id}/report")).ShouldBe(HttpStatusCode.OK);
        var full = (await Client.GetJsonAsync($"/api/complaints/{id}/report")).ShouldBe(HttpStatusCode.OK);

        var seen = masked.Body!["report"]!["intake"]!["customer"]!;
        seen["name"]!.GetValue<string>().ShouldBe("L*****");
        seen["phone"]!.GetValue<string>().ShouldBe("*****1234");
        seen["email"]!.GetValue<string>().ShouldBe("l*****@example.com");
        masked.Body.ToJsonString().ShouldNotContain("Li Wei");
        masked.Body.ToJsonString().ShouldNotContain("li.wei@example.com");
        full.Body!.ToJsonString().ShouldContain("li.wei@example.com");
        full.Body!["report"]!["intake"]!["customer"]!["name"]!.GetValue<string>().ShouldBe("Li Wei");
    }

    [Fact]
    public async Task An_analyst_cannot_read_the_complaint_or_its_history_where_the_customer_stands_in_full()
    {
        var id = await Client.RegisterAsync();
        using var analyst = Api.ClientFor("Analyst Wu", Roles.Analyst);

        (await analyst.GetJsonAsync($"/api/complaints/{id}")).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await analyst.GetJsonAsync($"/api/complaints/{id}/history")).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await analyst.GetJsonAsync($"/api/complaints/{id}/export")).ShouldBeProblem(HttpStatusCode.Forbidden);
        var ledger = (await analyst.GetJsonAsync("/api/ledger")).ShouldBe(HttpStatusCode.OK);
        ledger.Body!.ToJsonString().ShouldNotContain("Li Wei");
    }
}
