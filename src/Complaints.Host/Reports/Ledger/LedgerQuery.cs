using System.Globalization;
using System.Text;
using Complaints.Domain;
using Complaints.Projections.Analytics;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace Complaints.Host.Reports.Ledger;

/// <summary>
/// The ledger's filters, read once, and the rows they select: <c>/api/ledger</c> and the console's ledger ask the
/// same query, so they show the same rows.
/// </summary>
public sealed class LedgerQuery
{
    private const string Columns = """
        l.complaint_id, l.number, l.received_at, l.registered_at, l.severity, l.category, l.department, l.region,
        l.channel, l.status, l.current_rule, l.current_due_at, l.overdue, l.customer_due_date, l.closed_at,
        l.times_reopened, l.escalation_level, l.satisfaction_score, l.repeat_of, l.owner
        """;

    private readonly ReportFilter filter;

    private LedgerQuery(ReportFilter filter) => this.filter = filter;

    /// <summary>Reads the filters as <c>/api/ledger</c> takes them; what is wrong goes to <paramref name="v"/>.</summary>
    public static LedgerQuery Parse(Validator v, string? status, string? severity, string? category, string? department,
        string? region, string? owner, string? overdue, string? receivedFrom, string? receivedTo, DateTimeZone zone,
        InputBounds bounds)
    {
        var filter = ReportFilter.Parse(v, severity, category, department, region);
        // The owner as the worklists take it: one name, case ignored.
        if (v.OptionalLine(owner, "owner") is { } person) filter.Condition("lower(l.owner) = {0}", person.ToLowerInvariant());
        var statuses = ReportFilter.List(status);
        foreach (var unknown in statuses.Where(s => !ComplaintDecider.Statuses.Contains(s)))
            v.Add("status", $"'{unknown}' is not a status; use one of: {string.Join(", ", ComplaintDecider.Statuses)}");
        filter.AnyOf("l.status", statuses);
        if (overdue is not null)
        {
            if (bool.TryParse(overdue, out var isOverdue)) filter.Condition("l.overdue = {0}", isOverdue);
            else v.Add("overdue", "must be true or false");
        }
        var from = ReportFilter.Bound(v, receivedFrom, "receivedFrom", zone, upper: false, bounds);
        var to = ReportFilter.Bound(v, receivedTo, "receivedTo", zone, upper: true, bounds);
        if (from >= to) v.Add("receivedTo", "must be after receivedFrom");
        if (from is { } start) filter.Condition("l.received_at >= {0}", start.ToDateTimeOffset());
        if (to is { } end) filter.Condition("l.received_at < {0}", end.ToDateTimeOffset());
        return new LedgerQuery(filter);
    }

    private string Select => $"select {Columns} from {AnalyticsSchema.Ledger.QualifiedName} l where {filter.Where} order by l.received_at, l.number";

    public async Task<LedgerPage> PageAsync(AnalyticsDatabase database, int page, int pageSize, CancellationToken ct)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        await using var count = Command(connection, $"select count(*) from {AnalyticsSchema.Ledger.QualifiedName} l where {filter.Where}");
        var total = (long)(await count.ExecuteScalarAsync(ct))!;
        await using var query = Command(connection, $"{Select} limit {pageSize} offset {(long)(page - 1) * pageSize}");
        var rows = new List<LedgerRow>();
        await using (var reader = await query.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) rows.Add(Read(reader));
        return new LedgerPage(total, page, pageSize, rows);
    }

    /// <summary>
    /// Every selected row as CSV (RFC 4180, CRLF), header first. <paramref name="byteOrderMark"/> starts the file with
    /// the UTF-8 BOM, without which Excel reads Chinese names as mojibake.
    /// </summary>
    public async Task WriteCsvAsync(AnalyticsDatabase database, Stream body, bool byteOrderMark, CancellationToken ct)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        await using var writer = new StreamWriter(body, new UTF8Encoding(byteOrderMark));
        await writer.WriteAsync(Csv.Line(LedgerEndpoint.CsvHeader));
        await using var query = Command(connection, Select);
        await using var reader = await query.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            await writer.WriteAsync(Csv.Line(CsvFields(Read(reader))));
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, string sql)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in filter.Parameters) command.Parameters.Add(parameter.Clone());
        return command;
    }

    private static IEnumerable<string> CsvFields(LedgerRow r) =>
    [
        r.Id.ToString(), r.Number, Text(r.ReceivedAt), Text(r.RegisteredAt), r.Severity, r.Category, r.Department,
        r.Region, r.Channel, r.Status, r.CurrentDeadline ?? "", Text(r.CurrentDueAt), r.Overdue ? "true" : "false",
        LocalDatePattern.Iso.Format(r.CustomerDueDate), Text(r.ClosedAt),
        r.TimesReopened.ToString(CultureInfo.InvariantCulture), r.EscalationLevel.ToString(CultureInfo.InvariantCulture),
        r.SatisfactionScore?.ToString(CultureInfo.InvariantCulture) ?? "", r.RepeatOf?.ToString() ?? "", r.Owner ?? ""
    ];

    private static string Text(Instant? instant) => instant is { } i ? InstantPattern.ExtendedIso.Format(i) : "";

    private static LedgerRow Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), At(r, 2)!.Value, At(r, 3)!.Value, r.GetString(4), r.GetString(5), r.GetString(6),
        r.GetString(7), r.GetString(8), r.GetString(9), r.IsDBNull(10) ? null : r.GetString(10), At(r, 11),
        r.GetBoolean(12), LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(13)), At(r, 14), r.GetInt32(15),
        r.GetInt32(16), r.IsDBNull(17) ? null : r.GetInt32(17), r.IsDBNull(18) ? null : r.GetGuid(18),
        r.IsDBNull(19) ? null : r.GetString(19));

    private static Instant? At(NpgsqlDataReader r, int ordinal) => AnalyticsDatabase.InstantAt(r, ordinal);
}
