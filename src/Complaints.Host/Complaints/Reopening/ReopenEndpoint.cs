using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Reopening;

public sealed record ReopenRequest(string? Reason, string? By);

public static class ReopenEndpoint
{
    [Authorize(Policy = Policies.Reopen)]
    [WolverinePost("/api/complaints/{id}/reopen")]
    public static Task<IResult> Post(Guid id, ReopenRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) =>
            new ReopenComplaint(id, v.Text(body.Reason, "reason"), v.Text(body.By, "by"), at), ct);
}
