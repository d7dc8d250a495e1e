using System.Net;
using System.Text.Json.Nodes;
using Complaints.Host.Tests.Infrastructure;
using NodaTime;

namespace Complaints.Host.Tests.Viewing;

public sealed class TimeTravelTests(ComplaintsApi api) : ApiTest(api)
{
    [Fact]
    public async Task A_complaint_can_be_seen_as_it_stood_at_an_earlier_version_or_instant()
    {
        var id = await Client.RegisterAsync();
        var registered = await Client.GetJsonAsync($"/api/complaints/{id}");
        var registeredAt = (await Client.HistoryAsync(id)).Last()!["timestamp"]!.GetValue<string>();
        Api.Clock.Advance(Duration.FromMinutes(30));
        await Client.Step(id, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });

        var byVersion = await Client.GetJsonAsync($"/api/complaints/{id}?version={registered.Version}");
        byVersion.ShouldBe(HttpStatusCode.OK);
        byVersion.Text("status").ShouldBe("awaiting-acknowledgement");
        byVersion.Version.ShouldBe(registered.Version);
        byVersion.Headers.ETag!.Tag.ShouldBe($"\"{registered.Version}\"");
        byVersion.Body!["deadlines"]!.ToJsonString().ShouldBe(registered.Body!["deadlines"]!.ToJsonString());

        var byInstant = await Client.GetJsonAsync($"/api/complaints/{id}?asOf={Uri.EscapeDataString(registeredAt)}");
        byInstant.Text("status").ShouldBe("awaiting-acknowledgement");
        D3(byInstant)["metAt"].ShouldBeNull();
        D3(await Client.GetJsonAsync($"/api/complaints/{id}"))["metAt"].ShouldNotBeNull();
        (await Client.StatusAsync(id)).ShouldBe("awaiting-verification");
    }

    [Fact]
    public async Task An_event_is_never_stamped_before_the_one_it_follows_so_as_of_views_are_versions()
    {
        var id = await Client.RegisterAsync();
        // A node whose clock lags by an hour records the next step.
        Api.Clock.Advance(Duration.FromHours(-1));
        await Client.Step(id, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });

        var history = await Client.HistoryAsync(id);
        var stamps = history.Select(e => NodaTime.Text.InstantPattern.ExtendedIso.Parse(e!["timestamp"]!.GetValue<string>()).Value).ToList();
        stamps.ShouldBe(stamps.Order());
        stamps[^1].ShouldBe(ComplaintsApi.Start);
        (await Client.GetJsonAsync($"/api/complaints/{id}?asOf={ComplaintsApi.Start}")).Version.ShouldBe(history.Last().Version());
        (await Client.GetJsonAsync($"/api/complaints/{id}?asOf={ComplaintsApi.Start - Duration.FromMinutes(30)}"))
            .ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("-0001-01-01T00:00:00Z")]
    public async Task An_instant_no_calendar_holds_is_400(string asOf)
    {
        var id = await Client.RegisterAsync();

        (await Client.GetJsonAsync($"/api/complaints/{id}?asOf={asOf}")).ShouldBeProblem(HttpStatusCode.BadRequest)
            .ErrorFields().ShouldContain("asOf");
    }

    private static JsonNode D3(Answer complaint) =>
        complaint.Body!["deadlines"]!.AsArray().Single(d => d!["rule"]!.GetValue<string>() == "D3")!;

    [Fact]
    public async Task A_version_the_complaint_never_had_is_404_and_a_bad_query_is_400()
    {
        var id = await Client.RegisterAsync();

        (await Client.GetJsonAsync($"/api/complaints/{id}?version=999")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await Client.GetJsonAsync($"/api/complaints/{id}?version=0")).ShouldBeProblem(HttpStatusCode.BadRequest)
            .ErrorFields().ShouldContain("version");
        (await Client.GetJsonAsync($"/api/complaints/{id}?asOf=yesterday")).ShouldBeProblem(HttpStatusCode.BadRequest)
            .ErrorFields().ShouldContain("asOf");
        (await Client.GetJsonAsync($"/api/complaints/{id}?asOf=2020-01-01T00:00:00Z")).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
