using System.Diagnostics;
using System.Text.Json;
using Complaints.Client;
using Complaints.Host.Security;
using ClientRegistration = Complaints.Client.Registration;

namespace Complaints.Bench;

/// <summary>
/// (c) `POST /api/complaints` over loopback at fixed arrival rates (open model): request i is sent at
/// start + i/rate whether or not earlier ones were answered, and its latency runs from that scheduled moment,
/// so a stalled engine shows as latency rather than as fewer requests. Sent through the typed client
/// (src/Complaints.Client), as an internal service would register.
/// </summary>
public static class HttpIntakeBenchmark
{
    /// <param name="Attempt">Which step at this rate it was: a rate is decided by two steps that agree.</param>
    public sealed record Step(int Rate, int Attempt, long Sent, long Errors, double AchievedPerSecond, Latencies Latency, bool Met);

    /// <summary>The engine's working set when it was ready, right after the last rate, and after a quiet spell.</summary>
    public sealed record Memory(long AtReady, long AfterLoad, long AfterIdle)
    {
        public override string ToString() =>
            $"working set {AtReady >> 20} MB at ready, {AfterLoad >> 20} MB after the load, {AfterIdle >> 20} MB after {IdleSpell.TotalSeconds:F0} s idle";
    }

    public sealed record Result(IReadOnlyList<Step> Steps, int HighestRateMeetingTarget, Memory WorkingSet);

    /// <summary>Long enough for the engine to see it is idle and release what the load made it grow to.</summary>
    public static readonly TimeSpan IdleSpell = TimeSpan.FromSeconds(30);

    public static async Task<Result> RunAsync(string connectionString, BenchOptions options, CancellationToken ct)
    {
        await using var engine = await EngineProcess.StartAsync(EngineSettings.SingleNode(connectionString), ct);
        using var http = engine.Client(Roles.Intake);
        var client = new ComplaintsClient(http);
        var body = JsonSerializer.Deserialize<ClientRegistration>(Registration.Json("customer-service"), ComplaintsClient.Json)!;
        var steps = new List<Step>();
        var atReady = engine.WorkingSetBytes;
        // The first requests pay for JIT compilation and connection set-up: send some before measuring.
        await SendOnScheduleAsync(client, body, 50, TimeSpan.FromSeconds(4), _ => { }, ct);
        await BenchDatabase.WaitUntilSettledAsync(connectionString, TimeSpan.FromMinutes(5), ct);

        // Doubling until a rate misses the target, then halving the gap between the best rate met and the first
        // missed. A rate is met or missed only when two steps at it agree (a third decides when the first two do
        // not), so one slow step neither ends the search nor stands as the result, and the result is confirmed.
        int met = 0, missed = 0;
        for (var rate = 25; missed == 0 && rate <= 100_000; rate *= 2) await DecideAsync(rate);
        while (missed - met > Math.Max(10, met / 8)) await DecideAsync((met + missed) / 2);
        var afterLoad = engine.WorkingSetBytes;
        await Task.Delay(IdleSpell, ct);
        return new Result(steps, met, new Memory(atReady, afterLoad, engine.WorkingSetBytes));

        async Task DecideAsync(int rate)
        {
            int passed = 0, failed = 0;
            while (passed < 2 && failed < 2)
            {
                var step = await StepAsync(client, body, rate, passed + failed + 1, options, ct);
                steps.Add(step);
                if (step.Met) passed++;
                else failed++;
                await BenchDatabase.WaitUntilSettledAsync(connectionString, TimeSpan.FromMinutes(5), ct);
            }
            if (passed == 2) met = rate;
            else missed = rate;
        }
    }

    /// <summary>Sends at <paramref name="rate"/> per second for the step's duration; returns the summary.</summary>
    public static async Task<Step> StepAsync(ComplaintsClient client, ClientRegistration body, int rate, int attempt, BenchOptions options,
        CancellationToken ct)
    {
        var (latency, errors, elapsed) = await SendOnScheduleAsync(client, body, rate, options.RateStep, _ => { }, ct);
        var step = new Step(rate, attempt, latency.Count, errors, latency.Count / elapsed.TotalSeconds, latency,
            errors == 0 && latency.P99 <= options.LatencyTargetMs);
        Console.WriteLine($"    {rate,6}/s #{attempt}: {latency}, errors {errors}{(step.Met ? "" : "  (target missed)")}");
        return step;
    }

    /// <summary>
    /// Posts <paramref name="body"/> on schedule; <paramref name="created"/> sees each new complaint's id.
    /// Returns the latencies of all requests (errors included) and how long until the last was answered.
    /// </summary>
    public static async Task<(Latencies Latency, long Errors, TimeSpan Elapsed)> SendOnScheduleAsync(ComplaintsClient client,
        ClientRegistration body, int rate, TimeSpan duration, Action<Guid> created, CancellationToken ct)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new LatencyRecorder();
        long errors = 0;
        var clock = Stopwatch.StartNew();
        var requests = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, ct);
            requests.Add(SendAsync(due));
        }
        await Task.WhenAll(requests);
        return (latencies.Summarise(), errors, clock.Elapsed);

        async Task SendAsync(TimeSpan due)
        {
            try
            {
                created((await client.RegisterAsync(body, ct: ct)).Id);
            }
            catch (ComplaintsProblemException)
            {
                Interlocked.Increment(ref errors);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref errors);
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref errors); // the client's timeout
            }
            latencies.Add(clock.Elapsed - due);
        }
    }
}
