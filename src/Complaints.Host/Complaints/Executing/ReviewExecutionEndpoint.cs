using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Executing;

public sealed record ExecutionAcceptanceRequest(bool? Accepted, string? Comment, string? By);

public static class ReviewExecutionEndpoint
{
    [Authorize(Policy = Policies.AcceptExecution)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/execution-acceptance")]
    public static Task<IResult> Post(Guid id, ExecutionAcceptanceRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) => Command(new CommandTarget(id), body, v, at), ct);

    /// <summary>The domain command this request asks for; CloudEvents ingest builds it the same way.</summary>
    public static ComplaintCommand Command(CommandTarget target, ExecutionAcceptanceRequest body, Validator v, Instant at) =>
        new ReviewExecution(target.Complaint, v.Required(body.Accepted, "accepted"),
            v.OptionalText(body.Comment, "comment"), v.Line(body.By, "by"), at);
}
