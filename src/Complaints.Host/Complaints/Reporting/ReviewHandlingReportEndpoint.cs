using Complaints.Domain;
using Complaints.Host.Complaints.Planning;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Reporting;

public static class ReviewHandlingReportEndpoint
{
    [Authorize(Policy = Policies.ReviewHandlingReport)]
    [WolverinePost("/api/complaints/{id}/handling-report/approvals")]
    public static Task<IResult> Post(Guid id, ReviewRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) =>
            new ReviewHandlingReport(id, v.Choice<Approver>(body.Approver, "approver"),
                v.Required(body.Approved, "approved"), v.OptionalText(body.Comment, "comment"), v.Text(body.By, "by"),
                at), ct);
}
