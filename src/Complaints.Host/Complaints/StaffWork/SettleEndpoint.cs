using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.StaffWork;

public sealed record SettleRequest(string? Resolution, bool? CustomerAgreed, string? By);

public static class SettleEndpoint
{
    /// <summary>
    /// A class C or D complaint settled on the spot with the customer's agreement (001 当场解决): closed without the
    /// plan and approval steps, still in the ledger, the KPIs and open to satisfaction and reopening.
    /// </summary>
    [Authorize(Policy = Policies.SettleAtFirstContact)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/first-contact-settlement")]
    public static Task<IResult> Post(Guid id, SettleRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) => Command(new CommandTarget(id), body, v, at), ct);

    /// <summary>The domain command this request asks for; CloudEvents ingest builds it the same way.</summary>
    public static ComplaintCommand Command(CommandTarget target, SettleRequest body, Validator v, Instant at)
    {
        if (body.CustomerAgreed is not true)
            v.Add("customerAgreed", "must be true: a complaint is settled on the spot only with the customer's agreement");
        return new SettleAtFirstContact(target.Complaint, v.Text(body.Resolution, "resolution"), v.Line(body.By, "by"), at);
    }
}
