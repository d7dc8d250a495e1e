using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.StaffWork;

public sealed record NoteRequest(string? Text, string? By);

public static class NoteEndpoint
{
    /// <summary>Adds a note to an open complaint; it shows in the history and the handling report.</summary>
    [Authorize(Policy = Policies.WorkOnComplaint)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/notes")]
    public static Task<IResult> Post(Guid id, NoteRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) => Command(new CommandTarget(id), body, v, at), ct);

    /// <summary>The domain command this request asks for; CloudEvents ingest builds it the same way.</summary>
    public static ComplaintCommand Command(CommandTarget target, NoteRequest body, Validator v, Instant at) =>
        new AddNote(target.Complaint, v.Text(body.Text, "text"), v.Line(body.By, "by"), at);
}
