using System.Globalization;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Faults;

/// <summary>Bodies for engines running as processes, which read the system clock rather than the tests' clock.</summary>
public static class FaultBodies
{
    /// <summary>A registration told apart by its description, with a requested date that stays in the future.</summary>
    public static Dictionary<string, object?> Registration(string description, string receiverKind = "customer-service")
    {
        var body = Bodies.Registration(receiverKind);
        body["description"] = description;
        body["requestedResolutionDate"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return body;
    }
}
