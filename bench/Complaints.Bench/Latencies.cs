using System.Collections.Concurrent;

namespace Complaints.Bench;

/// <summary>Percentiles of a set of durations in milliseconds (nearest rank, on the sorted values).</summary>
public sealed record Latencies(int Count, double P50, double P99, double P999, double Max)
{
    public static Latencies Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0) return new Latencies(0, double.NaN, double.NaN, double.NaN, double.NaN);
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Latencies(sorted.Length, At(0.50), At(0.99), At(0.999), sorted[^1]);
    }

    public override string ToString() => $"p50 {P50:F1} ms, p99 {P99:F1} ms, p99.9 {P999:F1} ms, max {Max:F1} ms";
}

/// <summary>Durations recorded by many concurrent workers.</summary>
public sealed class LatencyRecorder
{
    private readonly ConcurrentBag<double> samples = [];

    public void Add(TimeSpan elapsed) => samples.Add(elapsed.TotalMilliseconds);

    public Latencies Summarise() => Latencies.Of(samples);
}
