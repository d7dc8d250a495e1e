using Complaints.Host.Audit;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Auditing;

public static class IntegrityEndpoint
{
    /// <summary>Recomputes the complaint's hash chain from the stored events and names the first altered version.</summary>
    [WolverineGet("/api/complaints/{id}/integrity")]
    public static async Task<IntegrityReport> Get(Guid id, [FromServices] EventLog log, CancellationToken ct)
    {
        var selection = new EventSelection(id);
        var events = await log.ReadAsync(selection, ct).ToListAsync(ct);
        var recorded = (await log.RecordedVersionsAsync(selection, ct)).GetValueOrDefault(id);
        if (events.Count == 0 && recorded == 0) throw new ComplaintNotFoundException(id);
        return ChainVerifier.Verify(id, events, recorded);
    }
}
