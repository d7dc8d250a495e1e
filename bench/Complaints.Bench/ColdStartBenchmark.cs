namespace Complaints.Bench;

/// <summary>
/// (f) From starting the engine's process until its readiness probe answers 200 (store reachable, schema
/// checked, projections running), on the store the other measurements filled.
/// </summary>
public static class ColdStartBenchmark
{
    public static async Task<IReadOnlyList<TimeSpan>> RunAsync(string connectionString, BenchOptions options, CancellationToken ct)
    {
        var starts = new List<TimeSpan>();
        for (var i = 0; i < options.ColdStarts; i++)
        {
            await using var engine = await EngineProcess.StartAsync(EngineSettings.SingleNode(connectionString), ct);
            starts.Add(engine.StartedIn);
            Console.WriteLine($"    start {i + 1}: ready after {engine.StartedIn.TotalMilliseconds:N0} ms");
        }
        return starts;
    }
}
