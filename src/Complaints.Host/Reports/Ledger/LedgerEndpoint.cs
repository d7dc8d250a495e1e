using System.Globalization;
using System.Text;
using Complaints.Domain;
using Complaints.Host.Security;
using Complaints.Projections.Analytics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;
using Npgsql;
using Wolverine.Http;

namespace Complaints.Host.Reports.Ledger;

/// <summary>One row of the complaint ledger (台账, procedure §5).</summary>
public sealed record LedgerRow(
    Guid Id, string Number, Instant ReceivedAt, Instant RegisteredAt, string Severity, string Category,
    string Department, string Region, string Channel, string Status, string? CurrentDeadline, Instant? CurrentDueAt,
    bool Overdue, LocalDate CustomerDueDate, Instant? ClosedAt, int TimesReopened, int EscalationLevel,
    int? SatisfactionScore);

public sealed record LedgerPage(long Total, int Page, int PageSize, IReadOnlyList<LedgerRow> Rows);

public static class LedgerEndpoint
{
    public const int MaxPageSize = 500;

    private const string Columns = """
        l.complaint_id, l.number, l.received_at, l.registered_at, l.severity, l.category, l.department, l.region,
        l.channel, l.status, l.current_rule, l.current_due_at, l.overdue, l.customer_due_date, l.closed_at,
        l.times_reopened, l.escalation_level, l.satisfaction_score
        """;

    /// <summary>The CSV header: the JSON field names, in the same order.</summary>
    public static readonly string[] CsvHeader =
    [
        "id", "number", "receivedAt", "registeredAt", "severity", "category", "department", "region", "channel",
        "status", "currentDeadline", "currentDueAt", "overdue", "customerDueDate", "closedAt", "timesReopened",
        "escalationLevel", "satisfactionScore"
    ];

    /// <summary>
    /// The ledger, oldest first (received instant, then number), filtered and paged; <c>Accept: text/csv</c>
    /// streams every matching row as CSV instead (paging does not apply to the export).
    /// </summary>
    [Authorize(Policy = Policies.ReadReports)]
    [ProducesResponseType<LedgerPage>(StatusCodes.Status200OK, "application/json", "text/csv")]
    [WolverineGet("/api/ledger")]
    public static async Task Get(string? status, string? severity, string? category, string? department,
        string? region, string? overdue, string? receivedFrom, string? receivedTo, int? page, int? pageSize,
        HttpContext context, [FromServices] AnalyticsDatabase database, [FromServices] InputBounds bounds,
        CancellationToken ct)
    {
        var v = new Validator();
        var filter = ReportFilter.Parse(v, severity, category, department, region);
        var statuses = ReportFilter.List(status);
        foreach (var unknown in statuses.Where(s => !ComplaintDecider.Statuses.Contains(s)))
            v.Add("status", $"'{unknown}' is not a status; use one of: {string.Join(", ", ComplaintDecider.Statuses)}");
        filter.AnyOf("l.status", statuses);
        if (overdue is not null)
        {
            if (bool.TryParse(overdue, out var isOverdue)) filter.Condition("l.overdue = {0}", isOverdue);
            else v.Add("overdue", "must be true or false");
        }
        var from = ReportFilter.Bound(v, receivedFrom, "receivedFrom", database.Zone, upper: false, bounds);
        var to = ReportFilter.Bound(v, receivedTo, "receivedTo", database.Zone, upper: true, bounds);
        if (from >= to) v.Add("receivedTo", "must be after receivedFrom");
        if (from is { } start) filter.Condition("l.received_at >= {0}", start.ToDateTimeOffset());
        if (to is { } end) filter.Condition("l.received_at < {0}", end.ToDateTimeOffset());
        if (page < 1) v.Add("page", "must be 1 or more");
        if (pageSize is < 1 or > MaxPageSize) v.Add("pageSize", $"must be between 1 and {MaxPageSize}");
        v.ThrowIfInvalid();

        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        var select = $"select {Columns} from {AnalyticsSchema.Ledger.QualifiedName} l where {filter.Where} order by l.received_at, l.number";
        if (WantsCsv(context.Request))
        {
            await WriteCsvAsync(context.Response, connection, select, filter, ct);
            return;
        }

        var (pageNumber, size) = (page ?? 1, pageSize ?? 50);
        await using var count = Command(connection, $"select count(*) from {AnalyticsSchema.Ledger.QualifiedName} l where {filter.Where}", filter);
        var total = (long)(await count.ExecuteScalarAsync(ct))!;
        await using var query = Command(connection, $"{select} limit {size} offset {(long)(pageNumber - 1) * size}", filter);
        var rows = new List<LedgerRow>();
        await using (var reader = await query.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) rows.Add(Read(reader));
        await Results.Json(new LedgerPage(total, pageNumber, size, rows)).ExecuteAsync(context);
    }

    private static bool WantsCsv(HttpRequest request) =>
        request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true);

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, ReportFilter filter)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in filter.Parameters) command.Parameters.Add(parameter.Clone());
        return command;
    }

    private static async Task WriteCsvAsync(HttpResponse response, NpgsqlConnection connection, string select,
        ReportFilter filter, CancellationToken ct)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = "attachment; filename=\"ledger.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false));
        await writer.WriteAsync(string.Join(",", CsvHeader) + "\r\n");
        await using var query = Command(connection, select, filter);
        await using var reader = await query.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            await writer.WriteAsync(string.Join(",", CsvFields(Read(reader)).Select(Quote)) + "\r\n");
    }

    private static IEnumerable<string> CsvFields(LedgerRow r) =>
    [
        r.Id.ToString(), r.Number, Text(r.ReceivedAt), Text(r.RegisteredAt), r.Severity, r.Category, r.Department,
        r.Region, r.Channel, r.Status, r.CurrentDeadline ?? "", Text(r.CurrentDueAt), r.Overdue ? "true" : "false",
        LocalDatePattern.Iso.Format(r.CustomerDueDate), Text(r.ClosedAt),
        r.TimesReopened.ToString(CultureInfo.InvariantCulture), r.EscalationLevel.ToString(CultureInfo.InvariantCulture),
        r.SatisfactionScore?.ToString(CultureInfo.InvariantCulture) ?? ""
    ];

    private static string Text(Instant? instant) => instant is { } i ? InstantPattern.ExtendedIso.Format(i) : "";

    /// <summary>
    /// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. A field a spreadsheet would
    /// run as a formula (=, +, -, @, tab, CR first) is prefixed with an apostrophe (OWASP CSV injection).
    /// </summary>
    private static string Quote(string field)
    {
        if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r') field = "'" + field;
        return field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{field.Replace("\"", "\"\"")}\"" : field;
    }

    private static LedgerRow Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), At(r, 2)!.Value, At(r, 3)!.Value, r.GetString(4), r.GetString(5), r.GetString(6),
        r.GetString(7), r.GetString(8), r.GetString(9), r.IsDBNull(10) ? null : r.GetString(10), At(r, 11),
        r.GetBoolean(12), LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(13)), At(r, 14), r.GetInt32(15),
        r.GetInt32(16), r.IsDBNull(17) ? null : r.GetInt32(17));

    private static Instant? At(NpgsqlDataReader r, int ordinal) => AnalyticsDatabase.InstantAt(r, ordinal);
}
