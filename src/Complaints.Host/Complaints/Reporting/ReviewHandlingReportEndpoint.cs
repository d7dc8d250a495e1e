using Complaints.Domain;
using Complaints.Host.Complaints.Planning;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Reporting;

public static class ReviewHandlingReportEndpoint
{
    [Authorize(Policy = Policies.ReviewHandlingReport)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/handling-report/approvals")]
    public static Task<IResult> Post(Guid id, ReviewRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) => Command(new CommandTarget(id), body, v, at), ct);

    /// <summary>The domain command this request asks for; CloudEvents ingest builds it the same way.</summary>
    public static ComplaintCommand Command(CommandTarget target, ReviewRequest body, Validator v, Instant at) =>
        new ReviewHandlingReport(target.Complaint, v.Choice<Approver>(body.Approver, "approver"),
            v.Required(body.Approved, "approved"), v.OptionalText(body.Comment, "comment"), v.Line(body.By, "by"),
            at);
}
