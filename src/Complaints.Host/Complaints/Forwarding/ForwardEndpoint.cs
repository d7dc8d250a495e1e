using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Forwarding;

public sealed record ForwardRequest(string? To, string? By);

public static class ForwardEndpoint
{
    [Authorize(Policy = Policies.Forward)]
    [WolverinePost("/api/complaints/{id}/forward")]
    public static Task<IResult> Post(Guid id, ForwardRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) =>
            new ForwardComplaint(id, v.Text(body.To, "to"), v.Text(body.By, "by"), at), ct);
}
