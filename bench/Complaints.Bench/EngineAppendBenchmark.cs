namespace Complaints.Bench;

/// <summary>
/// (b) The engine's append path without HTTP: registrations built as the endpoint builds them (ledger number
/// from the sequence), decided by the decider, sealed and appended to Marten with the deadline watch's
/// messages in the outbox, one new stream per command, from concurrent writers.
/// </summary>
public static class EngineAppendBenchmark
{
    /// <param name="WorkingSetAfter">The bench process's working set (the engine runs inside it) once the run settled.</param>
    /// <param name="LiveHeapAfter">The managed objects still reachable once the run settled (after a full collection):
    /// what would grow if a run left something behind.</param>
    /// <param name="ProjectionLag">The live reports projection's largest lag behind the writes during the run, in seconds.</param>
    public sealed record Result(Throughput Commands, long Events, TimeSpan SettledAfter, CommandCost Cost, long WorkingSetAfter,
        long LiveHeapAfter, double ProjectionLag)
    {
        public double EventsPerSecond => Events / Commands.Elapsed.TotalSeconds;
    }

    /// <summary>Two runs on one engine: the second shows whether the first left memory or slowness behind.</summary>
    public static async Task<IReadOnlyList<Result>> RunAsync(string connectionString, BenchOptions options, CancellationToken ct)
    {
        await using var engine = new InProcessEngine(EngineSettings.SingleNode(connectionString, options.Notifications));
        var registrar = await Registrar.StartAsync(engine, "customer-service", ct);
        var runs = new List<Result>();
        for (var run = 1; run <= 2; run++)
        {
            var eventsBefore = await EventCountAsync(connectionString, ct);
            using var meter = await CostMeter.StartAsync(connectionString, BenchDatabase.DataDirectory(options.Port), ct);
            await using var lag = ProjectionLag.Start(connectionString);

            var commands = await Throughput.MeasureAsync(options.Writers, options.WriteDuration, _ => registrar.RegisterAsync, ct);
            var largestLag = await lag.StopAsync();

            var events = await EventCountAsync(connectionString, ct) - eventsBefore;
            // What the writes left behind (deadline watches to start, reports to project) is drained before the next run.
            var settled = await BenchDatabase.WaitUntilSettledAsync(connectionString, TimeSpan.FromMinutes(10), ct);
            var cost = await meter.StopAsync(commands.Operations, ct);
            runs.Add(new Result(commands, events, settled, cost, System.Diagnostics.Process.GetCurrentProcess().WorkingSet64,
                GC.GetTotalMemory(forceFullCollection: true), largestLag));
            Console.WriteLine($"    run {run}: {commands}; {runs[^1].EventsPerSecond:N0} events/s; settled {settled.TotalSeconds:F1} s later; " +
                              $"reports lag at most {largestLag:F1} s; " +
                              $"working set {runs[^1].WorkingSetAfter >> 20} MB, live heap {runs[^1].LiveHeapAfter >> 20} MB\n    {cost}");
        }
        return runs;
    }

    public static Task<long> EventCountAsync(string connectionString, CancellationToken ct) =>
        BenchDatabase.ScalarAsync<long>(connectionString, "select count(*) from complaints.mt_events", ct);
}
