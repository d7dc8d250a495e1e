using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Complaints.Host.Audit;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785) for the values events hold: members sorted by their UTF-16 code
/// units, no insignificant whitespace, strings escaped minimally, integers as plain digits. Python's
/// <c>json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)</c> writes the same bytes for
/// these values, so an auditor can recompute a hash without our code (docs/audit.md).
/// </summary>
public static class CanonicalJson
{
    public static void Write(StringBuilder output, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                output.Append('{');
                var first = true;
                foreach (var member in value.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    if (!first) output.Append(',');
                    first = false;
                    WriteString(output, member.Name);
                    output.Append(':');
                    Write(output, member.Value);
                }
                output.Append('}');
                break;
            case JsonValueKind.Array:
                output.Append('[');
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (index++ > 0) output.Append(',');
                    Write(output, item);
                }
                output.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(output, value.GetString()!);
                break;
            case JsonValueKind.Number:
                // Events hold only integers. Any other number (5.0 for 5 included) can only come from an edit: it is
                // written as text no canonical form produces, so the hash can never match.
                if (value.TryGetInt64(out var integer) && !value.GetRawText().Contains('.')
                    && !value.GetRawText().Contains('e', StringComparison.OrdinalIgnoreCase))
                    output.Append(integer.ToString(CultureInfo.InvariantCulture));
                else
                    output.Append("!number ").Append(value.GetRawText());
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            default:
                output.Append("null");
                break;
        }
    }

    public static void WriteString(StringBuilder output, string value)
    {
        output.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                case < ' ': output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: output.Append(c); break;
            }
        }
        output.Append('"');
    }
}
