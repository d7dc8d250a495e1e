using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Satisfaction;

public sealed record SatisfactionRequest(int? Score, string? Comment);

public static class RecordSatisfactionEndpoint
{
    [Authorize(Policy = Policies.RecordCustomerAnswer)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/satisfaction")]
    public static Task<IResult> Post(Guid id, SatisfactionRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) => Command(new CommandTarget(id), body, v, at), ct);

    /// <summary>The domain command this request asks for; CloudEvents ingest builds it the same way.</summary>
    public static ComplaintCommand Command(CommandTarget target, SatisfactionRequest body, Validator v, Instant at) =>
        new RecordSatisfaction(target.Complaint, v.Range(body.Score, "score", 1, 5),
            v.OptionalText(body.Comment, "comment"), at);
}
