using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Closing;

public sealed record CloseRequest(string? SentTo, string? By);

public static class CloseEndpoint
{
    [Authorize(Policy = Policies.Close)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/closure")]
    public static Task<IResult> Post(Guid id, CloseRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) => Command(new CommandTarget(id), body, v, at), ct);

    /// <summary>The domain command this request asks for; CloudEvents ingest builds it the same way.</summary>
    public static ComplaintCommand Command(CommandTarget target, CloseRequest body, Validator v, Instant at) =>
        new CloseComplaint(target.Complaint, v.Line(body.SentTo, "sentTo"), v.Line(body.By, "by"), at);
}
