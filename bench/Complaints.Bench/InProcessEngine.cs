using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Complaints.Bench;

/// <summary>
/// The engine's host inside the bench process (no sockets), configured as `dotnet run` configures one node:
/// Development, its own durability agent, its own projection daemon, the system clock.
/// </summary>
public sealed class InProcessEngine(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        JasperFxEnvironment.AutoStartHost = true;
        builder.UseEnvironment("Development");
        builder.UseContentRoot(Repository.HostFolder);
        foreach (var (key, value) in settings)
            builder.UseSetting(key.Replace("__", ":"), value);
    }
}

public static class EngineSettings
{
    /// <summary>One node on a given database, as the embedded default runs: Solo durability, projections here.</summary>
    public static Dictionary<string, string> SingleNode(string connectionString, bool notifications = true) => new()
    {
        ["ConnectionStrings__Marten"] = connectionString,
        ["Messaging__DurabilityMode"] = "Solo",
        ["Projections__Distribution"] = "solo",
        ["Notifications__Enabled"] = notifications ? "true" : "false",
        ["Notifications__PickupDirectory"] = BenchMail.Folder
    };
}
