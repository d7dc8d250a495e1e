using Complaints.Domain;
using Complaints.Domain.Deadlines;
using Complaints.Domain.Workflow;
using Complaints.Host.Audit;
using Complaints.Host.Complaints.Writing;
using Complaints.Host.Reports;
using JasperFx.CommandLine;
using Marten;
using NodaTime;
using Wolverine.Marten.Publishing;
using Wolverine.Runtime;

namespace Complaints.Host.Rules;

public enum ClocksAction
{
    repair
}

public sealed class ClocksInput : NetCoreInput
{
    [Description("repair: recount the clocks of the complaints registered in the period with the calendars as they are " +
                 "now and record a DeadlineRecomputed for each that differs (a dry run unless --apply)")]
    public ClocksAction Action { get; set; } = ClocksAction.repair;

    [Description("Complaints registered from this date (reporting zone) or ISO-8601 instant")]
    [FlagAlias("from", longAliasOnly: true)]
    public string? FromFlag { get; set; }

    [Description("Complaints registered up to this date (inclusive, reporting zone) or instant")]
    [FlagAlias("to", longAliasOnly: true)]
    public string? ToFlag { get; set; }

    [Description("Record the repairs (without it, only list them)")]
    [FlagAlias("apply", longAliasOnly: true)]
    public bool ApplyFlag { get; set; }

    [Description("Why the clocks are recounted, recorded on every DeadlineRecomputed (default: the corrected calendar versions)")]
    [FlagAlias("reason", longAliasOnly: true)]
    public string? ReasonFlag { get; set; }
}

/// <summary>
/// <c>dotnet run --project src/Complaints.Host -- clocks repair --from 2026-11-01 --to 2026-11-30 [--apply]</c>: after a
/// corrected calendar was put in place (and so recorded as a new version at this start), recounts the period's clocks
/// with it and appends what changed through the one appender; nothing recorded earlier changes (docs/rules-over-time.md).
/// </summary>
[Description("Repair clocks counted with a wrong rule version by appending DeadlineRecomputed events (docs/rules-over-time.md)", Name = "clocks")]
public sealed class ClocksCommand : JasperFxAsyncCommand<ClocksInput>
{
    public const string Actor = "clock-repair";

    public override async Task<bool> Execute(ClocksInput input)
    {
        using var host = input.BuildHost();
        var ct = CancellationToken.None;
        EventSelection selection;
        try
        {
            if (input.FromFlag is null || input.ToFlag is null)
                throw new InvalidCommandException(new Dictionary<string, string[]> { ["--from, --to"] = ["are both required: the period to repair"] });
            selection = AuditCommand.Selection(null, input.FromFlag, input.ToFlag,
                host.Services.GetRequiredService<AnalyticsDatabase>().Zone, host.Services.GetRequiredService<InputBounds>());
            if (input.ReasonFlag is { } given && (string.IsNullOrWhiteSpace(given) || given.Length > Validator.MaxLineLength))
                throw new InvalidCommandException(new Dictionary<string, string[]> { ["--reason"] = [$"must be 1 to {Validator.MaxLineLength} characters"] });
        }
        catch (InvalidCommandException e)
        {
            foreach (var (field, messages) in e.Errors)
                await Console.Error.WriteLineAsync($"{field} {string.Join("; ", messages)}");
            return false;
        }

        // Appending arms timers through Wolverine's outbox, so the message runtime runs, on a port of its own.
        if (input.ApplyFlag && host is WebApplication web)
        {
            web.Urls.Clear();
            web.Urls.Add("http://127.0.0.1:0");
        }
        if (input.ApplyFlag) await host.StartAsync();
        try
        {
            var repairs = ActivatorUtilities.CreateInstance<ClockRepairs>(host.Services);
            var result = await repairs.RunAsync(selection, input.ReasonFlag, input.ApplyFlag, ct);
            foreach (var (id, planned) in result.Planned)
                foreach (var r in planned)
                    Console.WriteLine($"{(input.ApplyFlag ? "REPAIRED" : "WOULD REPAIR")} {id} {r.Rule}#{r.Round}: due {r.RecordedDueAt} -> {r.DueAt}, " +
                                      $"late {r.RecordedLate} -> {r.Late} ({r.CalendarVersion})");
            Console.WriteLine($"{result.Complaints} complaints checked: {result.Planned.Sum(p => p.Recomputed.Count)} clocks of " +
                              $"{result.Planned.Count} complaints {(input.ApplyFlag ? "repaired" : "to repair (dry run; --apply records them)")}.");
            return true;
        }
        finally
        {
            if (input.ApplyFlag) await host.StopAsync();
        }
    }
}

public sealed record RepairResult(int Complaints, IReadOnlyList<(Guid Id, IReadOnlyList<DeadlineRecomputedSummary> Recomputed)> Planned);

public sealed record DeadlineRecomputedSummary(string Rule, int Round, Instant RecordedDueAt, Instant DueAt, bool RecordedLate, bool Late,
    string CalendarVersion);

/// <summary>
/// Plans and records repairs: each complaint's clocks replayed with the calendars as stored last (the corrections) and
/// the policies in force then, and a <see cref="DeadlineRecomputed"/> for each clock that stands otherwise, appended under
/// the stream's lock in its own commit.
/// </summary>
public sealed class ClockRepairs(ClockStreams streams, RuleHistory history, ComplaintAppender appender,
    OutboxedSessionFactory outbox, IWolverineRuntime runtime, IClock clock)
{
    public async Task<RepairResult> RunAsync(EventSelection selection, string? reason, bool apply, CancellationToken ct)
    {
        await history.RecordAsync(ct);
        var now = clock.GetCurrentInstant();
        var planned = new List<(Guid, IReadOnlyList<DeadlineRecomputedSummary>)>();
        var complaints = 0;
        await foreach (var stream in streams.SelectedAsync(selection, ct))
        {
            complaints++;
            var recomputed = apply ? await ApplyAsync(stream.Id, reason, now, ct) : Plan(stream, reason, now);
            if (recomputed.Count > 0)
                planned.Add((stream.Id, [.. recomputed.Select(r => new DeadlineRecomputedSummary(r.Rule, r.Round, r.RecordedDueAt,
                    r.DueAt, r.RecordedLate, r.Late, r.CalendarVersion))]));
        }
        return new RepairResult(complaints, planned);
    }

    private IReadOnlyList<DeadlineRecomputed> Plan(ClockStream stream, string? reason, Instant now)
    {
        var corrected = ClockReplay.Compare(stream.Id, stream.Events, t => history.At(t, calendarsAt: Instant.MaxValue), stream.LastRecordedAt);
        var versions = corrected.Select(c => c.Recomputed?.CalendarVersion).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        return ClockRepair.Plan(stream.Id, corrected, reason ?? $"recounted with corrected calendar {string.Join(", ", versions)}", now);
    }

    /// <summary>Plans again on the stream as read under its lock, so nothing appended meanwhile is recounted wrongly.</summary>
    private async Task<IReadOnlyList<DeadlineRecomputed>> ApplyAsync(Guid id, string? reason, Instant now, CancellationToken ct)
    {
        var messages = new MessageContext(runtime);
        await using var session = outbox.OpenSession(messages);
        var held = await appender.HoldAsync(session, id, StreamHold.Exclusive, null, ct);
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        var planned = Plan(ClockStreams.Of(id, events), reason, now);
        if (planned.Count == 0) return planned;
        var appended = await appender.AppendAsync(held, session, messages, new WorkflowInput.Repair(id, planned), ClocksCommand.Actor);
        await session.SaveChangesAsync(ct);
        return [.. appended.Events.OfType<DeadlineRecomputed>()];
    }
}
