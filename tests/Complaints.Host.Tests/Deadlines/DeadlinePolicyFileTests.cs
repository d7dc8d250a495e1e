using System.Text.Json;
using System.Text.Json.Nodes;
using Complaints.Domain.Deadlines;
using Complaints.Host.Deadlines;
using Complaints.Host.Tests.Infrastructure;
using Complaints.Projections;
using NodaTime;

namespace Complaints.Host.Tests.Deadlines;

public sealed class DeadlinePolicyFileTests
{
    private static readonly string Shipped = Path.Combine(AppContext.BaseDirectory, "Deadlines", "policy.json");

    [Fact]
    public void The_shipped_policy_loads_with_all_eight_rules_and_a_fingerprinted_version()
    {
        var policy = DeadlinePolicyFile.Load(Shipped);

        policy.Rules.Select(r => r.Id).ShouldBe(["D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8"]);
        policy.Version.ShouldMatch(@"^2026-12-02\.2#[0-9a-f]{8}$");
    }

    [Fact]
    public void Editing_a_rule_without_raising_the_version_still_changes_the_recorded_version()
    {
        var edited = Edit(policy => policy["rules"]![0]!["length"] = "PT20M");

        DeadlinePolicyFile.Load(edited).Version.ShouldNotBe(DeadlinePolicyFile.Load(Shipped).Version);
    }

    [Fact]
    public void A_misspelt_field_is_refused_naming_the_file()
    {
        var misspelt = Edit(policy => policy["rules"]![7]!["pausedWhileAwaitingCustomr"] = true);

        var failure = Should.Throw<DeadlinePolicyException>(() => DeadlinePolicyFile.Load(misspelt));

        failure.Message.ShouldContain(misspelt);
        failure.Message.ShouldContain("pausedWhileAwaitingCustomr");
    }

    [Fact]
    public void Durations_travel_as_iso_8601()
    {
        var json = JsonSerializer.Serialize(Duration.FromMinutes(90) + Duration.FromSeconds(5), ComplaintJson.Create());

        json.ShouldBe("\"PT1H30M5S\"");
        JsonSerializer.Deserialize<Duration>(json, ComplaintJson.Create()).ShouldBe(Duration.FromSeconds(5405));
    }

    private static string Edit(Action<JsonNode> change) => PolicyFiles.Edit(Shipped, change);
}
