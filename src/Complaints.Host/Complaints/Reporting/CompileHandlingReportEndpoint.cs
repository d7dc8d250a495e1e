using Complaints.Domain;
using Complaints.Host.Complaints.Executing;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Reporting;

public static class CompileHandlingReportEndpoint
{
    [Authorize(Policy = Policies.WriteHandlingReport)]
    [WolverinePost("/api/complaints/{id}/handling-report")]
    public static Task<IResult> Post(Guid id, SummaryRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) =>
            new CompileHandlingReport(id, v.Text(body.Summary, "summary"), v.Text(body.By, "by"), at), ct);
}
