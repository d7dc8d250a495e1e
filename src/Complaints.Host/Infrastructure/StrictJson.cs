using System.Text.Json;
using System.Text.Unicode;

namespace Complaints.Host.Infrastructure;

/// <summary>One reason a JSON text is refused, at the path (<c>$.customer.name</c>) where it was found.</summary>
public sealed record JsonDefect(string Path, string Problem);

/// <summary>
/// JSON as RFC 8259 means it for interchange, stricter than the serializer: the bytes must be UTF-8, every string
/// and member name must be Unicode text (no lone surrogate escapes), and no object may name a member twice, since
/// "last one wins" would silently change what a command means. System.Text.Json accepts the last two, and
/// <see cref="JsonObject"/> throws a non-JSON exception on a duplicate, so bodies are checked here first.
/// </summary>
public static class StrictJson
{
    private static readonly JsonDocumentOptions Syntax = new() { MaxDepth = 64 };

    /// <summary>The body's first defect, or null when <paramref name="utf8"/> is strict JSON.</summary>
    public static JsonDefect? Check(ReadOnlySpan<byte> utf8)
    {
        using var document = Parse(utf8.ToArray(), out var defect);
        return defect ?? Check(document!.RootElement);
    }

    /// <summary>
    /// The body as a document, or null and the defect that keeps it from being JSON text at all (not UTF-8, not
    /// JSON); members named twice and lone surrogates inside it are left to <see cref="Check(JsonElement, string)"/>,
    /// for callers that refuse parts of a document on their own (a batch's events).
    /// </summary>
    public static JsonDocument? Parse(ReadOnlyMemory<byte> utf8, out JsonDefect? defect)
    {
        defect = null;
        if (!Utf8.IsValid(utf8.Span))
        {
            defect = new JsonDefect("$", "is not valid UTF-8");
            return null;
        }
        try
        {
            return JsonDocument.Parse(utf8, Syntax);
        }
        catch (JsonException e)
        {
            defect = new JsonDefect(e.Path ?? "$", "is not valid JSON");
            return null;
        }
    }

    /// <summary>The first duplicate member or lone surrogate under <paramref name="element"/>, or null.</summary>
    public static JsonDefect? Check(JsonElement element, string path = "$")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in element.EnumerateObject())
                {
                    if (NameOf(member) is not { } name) return new JsonDefect(path, "has a member name that is not valid Unicode");
                    var memberPath = $"{path}.{name}";
                    if (!names.Add(name)) return new JsonDefect(memberPath, "appears more than once");
                    if (Check(member.Value, memberPath) is { } defect) return defect;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                    if (Check(item, $"{path}[{index++}]") is { } defect) return defect;
                return null;
            case JsonValueKind.String:
                return IsText(element) ? null : new JsonDefect(path, "contains an unpaired surrogate escape");
            default:
                return null;
        }
    }

    private static bool IsText(JsonElement value)
    {
        try
        {
            value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string? NameOf(JsonProperty member)
    {
        try
        {
            return member.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
