using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Executing;

public sealed record SummaryRequest(string? Summary, string? By);

public static class ReportExecutionEndpoint
{
    [Authorize(Policy = Policies.HandleInDepartment)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/execution-reports")]
    public static Task<IResult> Post(Guid id, SummaryRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) => Command(new CommandTarget(id), body, v, at), ct);

    /// <summary>The domain command this request asks for; CloudEvents ingest builds it the same way.</summary>
    public static ComplaintCommand Command(CommandTarget target, SummaryRequest body, Validator v, Instant at) =>
        new ReportExecution(target.Complaint, v.Text(body.Summary, "summary"), v.Line(body.By, "by"), at);
}
