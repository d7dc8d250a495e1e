using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.CustomerResponse;

public sealed record CustomerResponseRequest(bool? Accepted, string? Comment);

public static class CustomerResponseEndpoint
{
    [Authorize(Policy = Policies.RecordCustomerAnswer)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/action-plans/{planVersion}/customer-response")]
    public static Task<IResult> Post(Guid id, int planVersion, CustomerResponseRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) => Command(new CommandTarget(id, planVersion), body, v, at), ct);

    /// <summary>The domain command this request asks for; CloudEvents ingest builds it the same way.</summary>
    public static ComplaintCommand Command(CommandTarget target, CustomerResponseRequest body, Validator v, Instant at) =>
        new RecordCustomerResponse(target.Complaint, target.PlanVersion, v.Required(body.Accepted, "accepted"),
            v.OptionalText(body.Comment, "comment"), at);
}
