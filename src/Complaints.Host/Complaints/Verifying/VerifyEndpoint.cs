using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Verifying;

public sealed record VerifyRequest(bool? Valid, string? Findings, List<string>? ResponsibleParties, string? By,
    string? RootCauseCategory = null);

public static class VerifyEndpoint
{
    [Authorize(Policy = Policies.HandleInDepartment)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/verification")]
    public static Task<IResult> Post(Guid id, VerifyRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) => Command(new CommandTarget(id), body, v, at), ct);

    /// <summary>The domain command this request asks for; CloudEvents ingest builds it the same way.</summary>
    public static ComplaintCommand Command(CommandTarget target, VerifyRequest body, Validator v, Instant at) =>
        new VerifyComplaint(target.Complaint, v.Required(body.Valid, "valid"), v.Text(body.Findings, "findings"),
            v.Lines(body.ResponsibleParties, "responsibleParties"), v.Line(body.By, "by"), at,
            v.OptionalLine(body.RootCauseCategory, "rootCauseCategory"));
}
