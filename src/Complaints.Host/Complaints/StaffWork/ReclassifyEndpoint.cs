using Complaints.Domain;
using Complaints.Host.Complaints.Registering;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.StaffWork;

public sealed record ReclassifyRequest(string? Severity, string? Category, string? ResponsibleDepartment, string? Reason, string? By);

public static class ReclassifyEndpoint
{
    /// <summary>Corrects the class, category or responsible department, with a reason; the clocks follow (procedure §9).</summary>
    [Authorize(Policy = Policies.Reclassify)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/reclassification")]
    public static Task<IResult> Post(Guid id, ReclassifyRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, [FromServices] IOptions<IntakeOptions> intake, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) => Command(new CommandTarget(id), body, intake.Value.Categories, v, at), ct);

    public static ComplaintCommand Command(CommandTarget target, ReclassifyRequest body,
        IReadOnlyCollection<string> categories, Validator v, Instant at)
    {
        if (body.Severity is null && body.Category is null && body.ResponsibleDepartment is null)
            v.Add("severity", "give at least one of severity, category and responsibleDepartment");
        var severity = body.Severity is null ? (Severity?)null : v.Choice<Severity>(body.Severity, "severity");
        var category = body.Category is null ? null : IntakeValidation.Category(v, body.Category, categories);
        var department = body.ResponsibleDepartment is null ? null : v.Line(body.ResponsibleDepartment, "responsibleDepartment");
        return new ReclassifyComplaint(target.Complaint, severity, category, department, v.Text(body.Reason, "reason"),
            v.Line(body.By, "by"), at);
    }
}
