using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Acknowledging;

public sealed record AcknowledgeRequest(string? Department, string? By);

public static class AcknowledgeEndpoint
{
    [Authorize(Policy = Policies.HandleInDepartment)]
    [WolverinePost("/api/complaints/{id}/acknowledgements")]
    public static Task<IResult> Post(Guid id, AcknowledgeRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) =>
            new AcknowledgeComplaint(id, v.Text(body.Department, "department"), v.Text(body.By, "by"), at), ct);
}
