using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Reopening;

public sealed record ReopenRequest(string? Reason, string? By);

public static class ReopenEndpoint
{
    [Authorize(Policy = Policies.Reopen)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/reopen")]
    public static Task<IResult> Post(Guid id, ReopenRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) => Command(new CommandTarget(id), body, v, at), ct);

    /// <summary>The domain command this request asks for; CloudEvents ingest builds it the same way.</summary>
    public static ComplaintCommand Command(CommandTarget target, ReopenRequest body, Validator v, Instant at) =>
        new ReopenComplaint(target.Complaint, v.Text(body.Reason, "reason"), v.Line(body.By, "by"), at);
}
