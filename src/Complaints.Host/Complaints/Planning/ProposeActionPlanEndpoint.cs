using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Planning;

public sealed record ProposeActionPlanRequest(string? RootCause, string? CorrectiveActions, string? PreventiveActions, string? By);

public static class ProposeActionPlanEndpoint
{
    [Authorize(Policy = Policies.HandleInDepartment)]
    [WolverinePost("/api/complaints/{id}/action-plans")]
    public static Task<IResult> Post(Guid id, ProposeActionPlanRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) =>
            new ProposeActionPlan(id, v.Text(body.RootCause, "rootCause"),
                v.Text(body.CorrectiveActions, "correctiveActions"), v.Text(body.PreventiveActions, "preventiveActions"),
                v.Text(body.By, "by"), at), ct);
}
