using System.Diagnostics;

namespace Complaints.Bench;

// One run measures everything against one PostgreSQL, in this order: (a) raw inserts, (b) the append path,
// (c) HTTP intake, (e) deadline timers, (d) rebuilding the reports from the store the others filled (topped up
// to the target), (f) cold starts on that store, (g) the console's pages on a month of its own database; (h), the
// worklist over 100,000 open complaints, and (i), what-if over a year of 50,000 complaints, only when asked
// (--only h, --only ai). docs/benchmarks.md explains each and shows the last run.
public static class Bench
{
    public static async Task Main(string[] args)
    {
        var options = BenchOptions.Parse(args);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var ct = cancel.Token;
        var run = Stopwatch.StartNew();

        var connectionString = await BenchDatabase.FreshAsync(options.Port, ct);
        var machine = await Machine.DescribeAsync(connectionString, ct);
        foreach (var (name, value) in machine.Facts) Console.WriteLine($"{name}: {value}");

        Throughput? raw = null;
        if (options.Runs('a'))
        {
            Console.WriteLine($"(a) raw INSERT, {options.Writers} writers, {options.WriteDuration.TotalSeconds:F0} s");
            raw = await RawInsertBenchmark.RunAsync(connectionString, options, ct);
            Console.WriteLine($"    {raw}");
        }

        IReadOnlyList<EngineAppendBenchmark.Result>? append = null, appendWithout = null;
        if (options.Runs('b'))
        {
            Console.WriteLine($"(b) engine append path (decider + Marten, no HTTP), {options.Writers} writers, {options.WriteDuration.TotalSeconds:F0} s");
            append = await EngineAppendBenchmark.RunAsync(connectionString, options, ct);
            if (options.CompareNotifications)
            {
                Console.WriteLine("(b) again with notifications off");
                appendWithout = await EngineAppendBenchmark.RunAsync(connectionString, options with { Notifications = false }, ct);
            }
        }

        HttpIntakeBenchmark.Result? intake = null;
        if (options.Runs('c'))
        {
            Console.WriteLine($"(c) HTTP intake, open model, {options.RateStep.TotalSeconds:F0} s per rate, target p99 <= {options.LatencyTargetMs} ms");
            intake = await HttpIntakeBenchmark.RunAsync(connectionString, options, ct);
            Console.WriteLine($"    highest rate with p99 <= {options.LatencyTargetMs} ms and no errors: {intake.HighestRateMeetingTarget}/s");
            Console.WriteLine($"    {intake.WorkingSet}");
        }

        TimerLatenessBenchmark.Result? timers = null, timersWithout = null;
        if (options.Runs('e'))
        {
            Console.WriteLine($"(e) deadline timers: {options.Timers:N0} complaints, D1 = {options.TimerLength.TotalSeconds:F0} s");
            timers = await TimerLatenessBenchmark.RunAsync(connectionString, options, ct);
            Print(timers);
            if (options.CompareNotifications)
            {
                Console.WriteLine("(e) again with notifications off");
                timersWithout = await TimerLatenessBenchmark.RunAsync(connectionString, options with { Notifications = false }, ct);
                Print(timersWithout);
            }

            static void Print(TimerLatenessBenchmark.Result timers) =>
                Console.WriteLine($"    lateness {timers.Lateness}; lost {timers.Lost}, duplicated firings {timers.DuplicatedFirings}, " +
                                  $"second misses {timers.DuplicatedMisses}; handled {timers.HandledPerSecond:N0} timers/s " +
                                  $"(they fell due at {timers.Registered / timers.RegisteringTook.TotalSeconds:N0}/s)");
        }

        RebuildBenchmark.Result? rebuild = null;
        if (options.Runs('d'))
        {
            Console.WriteLine($"(d) projection rebuild of {options.RebuildEvents:N0} events");
            rebuild = await RebuildBenchmark.RunAsync(connectionString, options, ct);
            Console.WriteLine($"    {rebuild.Events:N0} events in {rebuild.Elapsed.TotalSeconds:F1} s: {rebuild.EventsPerSecond:N0} events/s");
        }

        ColdStartBenchmark.Result? starts = null;
        if (options.Runs('f'))
        {
            Console.WriteLine($"(f) cold start to ready, {options.ColdStarts} start(s)");
            starts = await ColdStartBenchmark.RunAsync(connectionString, options, ct);
        }

        ConsolePagesBenchmark.Result? pages = null;
        if (options.Runs('g'))
        {
            Console.WriteLine($"(g) console pages on a month of {options.ConsoleComplaints:N0} complaints, {options.ConsoleRequests} requests each");
            pages = await ConsolePagesBenchmark.RunAsync(options, ct);
        }

        if (options.Runs('h'))
        {
            Console.WriteLine($"(h) worklist: GET /api/work over {WorklistBenchmark.OpenComplaints:N0} open complaints, target p99 <= {options.LatencyTargetMs} ms");
            var worklist = await WorklistBenchmark.RunAsync(connectionString, options, 3000, ct);
            Console.WriteLine($"    {worklist.Latency}{(worklist.Met ? "" : " (target missed)")}");
        }

        if (options.Runs('i'))
        {
            Console.WriteLine($"(i) what-if over a year of {WhatIfBenchmark.Complaints:N0} complaints, target <= 60 s");
            var whatIf = await WhatIfBenchmark.RunAsync(connectionString, ct);
            foreach (var pass in whatIf.Runs.Prepend(whatIf.Reading))
                Console.WriteLine($"    {pass.Policy}: {pass.Elapsed.TotalSeconds:F1} s, {whatIf.EventsPerSecond(pass):N0} events/s" +
                                  (raw is null ? "" : $" = {whatIf.EventsPerSecond(pass) / raw.PerSecond:P1} of (a)"));
            Console.WriteLine($"    the candidate misses {whatIf.CandidateLateDifference:N0} more deadlines");
        }

        BenchMail.Empty();
        if (raw is null || append is null || intake is null || timers is null || rebuild is null || starts is null || pages is null
            || options.CompareNotifications && (appendWithout is null || timersWithout is null))
        {
            Console.WriteLine("Only part of the figures were measured: docs/benchmarks.md is left as it is.");
            return;
        }
        var report = new BenchReport(options, machine, raw, append, intake, timers, rebuild, starts, pages, run.Elapsed,
            appendWithout, timersWithout);
        Console.WriteLine();
        Console.WriteLine(report.Ratios());
        if (options.Output is { } output)
        {
            report.WriteInto(output);
            Console.WriteLine($"Wrote {output}");
        }
    }
}
