namespace Complaints.Bench;

/// <summary>Work done by concurrent writers in a fixed time.</summary>
public sealed record Throughput(long Operations, TimeSpan Elapsed, Latencies Latency, long Errors = 0)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public override string ToString() => $"{PerSecond:N0}/s ({Operations:N0} in {Elapsed.TotalSeconds:F1} s; {Latency}; errors {Errors})";

    /// <summary>Runs <paramref name="writers"/> loops of <paramref name="operation"/> for <paramref name="duration"/>.</summary>
    public static async Task<Throughput> MeasureAsync(int writers, TimeSpan duration,
        Func<int, Func<CancellationToken, Task>> writerFactory, CancellationToken ct)
    {
        var latencies = new LatencyRecorder();
        long operations = 0;
        using var window = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        window.CancelAfter(duration);
        var loops = Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            var operation = writerFactory(writer);
            while (!window.IsCancellationRequested)
            {
                var started = clock.Elapsed;
                // Each operation runs to its end: the window only stops new ones.
                await operation(ct);
                latencies.Add(clock.Elapsed - started);
                Interlocked.Increment(ref operations);
            }
        }, ct)).ToList();
        await Task.WhenAll(loops);
        return new Throughput(operations, clock.Elapsed, latencies.Summarise());
    }
}
