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
        await QuietAsync(connectionString, ct);
        return new Result(await StartsAsync("Development", EngineSettings.SingleNode(connectionString)),
            await StartsAsync("Production", production));

        // After the rebuild's million rows PostgreSQL checkpoints and vacuums for minutes on the same two cores: the
        // starts at ce2c258 took 12-16 s while it did, 4.3 s on the same store once it had finished.
        static async Task QuietAsync(string connectionString, CancellationToken ct)
        {
            await BenchDatabase.ScalarAsync<object>(connectionString, "checkpoint; select 1", ct);
            var patience = Stopwatch.StartNew();
            while (patience.Elapsed < TimeSpan.FromMinutes(3) && await BenchDatabase.ScalarAsync<long>(connectionString,
                       "select count(*) from pg_stat_activity where backend_type = 'autovacuum worker'", ct) > 0)
                await Task.Delay(1000, ct);
            Console.WriteLine($"    PostgreSQL quiet after {patience.Elapsed.TotalSeconds:F0} s (checkpoint, autovacuum)");
        }

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
