using Complaints.Domain;
using Complaints.Host.Audit;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Erasing;

public sealed record ErasureRequest(string? Reason);

public static class EraseEndpoint
{
    /// <summary>An administrator's erasure request: removes the customer's personal data from this complaint for good.</summary>
    [Authorize(Policy = Policies.ErasePersonalData)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/personal-data/erasure")]
    public static async Task<IResult> Post(Guid id, ErasureRequest body, HttpContext http,
        [FromServices] PersonalDataErasure erasure, CancellationToken ct)
    {
        var v = new Validator();
        var reason = v.Text(body.Reason, "reason");
        v.ThrowIfInvalid();
        return await erasure.EraseAsync(id, reason, CommandContext.From(http), ct);
    }
}
