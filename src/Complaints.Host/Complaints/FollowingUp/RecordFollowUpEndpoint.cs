using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.FollowingUp;

public sealed record FollowUpScoresRequest(int? Timeliness, int? Attitude, int? Result);

public sealed record FollowUpRequest(string? Outcome, FollowUpScoresRequest? Scores, bool? Recurred, string? Comment, string? By);

public static class RecordFollowUpEndpoint
{
    [Authorize(Policy = Policies.RecordCustomerAnswer)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/follow-ups")]
    public static Task<IResult> Post(Guid id, FollowUpRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) => Command(new CommandTarget(id), body, v, at), ct);

    /// <summary>
    /// The domain command this request asks for; CloudEvents ingest builds it the same way. Scores are given exactly
    /// when the customer was reached; an unreachable customer cannot have said the problem came back.
    /// </summary>
    public static ComplaintCommand Command(CommandTarget target, FollowUpRequest body, Validator v, Instant at)
    {
        var outcome = v.Choice<FollowUpOutcome>(body.Outcome, "outcome");
        var reached = !v.HasError("outcome") && outcome == FollowUpOutcome.Reached;
        FollowUpScores? scores = null;
        if (reached && body.Scores is null) v.Add("scores", "are required when the customer was reached");
        else if (reached && body.Scores is { } given)
            scores = new FollowUpScores(v.Range(given.Timeliness, "scores.timeliness", 1, 5),
                v.Range(given.Attitude, "scores.attitude", 1, 5), v.Range(given.Result, "scores.result", 1, 5));
        else if (body.Scores is not null && !v.HasError("outcome")) v.Add("scores", "are given only when the customer was reached");
        var recurred = v.Required(body.Recurred, "recurred");
        if (recurred && outcome == FollowUpOutcome.Unreachable) v.Add("recurred", "cannot be true when the customer was unreachable");
        return new RecordFollowUp(target.Complaint, outcome, scores, recurred, v.OptionalText(body.Comment, "comment"),
            v.Line(body.By, "by"), at);
    }
}
