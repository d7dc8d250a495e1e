using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Forwarding;

public sealed record ForwardRequest(string? To, string? By);

public static class ForwardEndpoint
{
    [Authorize(Policy = Policies.Forward)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/forward")]
    public static Task<IResult> Post(Guid id, ForwardRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) => Command(new CommandTarget(id), body, v, at), ct);

    /// <summary>The domain command this request asks for; CloudEvents ingest builds it the same way.</summary>
    public static ComplaintCommand Command(CommandTarget target, ForwardRequest body, Validator v, Instant at) =>
        new ForwardComplaint(target.Complaint, v.Line(body.To, "to"), v.Line(body.By, "by"), at);
}
