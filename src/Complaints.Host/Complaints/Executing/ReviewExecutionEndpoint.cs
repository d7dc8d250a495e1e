using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Executing;

public sealed record ExecutionAcceptanceRequest(bool? Accepted, string? Comment, string? By);

public static class ReviewExecutionEndpoint
{
    [Authorize(Policy = Policies.AcceptExecution)]
    [WolverinePost("/api/complaints/{id}/execution-acceptance")]
    public static Task<IResult> Post(Guid id, ExecutionAcceptanceRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) =>
            new ReviewExecution(id, v.Required(body.Accepted, "accepted"),
                v.OptionalText(body.Comment, "comment"), v.Text(body.By, "by"), at), ct);
}
