using System.Text.Json;
using Complaints.Domain;
using Complaints.Domain.Workflow;
using Complaints.Host.Infrastructure;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Rules;

/// <summary>A stored rule version: its content as the file had it (a calendar: every year), fingerprinted.</summary>
public sealed record RuleVersionView(string Kind, string Name, string Version, string Sha256, Instant EffectiveFrom, JsonElement Content);

/// <summary>One clock of a complaint, as recorded and as recomputed with the rules in force then, and what differs.</summary>
public sealed record ClockReplayRow(string Rule, int Round, ClockRun? Recorded, ClockRun? Recomputed,
    IReadOnlyList<string> Differences, DeadlineRecomputedView? Repaired);

/// <summary>The last repair recorded for a clock (docs/rules-over-time.md).</summary>
public sealed record DeadlineRecomputedView(Instant RecordedDueAt, Instant DueAt, bool RecordedLate, bool Late,
    string CalendarVersion, string Reason, Instant RecomputedAt);

/// <summary>
/// A complaint's clocks replayed from its events up to its last recorded event (<see cref="AsOf"/>); it
/// <see cref="Matches"/> when no clock differs.
/// </summary>
public sealed record ClockReplayView(Guid Id, Instant AsOf, bool Matches, IReadOnlyList<ClockReplayRow> Deadlines);

public static class RulesEndpoints
{
    private static readonly JsonDocumentOptions Comments = new() { CommentHandling = JsonCommentHandling.Skip };

    /// <summary>
    /// A rule version a <c>DeadlineSet</c> names (<c>kind</c>: deadline-policy, follow-up-policy or calendar; the version
    /// URL-encoded, <c>#</c> as <c>%23</c>), with the content it was counted with.
    /// </summary>
    [Authorize(Policy = Policies.ReadRules)]
    [ProducesResponseType<RuleVersionView>(StatusCodes.Status200OK)]
    [WolverineGet("/api/rules/{kind}/{version}")]
    public static async Task<RuleVersionView> Get(string kind, string version, [FromServices] RuleHistory history,
        CancellationToken ct)
    {
        if (!RuleKinds.All.Contains(kind))
            throw new RequestRejectedException(StatusCodes.Status404NotFound, "Unknown rule kind",
                $"There is no rule kind '{kind}'; the kinds are {string.Join(", ", RuleKinds.All)}.");
        var stored = version.Length <= 200 ? await history.FindAsync(kind, version, ct) : null;
        if (stored is null)
            throw new RequestRejectedException(StatusCodes.Status404NotFound, "Unknown rule version",
                $"No {kind} version '{version}' is stored.");
        using var content = JsonDocument.Parse(stored.Content, Comments);
        return new RuleVersionView(stored.Kind, stored.Name, stored.Version, stored.Sha256, stored.EffectiveFrom,
            content.RootElement.Clone());
    }

    /// <summary>
    /// Every clock of the complaint recomputed from its events with the rules in force when each was recorded, against
    /// what was recorded: due, met, late, the versions used, and any difference (docs/rules-over-time.md).
    /// </summary>
    [Authorize(Policy = Policies.ReplayClocks)]
    [ProducesResponseType<ClockReplayView>(StatusCodes.Status200OK)]
    [WolverineGet("/api/complaints/{id}/clocks/replay")]
    public static async Task<ClockReplayView> Replay(Guid id, [FromServices] ClockStreams streams,
        [FromServices] RuleHistory history, CancellationToken ct)
    {
        var stream = await streams.OneAsync(id, ct) ?? throw new Complaints.ComplaintNotFoundException(id);
        return Replayed(stream, history);
    }

    public static ClockReplayView Replayed(ClockStream stream, RuleHistory history)
    {
        var rows = ClockReplay.Compare(stream.Id, stream.Events, t => history.At(t), stream.LastRecordedAt)
            .Select(c => new ClockReplayRow(c.Rule, c.Round, c.Recorded, c.Recomputed, c.Differences,
                c.Repaired is { } r ? new DeadlineRecomputedView(r.RecordedDueAt, r.DueAt, r.RecordedLate, r.Late,
                    r.CalendarVersion, r.Reason, r.RecomputedAt) : null))
            .ToList();
        return new ClockReplayView(stream.Id, stream.LastRecordedAt, rows.All(r => r.Differences.Count == 0), rows);
    }
}
