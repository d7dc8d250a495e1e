using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Closing;

public sealed record CloseRequest(string? SentTo, string? By);

public static class CloseEndpoint
{
    [Authorize(Policy = Policies.Close)]
    [WolverinePost("/api/complaints/{id}/closure")]
    public static Task<IResult> Post(Guid id, CloseRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) =>
            new CloseComplaint(id, v.Text(body.SentTo, "sentTo"), v.Text(body.By, "by"), at), ct);
}
