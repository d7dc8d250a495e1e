using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Verifying;

public sealed record VerifyRequest(bool? Valid, string? Findings, List<string>? ResponsibleParties, string? By);

public static class VerifyEndpoint
{
    [Authorize(Policy = Policies.HandleInDepartment)]
    [WolverinePost("/api/complaints/{id}/verification")]
    public static Task<IResult> Post(Guid id, VerifyRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) =>
        {
            if (body.ResponsibleParties is null) v.Add("responsibleParties", "is required (an empty list if nobody)");
            var parties = (body.ResponsibleParties ?? []).Select((p, i) => v.Text(p, $"responsibleParties[{i}]")).ToList();
            return new VerifyComplaint(id, v.Required(body.Valid, "valid"), v.Text(body.Findings, "findings"),
                parties, v.Text(body.By, "by"), at);
        }, ct);
}
