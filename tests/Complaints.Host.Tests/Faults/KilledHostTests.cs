using System.Net;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Faults;

/// <summary>
/// The engine dies mid-request (kill -9: no shutdown, no flush) while clients register complaints, and is started
/// again on the same database. The clients, as real ones do, resend what got no answer with the same Idempotency-Key.
/// </summary>
[Collection(CodegenCollection.Name)]
[Trait("Category", "Faults")]
public sealed class KilledHostTests
{
    private const int Writers = 8;

    [Fact]
    public async Task Every_registration_acknowledged_around_a_kill_9_is_stored_exactly_once()
    {
        var connectionString = await TestDatabases.EmptyAsync("complaints_fault_kill");
        await using var engine = await EngineProcess.StartAsync(connectionString);
        using var load = RegistrationLoad.Start(engine.StaffClient, Writers, "kill-9");

        await load.UntilAcknowledgedAsync(40);
        engine.Kill();
        var acknowledgedBeforeKill = load.Acknowledged.Count;
        await engine.StartAgainAsync();
        await load.UntilAcknowledgedAsync(acknowledgedBeforeKill + 2 * Writers);
        await load.StopAsync();
        TestContext.Current.TestOutputHelper?.WriteLine($"Killed after {acknowledgedBeforeKill} acknowledged; {load.Describe()}");

        load.Abandoned.ShouldBeEmpty(load.Describe());
        load.Failures.Keys.ShouldContain(nameof(HttpRequestException), $"the kill should cut requests off: {load.Describe()}");
        using var client = engine.StaffClient();
        foreach (var (key, answer) in load.Acknowledged)
        {
            var stored = (await client.GetJsonAsync($"/api/complaints/{answer.Id}")).ShouldBe(HttpStatusCode.OK);
            stored.Text("number").ShouldBe(answer.Text("number"), key);
            stored.Text("description").ShouldBe(key);
        }
        var registrations = await StoredEvents.RegistrationsAsync(connectionString, load.Prefix);
        registrations.Where(r => r.Value.Count > 1).ShouldBeEmpty("no registration may be stored twice");
        registrations.Keys.ShouldBe(load.Acknowledged.Keys, ignoreOrder: true, "every acknowledged registration is stored, and nothing else");
        foreach (var (key, answer) in load.Acknowledged)
            registrations[key].ShouldBe([answer.Id], $"{key} is stored under the id its client was given");
    }
}
