using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Confirming;

public sealed record ConfirmRequest(string? By);

public static class ConfirmEndpoint
{
    [Authorize(Policy = Policies.Confirm)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/confirmation")]
    public static Task<IResult> Post(Guid id, ConfirmRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) => Command(new CommandTarget(id), body, v, at), ct);

    /// <summary>The domain command this request asks for; CloudEvents ingest builds it the same way.</summary>
    public static ComplaintCommand Command(CommandTarget target, ConfirmRequest body, Validator v, Instant at) =>
        new ConfirmComplaint(target.Complaint, v.Line(body.By, "by"), at);
}
