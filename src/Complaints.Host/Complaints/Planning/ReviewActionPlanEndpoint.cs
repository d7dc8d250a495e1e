using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Planning;

public sealed record ReviewRequest(string? Approver, bool? Approved, string? Comment, string? By);

public static class ReviewActionPlanEndpoint
{
    [Authorize(Policy = Policies.ReviewPlan)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/action-plans/{planVersion}/approvals")]
    public static Task<IResult> Post(Guid id, int planVersion, ReviewRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) => Command(new CommandTarget(id, planVersion), body, v, at), ct);

    /// <summary>The domain command this request asks for; CloudEvents ingest builds it the same way.</summary>
    public static ComplaintCommand Command(CommandTarget target, ReviewRequest body, Validator v, Instant at) =>
        new ReviewActionPlan(target.Complaint, target.PlanVersion, v.Choice<Approver>(body.Approver, "approver"),
            v.Required(body.Approved, "approved"), v.OptionalText(body.Comment, "comment"), v.Line(body.By, "by"),
            at);
}
