using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.StaffWork;

public sealed record AssignRequest(StaffMemberForm? Owner, string? By);

public static class AssignEndpoint
{
    /// <summary>Gives the complaint an owner, or a new one (procedure §9).</summary>
    [Authorize(Policy = Policies.WorkOnComplaint)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/assignment")]
    public static Task<IResult> Post(Guid id, AssignRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) => Command(new CommandTarget(id), body, v, at), ct);

    /// <summary>The domain command this request asks for; CloudEvents ingest builds it the same way.</summary>
    public static ComplaintCommand Command(CommandTarget target, AssignRequest body, Validator v, Instant at) =>
        new AssignComplaint(target.Complaint, v.StaffMember(body.Owner, "owner"), v.Line(body.By, "by"), at);
}
