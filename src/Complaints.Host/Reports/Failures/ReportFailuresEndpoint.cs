using Complaints.Host.Security;
using Complaints.Projections.Reporting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Complaints.Host.Reports.Failures;

/// <summary>The complaints whose report cannot be built, most recent first; the others' reports are current.</summary>
public sealed record ReportFailuresPage(long Total, IReadOnlyList<ReportFailure> Items);

public static class ReportFailuresEndpoint
{
    /// <summary>
    /// Which complaints' reports, ledger rows and KPI facts are stuck at their last good build, at which event and
    /// why. Repair: fix the cause, then <c>reports rebuild --complaint &lt;id&gt;</c> (docs/analytics.md).
    /// </summary>
    [Authorize(Policy = Policies.ReadReportFailures)]
    [WolverineGet("/api/reports/failures")]
    public static async Task<ReportFailuresPage> Get([FromServices] ReportFailures failures, CancellationToken ct) =>
        new(await failures.CountAsync(ct), await failures.ListAsync(ct));
}
