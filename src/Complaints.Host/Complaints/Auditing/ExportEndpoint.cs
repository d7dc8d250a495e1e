using Complaints.Domain;
using Complaints.Host.Audit;
using Complaints.Host.Reports;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Auditing;

public static class ExportEndpoint
{
    /// <summary>One complaint's whole history as NDJSON, ready for <c>audit import</c> or a check by hand.</summary>
    [Authorize(Policy = Policies.Audit)]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "application/x-ndjson")]
    [WolverineGet("/api/complaints/{id}/export")]
    public static async Task Get(Guid id, HttpResponse response, [FromServices] EventLog log, CancellationToken ct)
    {
        var selection = new EventSelection(id);
        if ((await log.RecordsAsync(selection, ct)).Count == 0) throw new ComplaintNotFoundException(id);
        await WriteAsync(response, log, selection, $"complaint-{id}", ct);
    }

    /// <summary>
    /// The whole histories of the complaints registered in [from, to): dates count in the reporting zone, or give
    /// instants. Either bound may be left out; neither exports every complaint.
    /// </summary>
    [Authorize(Policy = Policies.Audit)]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "application/x-ndjson")]
    [WolverineGet("/api/audit/export")]
    public static async Task GetRange(string? from, string? to, HttpResponse response, [FromServices] EventLog log,
        [FromServices] AnalyticsDatabase reporting, [FromServices] InputBounds bounds, CancellationToken ct)
    {
        var v = new Validator();
        var start = ReportFilter.Bound(v, from, "from", reporting.Zone, upper: false, bounds);
        var end = ReportFilter.Bound(v, to, "to", reporting.Zone, upper: true, bounds);
        if (start >= end) v.Add("to", "must be after from");
        v.ThrowIfInvalid();
        await WriteAsync(response, log, new EventSelection(null, start, end), $"complaints-{from ?? "start"}-{to ?? "now"}", ct);
    }

    private static async Task WriteAsync(HttpResponse response, EventLog log, EventSelection selection, string name,
        CancellationToken ct)
    {
        response.ContentType = HistoryExport.ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{name}.ndjson\"";
        // Started now, so an empty period is an empty file (200), not "no content".
        await response.StartAsync(ct);
        await HistoryExport.WriteAsync(response.Body, log.ReadAsync(selection, ct), ct);
    }
}
