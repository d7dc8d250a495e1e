using System.Text.Json.Nodes;

namespace Complaints.Host.Tests.Infrastructure;

/// <summary>Edited copies of a shipped policy file, for tests of what the loader refuses.</summary>
public static class PolicyFiles
{
    public static string Edit(string shipped, Action<JsonNode> change)
    {
        var policy = JsonNode.Parse(File.ReadAllText(shipped))!;
        change(policy);
        var path = Path.Combine(Path.GetTempPath(), $"complaints-{Path.GetFileNameWithoutExtension(shipped)}-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, policy.ToJsonString());
        return path;
    }
}
