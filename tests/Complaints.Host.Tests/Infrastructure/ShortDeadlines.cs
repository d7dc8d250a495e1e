using System.Text.Json.Nodes;

namespace Complaints.Host.Tests.Infrastructure;

/// <summary>Deadline policies short enough for a real timer to fire during a test.</summary>
public static class ShortDeadlines
{
    /// <summary>
    /// The shipped policy, with D1 (forwarding) shortened to three seconds and without warnings, so its one timer is
    /// the deadline's; the path of a temporary copy.
    /// </summary>
    public static string ForwardingPolicy()
    {
        var policy = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Deadlines", "policy.json")))!;
        var forwarding = policy["rules"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == "D1")!;
        forwarding["length"] = "PT3S";
        forwarding["warnAt"] = new JsonArray();
        var path = Path.Combine(Path.GetTempPath(), $"complaints-policy-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, policy.ToJsonString());
        return path;
    }
}
