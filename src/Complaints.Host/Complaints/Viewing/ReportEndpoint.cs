using Complaints.Host.Reports.Failures;
using Complaints.Host.Security;
using Complaints.Projections;
using Complaints.Projections.Reporting;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Viewing;

/// <summary>
/// The handling report as far as it has been projected: <see cref="UpToDate"/> is false while the report still
/// lags the complaint (null before its first projection), and the answer then carries <c>Retry-After</c>.
/// Callers whose roles do not need the customer's identity (analysts) see it masked. <see cref="Failure"/> says why a
/// report cannot catch up: its complaint's events cannot be built into one (docs/analytics.md).
/// </summary>
public sealed record HandlingReportResponse(long ComplaintVersion, bool UpToDate, HandlingReport? Report, ReportFailure? Failure);

public static class ReportEndpoint
{
    [Authorize(Policy = Policies.ReadHandlingReport)]
    [WolverineGet("/api/complaints/{id}/report")]
    public static async Task<HandlingReportResponse> Get(Guid id, HttpResponse response,
        [FromServices] IQuerySession session, [FromServices] ReportFailures failures, [FromServices] ReadModelSeal seal,
        CancellationToken ct)
    {
        var complaint = await session.LoadAsync<ComplaintDetails>(id, ct) ?? throw new ComplaintNotFoundException(id);
        var report = await session.LoadAsync<HandlingReport>(id, ct);
        if (report is not null) PersonalData.Show(report, seal, response.HttpContext.User);
        var upToDate = report?.Version >= complaint.Version;
        var failure = upToDate ? null : await failures.FindAsync(id, ct);
        if (!upToDate && failure is null) response.Headers.RetryAfter = "1";
        return new HandlingReportResponse(complaint.Version, upToDate, report, failure);
    }
}
