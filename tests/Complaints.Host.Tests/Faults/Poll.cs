using System.Diagnostics;

namespace Complaints.Host.Tests.Faults;

/// <summary>Waiting on real time with bounded patience: faults take the time they take, a test must not hang.</summary>
public static class Poll
{
    /// <summary>Reads until <paramref name="done"/> holds or patience runs out; the last reading, for the test to judge.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan patience)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var reading = await read();
            if (done(reading) || waited.Elapsed > patience) return reading;
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
