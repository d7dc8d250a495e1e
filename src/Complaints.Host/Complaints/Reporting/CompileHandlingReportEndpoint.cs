using Complaints.Domain;
using Complaints.Host.Complaints.Executing;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Reporting;

public static class CompileHandlingReportEndpoint
{
    [Authorize(Policy = Policies.WriteHandlingReport)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/handling-report")]
    public static Task<IResult> Post(Guid id, SummaryRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) => Command(new CommandTarget(id), body, v, at), ct);

    /// <summary>The domain command this request asks for; CloudEvents ingest builds it the same way.</summary>
    public static ComplaintCommand Command(CommandTarget target, SummaryRequest body, Validator v, Instant at) =>
        new CompileHandlingReport(target.Complaint, v.Text(body.Summary, "summary"), v.Line(body.By, "by"), at);
}
