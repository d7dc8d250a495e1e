namespace Complaints.Host.Reports;

/// <summary>CSV lines as the reports export them.</summary>
public static class Csv
{
    /// <summary>One record, its fields quoted where needed, ended by CRLF (RFC 4180).</summary>
    public static string Line(IEnumerable<string> fields) => string.Join(",", fields.Select(Quote)) + "\r\n";

    /// <summary>
    /// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. A field a spreadsheet would
    /// run as a formula (=, +, -, @, tab, CR first) is prefixed with an apostrophe (OWASP CSV injection).
    /// </summary>
    public static string Quote(string field)
    {
        if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r') field = "'" + field;
        return field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{field.Replace("\"", "\"\"")}\"" : field;
    }
}
