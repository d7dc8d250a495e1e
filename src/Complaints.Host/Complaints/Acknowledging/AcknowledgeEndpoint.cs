using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Acknowledging;

public sealed record AcknowledgeRequest(string? Department, string? By);

public static class AcknowledgeEndpoint
{
    [Authorize(Policy = Policies.HandleInDepartment)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/acknowledgements")]
    public static Task<IResult> Post(Guid id, AcknowledgeRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) => Command(new CommandTarget(id), body, v, at), ct);

    /// <summary>The domain command this request asks for; CloudEvents ingest builds it the same way.</summary>
    public static ComplaintCommand Command(CommandTarget target, AcknowledgeRequest body, Validator v, Instant at) =>
        new AcknowledgeComplaint(target.Complaint, v.Line(body.Department, "department"), v.Line(body.By, "by"), at);
}
