using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Complaints.Host.Complaints.CustomerResponse;

public sealed record CustomerResponseRequest(bool? Accepted, string? Comment);

public static class CustomerResponseEndpoint
{
    [Authorize(Policy = Policies.RecordCustomerAnswer)]
    [WolverinePost("/api/complaints/{id}/action-plans/{planVersion}/customer-response")]
    public static Task<IResult> Post(Guid id, int planVersion, CustomerResponseRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) =>
            new RecordCustomerResponse(id, planVersion, v.Required(body.Accepted, "accepted"),
                v.OptionalText(body.Comment, "comment"), at), ct);
}
