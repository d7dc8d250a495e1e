using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Planning;

public sealed record ProposeActionPlanRequest(string? RootCause, string? CorrectiveActions, string? PreventiveActions, string? By,
    string? RootCauseCategory = null);

public static class ProposeActionPlanEndpoint
{
    [Authorize(Policy = Policies.HandleInDepartment)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/action-plans")]
    public static Task<IResult> Post(Guid id, ProposeActionPlanRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) => Command(new CommandTarget(id), body, v, at), ct);

    /// <summary>The domain command this request asks for; CloudEvents ingest builds it the same way.</summary>
    public static ComplaintCommand Command(CommandTarget target, ProposeActionPlanRequest body, Validator v, Instant at) =>
        new ProposeActionPlan(target.Complaint, v.Text(body.RootCause, "rootCause"),
            v.Text(body.CorrectiveActions, "correctiveActions"), v.Text(body.PreventiveActions, "preventiveActions"),
            v.Line(body.By, "by"), at, v.OptionalLine(body.RootCauseCategory, "rootCauseCategory"));
}
