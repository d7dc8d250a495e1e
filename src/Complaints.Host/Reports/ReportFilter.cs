using System.Globalization;
using Complaints.Domain;
using Npgsql;
using NodaTime;

namespace Complaints.Host.Reports;

/// <summary>
/// The complaint filters the ledger and the KPIs share: each takes one value or a comma-separated list;
/// department, category and region ignore case.
/// </summary>
public sealed class ReportFilter
{
    private readonly List<string> conditions = [];
    private readonly List<NpgsqlParameter> parameters = [];

    public IReadOnlyList<NpgsqlParameter> Parameters => parameters;

    /// <summary>The conditions on the ledger (aliased <c>l</c>), or <c>true</c> when there are none.</summary>
    public string Where => conditions.Count == 0 ? "true" : string.Join(" and ", conditions);

    /// <summary>The conditions with their values: equal keys select the same complaints.</summary>
    public string Key => string.Join("|", [Where, .. parameters.Select(p => p.Value switch
    {
        string[] values => string.Join("\u001f", values),
        IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
        var value => value?.ToString()
    })]);

    public static ReportFilter Parse(Validator v, string? severity, string? category, string? department, string? region)
    {
        var filter = new ReportFilter();
        var severities = List(severity);
        foreach (var value in severities.Where(s => !WireNames.TryParse<Severity>(s, out _)))
            v.Add("severity", $"'{value}' is not a class; use A, B, C or D");
        filter.AnyOf("l.severity", [.. severities.Select(s => s.ToUpperInvariant())]);
        filter.AnyOfIgnoringCase("l.category", List(category));
        filter.AnyOfIgnoringCase("l.department", List(department));
        filter.AnyOfIgnoringCase("l.region", List(region));
        return filter;
    }

    public void AnyOf(string column, string[] values)
    {
        if (values.Length == 0) return;
        conditions.Add($"{column} = any({Add(values)})");
    }

    public void AnyOfIgnoringCase(string column, string[] values)
    {
        if (values.Length == 0) return;
        conditions.Add($"lower({column}) = any({Add(values.Select(x => x.ToLowerInvariant()).ToArray())})");
    }

    public void Condition(string sqlWithParameter, object value) =>
        conditions.Add(string.Format(CultureInfo.InvariantCulture, sqlWithParameter, Add(value)));

    public string Add(object value)
    {
        var name = $"f{parameters.Count}";
        parameters.Add(new NpgsqlParameter(name, value));
        return "@" + name;
    }

    public static string[] List(string? values) =>
        values is null ? [] : [.. values.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>
    /// A date (the start of that day in the reporting zone, or of the next day for an upper bound) or an instant,
    /// inside the plausible window.
    /// </summary>
    public static Instant? Bound(Validator v, string? text, string field, DateTimeZone zone, bool upper, InputBounds bounds)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        Instant? bound = null;
        if (NodaTime.Text.LocalDatePattern.Iso.Parse(text.Trim()) is { Success: true } date)
            bound = bounds.Contains(date.Value)
                ? (upper ? date.Value.PlusDays(1) : date.Value).AtStartOfDayInZone(zone).ToInstant()
                : null;
        else if (NodaTime.Text.InstantPattern.ExtendedIso.Parse(text.Trim()) is { Success: true } instant)
            bound = bounds.Contains(instant.Value)
                ? (upper ? instant.Value + Duration.FromTicks(10) : instant.Value) // PostgreSQL keeps microseconds
                : null;
        if (bound is null)
            v.Add(field, $"must be a date (2026-11-30) or an ISO-8601 UTC instant (2026-11-30T08:00:00Z) {bounds.Window}");
        return bound;
    }
}
