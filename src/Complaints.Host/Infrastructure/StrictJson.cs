using System.Text.Json;
using System.Text.Unicode;

namespace Complaints.Host.Infrastructure;

/// <summary>One reason a JSON text is refused, at the path (<c>$.customer.name</c>) where it was found.</summary>
public sealed record JsonDefect(string Path, string Problem);

/// <summary>
/// JSON as RFC 8259 means it for interchange, stricter than the serializer: the bytes must be UTF-8, every string
/// and member name must be Unicode text (no lone surrogate escapes), and no object may name a member twice, since
/// "last one wins" would silently change what a command means. System.Text.Json accepts the last two, and
/// <see cref="JsonObject"/> throws a non-JSON exception on a duplicate, so bodies are checked here first. Two
/// limits keep a body within what any command means: nesting (the serializer's own depth) and array length.
/// </summary>
public static class StrictJson
{
    /// <summary>The serializer's default depth, so whatever passes here also binds.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions Syntax = new() { MaxDepth = MaxDepth };

    /// <summary>The body's first defect, or null when <paramref name="utf8"/> is strict JSON.</summary>
    public static JsonDefect? Check(ReadOnlySpan<byte> utf8, int maxArrayItems)
    {
        using var document = Parse(utf8.ToArray(), out var defect);
        return defect ?? Check(document!.RootElement, maxArrayItems: maxArrayItems);
    }

    /// <summary>
    /// The body as a document, or null and the defect that keeps it from being JSON text at all (not UTF-8, not
    /// JSON, nested too deep); members named twice and lone surrogates inside it are left to
    /// <see cref="Check(JsonElement, string, int)"/>, for callers that refuse parts of a document on their own (a batch's events).
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
            defect = NestsTooDeep(utf8.Span)
                ? new JsonDefect("$", $"nests arrays and objects more than {MaxDepth} levels deep")
                : new JsonDefect(e.Path ?? "$", "is not valid JSON");
            return null;
        }
    }

    /// <summary>The first duplicate member, lone surrogate or over-long array under <paramref name="element"/>, or null.</summary>
    public static JsonDefect? Check(JsonElement element, string path = "$", int maxArrayItems = int.MaxValue)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // Bodies bind to commands without regard to case: "Severity" after "severity" would replace it too.
                var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var member in element.EnumerateObject())
                {
                    if (NameOf(member) is not { } name) return new JsonDefect(path, "has a member name that is not valid Unicode");
                    var memberPath = $"{path}.{name}";
                    if (!names.Add(name)) return new JsonDefect(memberPath, "appears more than once (names are compared without regard to case)");
                    if (Check(member.Value, memberPath, maxArrayItems) is { } defect) return defect;
                }
                return null;
            case JsonValueKind.Array:
                if (element.GetArrayLength() > maxArrayItems) return new JsonDefect(path, $"has more than {maxArrayItems} items");
                var index = 0;
                foreach (var item in element.EnumerateArray())
                    if (Check(item, $"{path}[{index++}]", maxArrayItems) is { } defect) return defect;
                return null;
            case JsonValueKind.String:
                return IsText(element) ? null : new JsonDefect(path, "contains an unpaired surrogate escape");
            default:
                return null;
        }
    }

    /// <summary>
    /// Whether the text opens more than <see cref="MaxDepth"/> arrays and objects before any syntax error: the reader
    /// keeps its own stack, so it can look past the limit the document stopped at.
    /// </summary>
    private static bool NestsTooDeep(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = int.MaxValue });
        try
        {
            while (reader.Read())
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= MaxDepth)
                    return true;
        }
        catch (JsonException)
        {
            // Malformed before it got too deep.
        }
        return false;
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
