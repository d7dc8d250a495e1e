using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Satisfaction;

public sealed record SatisfactionRequest(int? Score, string? Comment);

public static class RecordSatisfactionEndpoint
{
    [Authorize(Policy = Policies.RecordCustomerAnswer)]
    [WolverinePost("/api/complaints/{id}/satisfaction")]
    public static Task<IResult> Post(Guid id, SatisfactionRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) =>
            new RecordSatisfaction(id, v.Range(body.Score, "score", 1, 5),
                v.OptionalText(body.Comment, "comment"), at), ct);
}
