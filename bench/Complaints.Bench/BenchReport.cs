using System.Globalization;
using System.Text;

namespace Complaints.Bench;

/// <summary>The figures of one run, as the console summary and as the generated part of docs/benchmarks.md.</summary>
public sealed record BenchReport(
    BenchOptions Options, Machine Machine, Throughput Raw, IReadOnlyList<EngineAppendBenchmark.Result> Appends,
    HttpIntakeBenchmark.Result Intake, TimerLatenessBenchmark.Result Timers, RebuildBenchmark.Result Rebuild,
    ColdStartBenchmark.Result ColdStarts, ConsolePagesBenchmark.Result Pages, TimeSpan RunTook,
    IReadOnlyList<EngineAppendBenchmark.Result>? AppendsWithoutNotifications, TimerLatenessBenchmark.Result? TimersWithoutNotifications)
{
    public const string Begin = "<!-- bench:begin (written by bench/Complaints.Bench; edit outside these markers) -->";
    public const string End = "<!-- bench:end -->";

    /// <summary>The first of the two runs of (b); the second is shown beside it.</summary>
    private EngineAppendBenchmark.Result Append => Appends[0];

    public double AppendToRaw => Append.Commands.PerSecond / Raw.PerSecond;

    public double AppendEventsToRaw => Append.EventsPerSecond / Raw.PerSecond;

    public double RebuildToRaw => Rebuild.EventsPerSecond / Raw.PerSecond;

    public string Ratios() =>
        $"(b)/(a): {AppendToRaw:P1} (registrations/s over raw inserts/s; events/s over raw inserts/s: {AppendEventsToRaw:P1})\n" +
        $"(d)/(a): {RebuildToRaw:P1} (events rebuilt/s over raw inserts/s)";

    /// <summary>Replaces the generated part of the file, keeping what people wrote around it.</summary>
    public void WriteInto(string path)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : $"# Benchmarks\n\n{Begin}\n{End}\n";
        var begin = existing.IndexOf(Begin, StringComparison.Ordinal);
        var end = existing.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin) throw new InvalidOperationException($"{path} lacks the bench markers");
        File.WriteAllText(path, existing[..begin] + Begin + "\n" + Markdown() + existing[end..]);
    }

    private string Markdown()
    {
        var md = new StringBuilder();
        string F(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
        string L(Latencies l) => $"{F(l.P50, "F1")} / {F(l.P99, "F1")} / {F(l.P999, "F1")} / {F(l.Max, "F1")}";

        md.AppendLine(CultureInfo.InvariantCulture, $"Last run: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {F(RunTook.TotalMinutes, "F1")} minutes in all.").AppendLine();
        md.AppendLine("| Machine | |").AppendLine("|---|---|");
        foreach (var (name, value) in Machine.Facts) md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value} |");
        md.AppendLine();
        md.AppendLine("| Figure | Result |").AppendLine("|---|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| (a) raw limit: single-row INSERT of a {RawInsertBenchmark.Row().Length}-byte jsonb row, one transaction each, " +
                      $"{Options.Writers} writers, {F(Options.WriteDuration.TotalSeconds)} s | **{F(Raw.PerSecond)} rows/s** " +
                      $"(latency p50/p99/p99.9/max ms: {L(Raw.Latency)}) |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| (b) engine append path: register-complaint commands through the decider into Marten, no HTTP, " +
                      $"{Options.Writers} writers, distinct streams, {F(Options.WriteDuration.TotalSeconds)} s | " +
                      $"**{F(Append.Commands.PerSecond)} registrations/s**, {F(Append.EventsPerSecond)} events/s " +
                      $"(latency ms: {L(Append.Commands.Latency)}; queued work drained {F(Append.SettledAfter.TotalSeconds, "F1")} s after; " +
                      $"live reports projection at most {F(Append.ProjectionLag, "F1")} s behind the writes); " +
                      $"{Append.Cost}; working set after: {string.Join(" then ", Appends.Select(a => $"{a.WorkingSetAfter >> 20} MB"))}, " +
                      $"live heap after a full collection: {string.Join(" then ", Appends.Select(a => $"{a.LiveHeapAfter >> 20} MB"))} " +
                      $"(second run: {F(Appends[^1].Commands.PerSecond)} registrations/s) |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| (c) HTTP intake `POST /api/complaints`, open model, {F(Options.RateStep.TotalSeconds)} s per rate | " +
                      $"**{Intake.HighestRateMeetingTarget}/s** is the highest rate at which two steps met p99 <= {F(Options.LatencyTargetMs)} ms " +
                      $"with no errors (every step below); at 25/s p99 {string.Join(" / ", Intake.Steps.Where(s => s.Rate == 25).Select(s => F(s.Latency.P99, "F1") + " ms"))}; " +
                      $"{Intake.WorkingSet} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| (d) reports rebuild (`reports rebuild`, every complaint) of {F(Rebuild.Events)} events " +
                      $"in {F(Rebuild.Streams)} complaints | **{F(Rebuild.EventsPerSecond)} events/s** " +
                      $"({F(Rebuild.Elapsed.TotalSeconds, "F1")} s, process start included; ledger rows after: {F(Rebuild.LedgerRows)}) |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| (e) deadline-timer lateness (handled minus due) over {F(Timers.Registered)} D1 timers, falling due " +
                      $"at the pace they were registered ({F(Timers.Registered / Timers.RegisteringTook.TotalSeconds)}/s) | p50 **{F(Timers.Lateness.P50)} ms**, p99 **{F(Timers.Lateness.P99)} ms**, " +
                      $"max **{F(Timers.Lateness.Max)} ms**; lost **{Timers.Lost}**, duplicated **{Timers.DuplicatedFirings}** " +
                      $"(second misses recorded: {Timers.DuplicatedMisses}); handled at {F(Timers.HandledPerSecond)}/s overall; " +
                      $"working set after: {Timers.WorkingSetAfter >> 20} MB |");
        if (AppendsWithoutNotifications is [var without, .., var again] && TimersWithoutNotifications is { } quiet)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| (b) and (e) again with notifications off (issue 15: with them on within 10 %) | " +
                          $"(b) **{F(without.Commands.PerSecond)} registrations/s** (second run {F(again.Commands.PerSecond)}/s; {without.Cost}); " +
                          $"(e) p50 **{F(quiet.Lateness.P50)} ms**, p99 **{F(quiet.Lateness.P99)} ms**, handled at {F(quiet.HandledPerSecond)}/s, " +
                          $"lost {quiet.Lost}, duplicated {quiet.DuplicatedFirings} |");
            md.AppendLine(CultureInfo.InvariantCulture, $"| notifications on / off | (b) **{F(Append.Commands.PerSecond / without.Commands.PerSecond, "P0")}** " +
                          $"and {F(Appends[^1].Commands.PerSecond / again.Commands.PerSecond, "P0")} of the registrations/s; (e) handled " +
                          $"**{F(Timers.HandledPerSecond / quiet.HandledPerSecond, "P0")}** of the timers/s, p99 lateness " +
                          $"{F(Timers.Lateness.P99 / Math.Max(1, quiet.Lateness.P99), "F1")} times |");
        }
        md.AppendLine(CultureInfo.InvariantCulture, $"| (f) cold start to ready (process start until `/health/ready` answers 200), built host | " +
                      $"Development: **{string.Join(" / ", ColdStarts.Development.Select(s => F(s.TotalMilliseconds) + " ms"))}**; " +
                      $"Production, schema applied: **{string.Join(" / ", ColdStarts.Production.Select(s => F(s.TotalMilliseconds) + " ms"))}** |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| (b)/(a) | **{AppendToRaw.ToString("P1", CultureInfo.InvariantCulture)}** registrations per raw insert " +
                      $"({AppendEventsToRaw.ToString("P1", CultureInfo.InvariantCulture)} counting events) |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| (d)/(a) | **{RebuildToRaw.ToString("P1", CultureInfo.InvariantCulture)}** events rebuilt per raw insert |");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Console pages (g), each requested {Options.ConsoleRequests} times one after another (after five to warm up) by a " +
                      $"signed-in browser session, on a month of {F(Pages.Complaints)} complaints (server and loopback time, ms):").AppendLine();
        md.AppendLine("| Page | p50 | p95 | max | p95 <= 100 ms |").AppendLine("|---|---:|---:|---:|---|");
        foreach (var page in Pages.Pages)
            md.AppendLine(CultureInfo.InvariantCulture, $"| {page.Name} (`{page.Path}`) | {F(page.Latency.P50, "F1")} | {F(page.P95, "F1")} | {F(page.Latency.Max, "F1")} | " +
                          $"{(page.P95 <= 100 ? "yes" : "no")} |");
        md.AppendLine();
        md.AppendLine("HTTP intake, each rate (latency from the scheduled send, ms):").AppendLine();
        md.AppendLine("| Rate /s | Step at this rate | Sent | Answered /s | p50 | p99 | p99.9 | max | Errors | p99 <= target |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var step in Intake.Steps.OrderBy(s => s.Rate).ThenBy(s => s.Attempt))
            md.AppendLine(CultureInfo.InvariantCulture, $"| {step.Rate} | {step.Attempt} | {step.Sent} | {F(step.AchievedPerSecond)} | {F(step.Latency.P50, "F1")} | " +
                          $"{F(step.Latency.P99, "F1")} | {F(step.Latency.P999, "F1")} | {F(step.Latency.Max, "F1")} | {step.Errors} | " +
                          $"{(step.Met ? "yes" : "no")} |");
        md.AppendLine();
        return md.ToString();
    }
}
