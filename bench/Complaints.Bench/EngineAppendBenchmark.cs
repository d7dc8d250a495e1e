namespace Complaints.Bench;

/// <summary>
/// (b) The engine's append path without HTTP: registrations built as the endpoint builds them (ledger number
/// from the sequence), decided by the decider, sealed and appended to Marten with the deadline watch's
/// messages in the outbox, one new stream per command, from concurrent writers.
/// </summary>
public static class EngineAppendBenchmark
{
    public sealed record Result(Throughput Commands, long Events, TimeSpan SettledAfter)
    {
        public double EventsPerSecond => Events / Commands.Elapsed.TotalSeconds;
    }

    public static async Task<Result> RunAsync(string connectionString, BenchOptions options, CancellationToken ct)
    {
        await using var engine = new InProcessEngine(EngineSettings.SingleNode(connectionString));
        var registrar = new Registrar(engine, "customer-service");
        var eventsBefore = await EventCountAsync(connectionString, ct);

        var commands = await Throughput.MeasureAsync(options.Writers, options.WriteDuration, _ => registrar.RegisterAsync, ct);

        var events = await EventCountAsync(connectionString, ct) - eventsBefore;
        // What the writes left behind (deadline watches to start, reports to project) is drained before the next run.
        var settled = await BenchDatabase.WaitUntilSettledAsync(connectionString, TimeSpan.FromMinutes(10), ct);
        return new Result(commands, events, settled);
    }

    public static Task<long> EventCountAsync(string connectionString, CancellationToken ct) =>
        BenchDatabase.ScalarAsync<long>(connectionString, "select count(*) from complaints.mt_events", ct);
}
