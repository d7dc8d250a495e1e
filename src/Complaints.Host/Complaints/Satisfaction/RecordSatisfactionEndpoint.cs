using Complaints.Domain;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Satisfaction;

public sealed record SatisfactionRequest(int? Score, string? Comment);

public static class RecordSatisfactionEndpoint
{
    [WolverinePost("/api/complaints/{id}/satisfaction")]
    public static Task<IResult> Post(Guid id, SatisfactionRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct)
    {
        var context = CommandContext.From(http);
        var v = new Validator();
        var command = new RecordSatisfaction(id, v.Range(body.Score, "score", 1, 5),
            v.OptionalText(body.Comment, "comment"), pipeline.Now);
        v.ThrowIfInvalid();
        return pipeline.ExecuteAsync(command, CommandContext.Customer, context, ct);
    }
}
