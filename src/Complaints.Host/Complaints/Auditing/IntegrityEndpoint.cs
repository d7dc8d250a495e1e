using Complaints.Host.Audit;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Auditing;

public static class IntegrityEndpoint
{
    /// <summary>Recomputes the complaint's hash chain from the stored events and names the first altered version.</summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/complaints/{id}/integrity")]
    public static async Task<IntegrityReport> Get(Guid id, [FromServices] EventLog log, CancellationToken ct) =>
        await log.VerifyAsync(new EventSelection(id), ct).FirstOrDefaultAsync(ct)
        ?? throw new ComplaintNotFoundException(id);
}
