using RangeAttribute = System.ComponentModel.DataAnnotations.RangeAttribute;
using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Reports.Ledger;

/// <summary>One row of the complaint ledger (台账, procedure §5).</summary>
public sealed record LedgerRow(
    Guid Id, string Number, Instant ReceivedAt, Instant RegisteredAt, string Severity, string Category,
    string Department, string Region, string Channel, string Status, string? CurrentDeadline, Instant? CurrentDueAt,
    bool Overdue, LocalDate CustomerDueDate, Instant? ClosedAt, int TimesReopened, int EscalationLevel,
    int? SatisfactionScore, Guid? RepeatOf, string? Owner);

public sealed record LedgerPage(long Total, int Page, int PageSize, IReadOnlyList<LedgerRow> Rows);

public static class LedgerEndpoint
{
    public const int MaxPageSize = 500;

    /// <summary>The CSV header: the JSON field names, in the same order.</summary>
    public static readonly string[] CsvHeader =
    [
        "id", "number", "receivedAt", "registeredAt", "severity", "category", "department", "region", "channel",
        "status", "currentDeadline", "currentDueAt", "overdue", "customerDueDate", "closedAt", "timesReopened",
        "escalationLevel", "satisfactionScore", "repeatOf", "owner"
    ];

    /// <summary>
    /// The ledger, oldest first (received instant, then number), filtered and paged; <c>Accept: text/csv</c>
    /// streams every matching row as CSV instead (paging does not apply to the export).
    /// </summary>
    [Authorize(Policy = Policies.ReadLedger)]
    [ProducesResponseType<LedgerPage>(StatusCodes.Status200OK, "application/json", "text/csv")]
    [WolverineGet("/api/ledger")]
    public static async Task Get(string? status, string? severity, string? category, string? department,
        string? region, string? owner, string? overdue, string? receivedFrom, string? receivedTo,
        [Range(1, int.MaxValue)] int? page, [Range(1, MaxPageSize)] int? pageSize,
        HttpContext context, [FromServices] AnalyticsDatabase database, [FromServices] InputBounds bounds,
        CancellationToken ct)
    {
        var v = new Validator();
        var query = LedgerQuery.Parse(v, status, severity, category, department, region, owner, overdue, receivedFrom, receivedTo,
            database.Zone, bounds);
        if (page < 1) v.Add("page", "must be 1 or more");
        if (pageSize is < 1 or > MaxPageSize) v.Add("pageSize", $"must be a whole number from 1 to {MaxPageSize}");
        v.ThrowIfInvalid();

        if (WantsCsv(context.Request))
        {
            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = "attachment; filename=\"ledger.csv\"";
            await query.WriteCsvAsync(database, context.Response.Body, byteOrderMark: false, ct);
            return;
        }
        await Results.Json(await query.PageAsync(database, page ?? 1, pageSize ?? 50, ct)).ExecuteAsync(context);
    }

    /// <summary>
    /// CSV when the client names <c>text/csv</c> at least as strongly as anything JSON would answer (its q-values
    /// weighed, so <c>text/csv;q=0.1, application/json</c> is JSON and <c>q=0</c> refuses CSV); JSON otherwise.
    /// </summary>
    private static bool WantsCsv(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().Accept;
        var csv = accepted.Where(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        var json = accepted.Where(a => Json.IsSubsetOf(a)).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        return csv > 0 && csv >= json;
    }

    private static readonly MediaTypeHeaderValue Json = new("application/json");
}
