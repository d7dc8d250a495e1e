using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Confirming;

public sealed record ConfirmRequest(string? By);

public static class ConfirmEndpoint
{
    [Authorize(Policy = Policies.Confirm)]
    [WolverinePost("/api/complaints/{id}/confirmation")]
    public static Task<IResult> Post(Guid id, ConfirmRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) =>
            new ConfirmComplaint(id, v.Text(body.By, "by"), at), ct);
}
