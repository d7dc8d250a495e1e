using System.Text.Json;
using Complaints.Domain;
using Complaints.Domain.Deadlines;
using Complaints.Domain.Workflow;
using Complaints.Host.Audit;
using Complaints.Host.Deadlines;
using Complaints.Host.Reports;
using Complaints.Host.Reports.Kpis;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Rules;

/// <summary>A candidate deadline policy (the policy file's JSON as it is) and the period whose complaints it is tried on.</summary>
public sealed record WhatIfRequest(JsonElement? Policy, string? From, string? To);

/// <summary>One side's figures: on-time share of the clocks that ended (KPI rules), misses, escalation steps reached, and mean hours to close.</summary>
public sealed record WhatIfFigures(Rate OnTime, long Late, long Escalations, double? MeanHoursToClose);

/// <summary>One rule in one department (or every one, <c>null</c>), under the recorded rules and under the candidate.</summary>
public sealed record WhatIfRow(string? Rule, string? Department, WhatIfFigures Recorded, WhatIfFigures Candidate,
    double? OnTimeDifference, long LateDifference, long EscalationsDifference);

/// <summary>
/// The KPIs of the complaints registered in [from, to] replayed under the rules recorded and under the candidate, side
/// by side: the whole first, then per rule, then per rule and department. Nothing is written.
/// </summary>
public sealed record WhatIfReport(LocalDate From, LocalDate To, string CandidateVersion, long Complaints, IReadOnlyList<WhatIfRow> Rows);

public static class WhatIfEndpoint
{
    /// <summary>
    /// What a candidate policy would have made of a period: every complaint registered in it replayed with the pure
    /// workflow under the rules in force then and under the candidate (docs/rules-over-time.md). The candidate is
    /// checked like the policy file, with the same errors.
    /// </summary>
    [Authorize(Policy = Policies.TryPolicy)]
    [ProducesResponseType<WhatIfReport>(StatusCodes.Status200OK)]
    [WolverinePost("/api/policies/what-if")]
    public static async Task<WhatIfReport> Post(WhatIfRequest body, [FromServices] ClockStreams streams,
        [FromServices] RuleHistory history, [FromServices] AnalyticsDatabase reporting, [FromServices] InputBounds bounds,
        [FromServices] IClock clock, CancellationToken ct)
    {
        var v = new Validator();
        DeadlinePolicy? candidate = null;
        if (body.Policy is not { ValueKind: JsonValueKind.Object } policy) v.Add("policy", "must be a deadline policy (the policy file's JSON object)");
        else
        {
            try
            {
                candidate = DeadlinePolicyFile.Parse(policy.GetRawText());
            }
            catch (DeadlinePolicyException e)
            {
                v.Add("policy", e.Message);
            }
        }
        if (string.IsNullOrWhiteSpace(body.From)) v.Add("from", "is required: the first day of the period (yyyy-MM-dd)");
        if (string.IsNullOrWhiteSpace(body.To)) v.Add("to", "is required: the last day of the period (yyyy-MM-dd)");
        var (first, last) = (Day(v, body.From, "from", bounds), Day(v, body.To, "to", bounds));
        if (first is { } f && last is { } l && l < f) v.Add("to", "must not lie before from");
        if (first is { } a && last is { } b && Period.DaysBetween(a, b) > MaxDays) v.Add("to", $"must lie within {MaxDays} days of from");
        v.ThrowIfInvalid();

        var zone = reporting.Zone;
        var selection = new EventSelection(null, first!.Value.AtStartOfDayInZone(zone).ToInstant(),
            last!.Value.PlusDays(1).AtStartOfDayInZone(zone).ToInstant());
        await history.RecordAsync(ct);
        var asOf = clock.GetCurrentInstant();
        var tally = new WhatIf();
        var chunk = new List<ClockStream>(ReplayedTogether);
        await foreach (var stream in streams.ProceduresAsync(selection, ct))
        {
            chunk.Add(stream);
            if (chunk.Count == ReplayedTogether) Replay(chunk);
        }
        Replay(chunk);
        return new WhatIfReport(first.Value, last.Value, candidate!.Version, tally.Complaints, tally.Rows());

        // The replays are pure: those of a chunk run on every core, and are counted in order after.
        void Replay(List<ClockStream> streamsRead)
        {
            var replayed = new (IReadOnlyList<ClockRun> Recorded, IReadOnlyList<ClockRun> Candidate)[streamsRead.Count];
            Parallel.For(0, streamsRead.Count, new ParallelOptions { CancellationToken = ct }, i =>
            {
                var stream = streamsRead[i];
                replayed[i] = (ClockReplay.Recompute(stream.Id, stream.Events, t => history.At(t), asOf),
                    ClockReplay.Recompute(stream.Id, stream.Events, t => history.At(t) with { Policy = candidate! }, asOf));
            });
            for (var i = 0; i < streamsRead.Count; i++) tally.Add(streamsRead[i], replayed[i].Recorded, replayed[i].Candidate);
            streamsRead.Clear();
        }
    }

    /// <summary>Streams replayed at once, side by side: a few hundred keep every core busy and little in memory.</summary>
    private const int ReplayedTogether = 500;

    /// <summary>Two years: the replay reads every complaint of the period, and a bigger one is an export's job.</summary>
    private const int MaxDays = 731;

    private static LocalDate? Day(Validator v, string? text, string field, InputBounds bounds)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (NodaTime.Text.LocalDatePattern.Iso.Parse(text.Trim()) is { Success: true } date && bounds.Contains(date.Value))
            return date.Value;
        v.Add(field, "must be a day (yyyy-MM-dd) within the engine's bounds");
        return null;
    }

    /// <summary>The figures of both sides, summed per rule and department as the streams pass.</summary>
    private sealed class WhatIf
    {
        private readonly Dictionary<(string? Rule, string? Department), (Side Recorded, Side Candidate)> sides = [];
        private double closedHours;
        private long closed;

        public long Complaints { get; private set; }

        public void Add(ClockStream stream, IReadOnlyList<ClockRun> recorded, IReadOnlyList<ClockRun> candidate)
        {
            Complaints++;
            var receivedAt = stream.Events.Select(e => e.Event).OfType<ComplaintReceived>().FirstOrDefault()?.Intake.ReceivedAt;
            var closedAt = stream.Events.Select(e => e.Event).OfType<ComplaintClosed>().LastOrDefault()?.ClosedAt;
            if (receivedAt is { } from && closedAt is { } to)
            {
                closed++;
                closedHours += (to - from).TotalHours;
            }
            foreach (var run in recorded.Where(r => !r.FollowUp)) Count(run, c => c.Recorded);
            foreach (var run in candidate.Where(r => !r.FollowUp)) Count(run, c => c.Candidate);
        }

        private void Count(ClockRun run, Func<(Side Recorded, Side Candidate), Side> side)
        {
            foreach (var key in new[] { ((string?)null, (string?)null), (run.Rule, null), (run.Rule, run.Department) })
            {
                if (!sides.TryGetValue(key, out var both)) sides[key] = both = (new Side(), new Side());
                side(both).Add(run);
            }
        }

        public IReadOnlyList<WhatIfRow> Rows() => [.. sides
            .OrderBy(s => s.Key.Rule is null ? 0 : s.Key.Department is null ? 1 : 2)
            .ThenBy(s => s.Key.Rule, StringComparer.Ordinal).ThenBy(s => s.Key.Department, StringComparer.Ordinal)
            .Select(s =>
            {
                double? hours = s.Key.Rule is null && closed > 0 ? Math.Round(closedHours / closed, 2) : null;
                var (recorded, candidate) = (s.Value.Recorded.Figures(hours), s.Value.Candidate.Figures(hours));
                return new WhatIfRow(s.Key.Rule, s.Key.Department, recorded, candidate,
                    candidate.OnTime.Value - recorded.OnTime.Value is { } d ? Math.Round(d, 4) : null,
                    candidate.Late - recorded.Late, candidate.Escalations - recorded.Escalations);
            })];
    }

    private sealed class Side
    {
        private long onTime, ended, late, escalations;

        public void Add(ClockRun run)
        {
            if (run.OnTime is { } inTime)
            {
                ended++;
                if (inTime) onTime++;
            }
            if (run.Late) late++;
            escalations += run.EscalationLevel;
        }

        public WhatIfFigures Figures(double? meanHoursToClose) => new(Rate.Share(onTime, ended), late, escalations, meanHoursToClose);
    }
}
