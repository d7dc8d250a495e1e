using System.Diagnostics;
using System.Security.Cryptography;

namespace Complaints.Bench;

/// <summary>
/// (f) From starting the engine's process until its readiness probe answers 200 (store reachable, schema
/// checked, projections running), on the store the other measurements filled: in Development (the README's
/// `dotnet run`, which checks and creates the schema at start) and in Production, where `db-apply` has applied
/// the schema beforehand and the host does not look at it.
/// </summary>
public static class ColdStartBenchmark
{
    public sealed record Result(IReadOnlyList<TimeSpan> Development, IReadOnlyList<TimeSpan> Production);

    public static async Task<Result> RunAsync(string connectionString, BenchOptions options, CancellationToken ct)
    {
        var production = new Dictionary<string, string>(EngineSettings.SingleNode(connectionString))
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Authentication__Jwt__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["Authentication__Jwt__Issuer"] = "https://bench.example",
            ["Authentication__Jwt__Audience"] = "complaints",
            ["Search__CustomerKeySecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48))
        };
        await BenchDatabase.QuietAsync(connectionString, ct);
        return new Result(await StartsAsync("Development", EngineSettings.SingleNode(connectionString)),
            await StartsAsync("Production", production));

        async Task<IReadOnlyList<TimeSpan>> StartsAsync(string environment, IReadOnlyDictionary<string, string> settings)
        {
            var starts = new List<TimeSpan>();
            for (var i = 0; i < options.ColdStarts; i++)
            {
                await using var engine = await EngineProcess.StartAsync(settings, ct);
                starts.Add(engine.StartedIn);
                Console.WriteLine($"    {environment} start {i + 1}: ready after {engine.StartedIn.TotalMilliseconds:N0} ms");
            }
            return starts;
        }
    }
}
