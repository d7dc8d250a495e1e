using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Complaints.Domain;
using Complaints.Host.Audit;
using Complaints.Host.Demo;
using Complaints.Host.Infrastructure;
using Complaints.Host.Reports;
using Complaints.Host.Rules;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Complaints.Bench;

/// <summary>
/// (i) What-if over a year (issue 20: "a year of 50,000 complaints in &lt;= 60 s"): twelve demo months recorded through
/// the engine's write path (<see cref="DemoMonth"/>: its commands, timers, escalations and reopenings), copied as (d)
/// copies streams until the store holds 50,000 complaints registered in those months; then
/// <c>POST /api/policies/what-if</c>'s method over the whole year, once with the policy in force and once with a
/// candidate whose D3 is half as long. Reading the streams alone (as the what-if reads them, without the recorded clock
/// events) is timed too, to show where the time goes.
/// </summary>
public static class WhatIfBenchmark
{
    public const int Complaints = 50_000;
    private const int DemoComplaintsPerMonth = 200;
    private static readonly YearMonth FirstMonth = new(2025, 12);

    public sealed record Run(string Policy, TimeSpan Elapsed, long Complaints, long PeakWorkingSet, long Allocated)
    {
        public double ComplaintsPerSecond => Complaints / Elapsed.TotalSeconds;
    }

    /// <param name="Reading">Reading every selected stream once, without replaying: the what-if's floor.</param>
    public sealed record Result(long Complaints, long Events, TimeSpan FillTook, Run Reading, IReadOnlyList<Run> Runs,
        long CandidateLateDifference)
    {
        public double EventsPerSecond(Run run) => Events / run.Elapsed.TotalSeconds;
    }

    public static async Task<Result> RunAsync(string connectionString, CancellationToken ct)
    {
        var fill = Stopwatch.StartNew();
        await using (var filling = new InProcessEngine(EngineSettings.SingleNode(connectionString, notifications: false)))
        {
            var demo = ActivatorUtilities.CreateInstance<DemoMonth>(filling.Services);
            for (var i = 0; i < 12; i++)
                await demo.RecordAsync(FirstMonth.PlusMonths(i), DemoComplaintsPerMonth, 2026 + i, ct);
            await BenchDatabase.WaitUntilSettledAsync(connectionString, TimeSpan.FromMinutes(10), ct);
        }
        var recorded = await StreamCountAsync(connectionString, ct);
        Console.WriteLine($"    {recorded:N0} complaints recorded through the write path in {fill.Elapsed.TotalSeconds:F0} s; copying");
        await RebuildBenchmark.CopyStreamsAsync(connectionString, (int)Math.Ceiling((double)(Complaints - recorded) / recorded), ct);
        // The what-if reads streams, not reports: the copies are marked projected, so no catching up runs beside the timing.
        await BenchDatabase.ScalarAsync<int>(connectionString,
            "update complaints.mt_event_progression set last_seq_id = (select max(seq_id) from complaints.mt_events); select 0", ct);
        fill.Stop();
        var complaints = await StreamCountAsync(connectionString, ct);
        var events = await EngineAppendBenchmark.EventCountAsync(connectionString, ct);
        Console.WriteLine($"    store holds {events:N0} events of {complaints:N0} complaints (filling took {fill.Elapsed.TotalSeconds:F0} s)");

        await using var engine = new InProcessEngine(EngineSettings.SingleNode(connectionString, notifications: false));
        var services = engine.Services;
        var (from, to) = (FirstMonth.OnDayOfMonth(1), FirstMonth.PlusMonths(11).OnDayOfMonth(1).PlusMonths(1).PlusDays(-1));
        var zone = services.GetRequiredService<AnalyticsDatabase>().Zone;
        var streams = services.GetRequiredService<ClockStreams>();
        var reading = await MeasureAsync("reading the streams only", async () =>
        {
            long read = 0;
            await foreach (var _ in streams.ProceduresAsync(new EventSelection(null, from.AtStartOfDayInZone(zone).ToInstant(),
                               to.PlusDays(1).AtStartOfDayInZone(zone).ToInstant()), ct))
                read++;
            return read;
        });

        var shipped = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Deadlines", "policy.json"), ct))!;
        var candidate = shipped.DeepClone();
        candidate["version"] = "what-if-bench";
        candidate["rules"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == "D3")!["length"] = "PT30M";
        var runs = new List<Run>();
        long lateDifference = 0;
        foreach (var (name, policy) in new[] { ("policy in force", shipped), ("candidate, D3 30 min", candidate) })
        {
            runs.Add(await MeasureAsync(name, async () =>
            {
                var report = await WhatIfEndpoint.Post(
                    new WhatIfRequest(JsonSerializer.Deserialize<JsonElement>(policy.ToJsonString()), $"{from:yyyy-MM-dd}", $"{to:yyyy-MM-dd}"),
                    streams, services.GetRequiredService<RuleHistory>(), services.GetRequiredService<AnalyticsDatabase>(),
                    services.GetRequiredService<InputBounds>(), services.GetRequiredService<IClock>(), ct);
                lateDifference = report.Rows[0].LateDifference;
                return report.Complaints;
            }));
        }
        return new Result(complaints, events, fill.Elapsed, reading, runs, lateDifference);
    }

    /// <summary>Times one pass, sampling the process's working set meanwhile for its peak.</summary>
    private static async Task<Run> MeasureAsync(string name, Func<Task<long>> pass)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        long peak = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(50, CancellationToken.None);
            }
        }, CancellationToken.None);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var complaints = await pass();
        clock.Stop();
        await sampling.CancelAsync();
        await sampler;
        var run = new Run(name, clock.Elapsed, complaints, peak, GC.GetTotalAllocatedBytes(precise: true) - allocated);
        Console.WriteLine($"    {name}: {run.Complaints:N0} complaints in {run.Elapsed.TotalSeconds:F1} s ({run.ComplaintsPerSecond:N0}/s), " +
                          $"peak working set {run.PeakWorkingSet >> 20} MB, {run.Allocated >> 20} MB allocated");
        return run;
    }

    private static Task<long> StreamCountAsync(string connectionString, CancellationToken ct) =>
        BenchDatabase.ScalarAsync<long>(connectionString,
            $"select count(*) from complaints.mt_streams where type = '{StoreConfiguration.ComplaintStreamType}'", ct);
}
