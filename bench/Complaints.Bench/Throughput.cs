namespace Complaints.Bench;

/// <summary>Work done by concurrent writers in a fixed time.</summary>
public sealed record Throughput(long Operations, TimeSpan Elapsed, Latencies Latency)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public override string ToString() => $"{PerSecond:N0}/s ({Operations:N0} in {Elapsed.TotalSeconds:F1} s; {Latency})";

    /// <summary>
    /// Prepares one operation per writer (connections opened, statements prepared), then runs them in loops for
    /// <paramref name="duration"/>. A failed operation stops the run: every figure is of operations that succeeded.
    /// </summary>
    public static async Task<Throughput> MeasureAsync(int writers, TimeSpan duration,
        Func<int, Func<CancellationToken, Task>> writerFactory, CancellationToken ct)
    {
        var latencies = new LatencyRecorder();
        long done = 0;
        var operations = Enumerable.Range(0, writers).Select(writerFactory).ToList();
        using var window = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        window.CancelAfter(duration);
        var loops = operations.Select(operation => Task.Run(async () =>
        {
            while (!window.IsCancellationRequested)
            {
                var started = clock.Elapsed;
                // Each operation runs to its end: the window only stops new ones.
                await operation(ct);
                latencies.Add(clock.Elapsed - started);
                Interlocked.Increment(ref done);
            }
        }, ct)).ToList();
        await Task.WhenAll(loops);
        return new Throughput(done, clock.Elapsed, latencies.Summarise());
    }
}
