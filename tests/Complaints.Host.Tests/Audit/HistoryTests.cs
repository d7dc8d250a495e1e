using System.Net;
using System.Text.Json.Nodes;
using Complaints.Host.Security;
using Complaints.Host.Tests.Infrastructure;
using NodaTime;
using NodaTime.Text;

namespace Complaints.Host.Tests.Audit;

public sealed class HistoryTests(ComplaintsApi api) : ApiTest(api)
{
    [Fact]
    public async Task A_closed_complaints_history_shows_who_did_what_when_and_why_for_every_event()
    {
        using var intake = Api.ClientFor("Zhang San", Roles.Intake);
        using var department = Api.ClientFor("Head Liu", Roles.Department);
        var id = (await intake.PostJsonAsync("/api/complaints", Bodies.Registration(),
            Recorded.Header("X-Correlation-Id", "call-centre-4711"))).ShouldBe(HttpStatusCode.Created).Id;
        Api.Clock.Advance(Duration.FromMinutes(20));
        var acknowledgedAt = Api.Clock.GetCurrentInstant();
        (await department.PostJsonAsync($"/api/complaints/{id}/acknowledgements",
                new { department = Bodies.Department, by = "Head Liu" }, Recorded.Header("X-Correlation-Id", "workshop-ack-1")))
            .ShouldBe(HttpStatusCode.OK);
        Api.Clock.Advance(Duration.FromHours(1));
        await Client.Step(id, "verification", new { valid = true, findings = "Pads worn", responsibleParties = new[] { "Workshop 2" }, by = "Head Liu" });
        await Client.Step(id, "confirmation", new { by = "GM Wang" });
        Api.Clock.Advance(Duration.FromHours(2));
        await Client.WalkFromPlanToClosureAsync(id, planVersion: 1);

        var history = await Client.HistoryAsync(id);

        history.Select(e => e.Version()).ShouldBe(Enumerable.Range(1, history.Count).Select(v => (long)v));
        var sequences = history.Select(e => e!["sequence"]!.GetValue<long>()).ToList();
        sequences.ShouldBe(sequences.Order());
        sequences.Distinct().Count().ShouldBe(history.Count);
        history.LifecycleTypes().First().ShouldBe("ComplaintReceived");
        history.LifecycleTypes().Last().ShouldBe("ComplaintClosed");

        var received = history.Lifecycle().First();
        received["actor"]!.GetValue<string>().ShouldBe("Zhang San");
        TimestampOf(received).ShouldBe(ComplaintsApi.Start);
        received["correlationId"]!.GetValue<string>().ShouldBe("call-centre-4711");
        received["data"]!["number"]!.GetValue<string>().ShouldStartWith("CP-2026-");

        var acknowledged = history.Lifecycle().Single(e => e.Type() == "ComplaintAcknowledged");
        acknowledged["actor"]!.GetValue<string>().ShouldBe("Head Liu");
        TimestampOf(acknowledged).ShouldBe(acknowledgedAt);
        acknowledged["correlationId"]!.GetValue<string>().ShouldBe("workshop-ack-1");
        acknowledged["data"]!["department"]!.GetValue<string>().ShouldBe(Bodies.Department);

        // The actor is the authenticated caller, also for the customer's answer it records.
        history.Lifecycle().Single(e => e.Type() == "CustomerAccepted")["actor"]!.GetValue<string>().ShouldBe(Tokens.Staff);
        history.Single(e => e.Type() == "DeadlineMet" && e!["data"]!["rule"]!.GetValue<string>() == "D3")!["causationId"]!
            .GetValue<string>().ShouldBe(acknowledged["causationId"]!.GetValue<string>());

        // Each of the 14 requests is its own cause, and what one request recorded shares its moment and actor.
        var requests = history.Lifecycle().GroupBy(e => e["causationId"]!.GetValue<string>()).ToList();
        requests.Count.ShouldBe(14);
        foreach (var request in requests)
        {
            request.Select(e => e["timestamp"]!.GetValue<string>()).Distinct().ShouldHaveSingleItem();
            request.Select(e => e["actor"]!.GetValue<string>()).Distinct().ShouldHaveSingleItem();
            request.Select(e => e["correlationId"]!.GetValue<string>()).Distinct().ShouldHaveSingleItem();
        }
    }

    [Fact]
    public async Task Every_event_carries_its_own_link_in_the_chain_and_the_chain_holds()
    {
        var id = await Client.RegisterConfirmedAsync();

        var history = await Client.HistoryAsync(id);
        var hashes = history.Select(e => e!["hash"]!.GetValue<string>()).ToList();

        hashes.ShouldAllBe(h => h.Length == 64 && h.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c)));
        hashes.Distinct().Count().ShouldBe(hashes.Count);
        var integrity = await Client.GetJsonAsync($"/api/complaints/{id}/integrity");
        integrity.ShouldBe(HttpStatusCode.OK);
        integrity.Body!["valid"]!.GetValue<bool>().ShouldBeTrue();
        integrity.Long("events").ShouldBe(history.Count);
        integrity.Text("headHash").ShouldBe(hashes[^1]);
    }

    private static Instant TimestampOf(JsonNode recorded) =>
        InstantPattern.ExtendedIso.Parse(recorded["timestamp"]!.GetValue<string>()).Value;
}
