using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Complaints.Domain;

/// <summary>Collects every problem with a command's input, keyed by the JSON field name.</summary>
public sealed class Validator
{
    /// <summary>Free-text fields are bounded so one request cannot bloat a stream.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>Names, departments, addresses and references: far longer than any real one.</summary>
    public const int MaxLineLength = 200;

    /// <summary>How many entries a list field (responsible parties) may hold.</summary>
    public const int MaxListLength = 50;

    private readonly Dictionary<string, List<string>> errors = new();

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages)) errors[field] = messages = [];
        messages.Add(message);
    }

    public bool HasError(string field) => errors.ContainsKey(field);

    public IReadOnlyDictionary<string, string[]> Errors => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    /// <summary>Required free text (a description, findings, a comment): line breaks and tabs are allowed.</summary>
    public string Text(string? value, string field) => Required(value, field, TextKind.Free, MaxTextLength);

    public string? OptionalText(string? value, string field) => Optional(value, field, TextKind.Free, MaxTextLength);

    /// <summary>A required single line (a name, a department, an address): no line breaks, tabs or other control characters.</summary>
    public string Line(string? value, string field) => Required(value, field, TextKind.Line, MaxLineLength);

    public string? OptionalLine(string? value, string field, int maxLength = MaxLineLength) =>
        Optional(value, field, TextKind.Line, maxLength);

    /// <summary>A required list of single lines, each named by its index (<c>field[2]</c>).</summary>
    public IReadOnlyList<string> Lines(IReadOnlyList<string?>? values, string field)
    {
        if (values is null)
        {
            Add(field, "is required (an empty list if none)");
            return [];
        }
        if (values.Count > MaxListLength) Add(field, $"may hold at most {MaxListLength} entries");
        return [.. values.Take(MaxListLength).Select((value, i) => Line(value, $"{field}[{i}]"))];
    }

    /// <summary>A person of the company: a name, and an email address when given.</summary>
    public StaffMember StaffMember(StaffMemberForm? form, string field)
    {
        if (form is null)
        {
            Add(field, "is required");
            return new StaffMember("", null);
        }
        var name = Line(form.Name, $"{field}.name");
        var email = OptionalLine(form.Email, $"{field}.email");
        if (email is not null && !email.Contains('@')) Add($"{field}.email", "is not an email address");
        return new StaffMember(name, email);
    }

    private enum TextKind { Free, Line }

    /// <summary>
    /// Nothing a reader would see: absent, or only white space and invisible formatting characters (a zero-width
    /// space, a byte-order mark), so a name of U+200B alone is as missing as an empty one.
    /// </summary>
    public static bool IsBlank(string? value) =>
        value is null || value.EnumerateRunes().All(r => Rune.IsWhiteSpace(r) || IsFormatting(r));

    /// <summary>
    /// Read by code point, not by UTF-16 unit: the tag characters (U+E0000–U+E007F) are formatting characters written as
    /// surrogate pairs, and a check of each unit alone let them through.
    /// </summary>
    private static bool IsFormatting(Rune r) => Rune.GetUnicodeCategory(r) == System.Globalization.UnicodeCategory.Format;

    private string Required(string? value, string field, TextKind kind, int maxLength)
    {
        if (!IsBlank(value)) return Optional(value, field, kind, maxLength)!;
        if (value is not null) CheckCharacters(value, field, kind, maxLength);
        Add(field, "is required");
        return "";
    }

    private string? Optional(string? value, string field, TextKind kind, int maxLength)
    {
        if (value is not null) CheckCharacters(value, field, kind, maxLength);
        return IsBlank(value) ? null : value!.Trim();
    }

    /// <summary>
    /// The invisible formatting characters real text needs: the joiners of emoji sequences and of Indic and Persian
    /// script, and the soft hyphen pasted from word processors. Every other one (bidirectional overrides that make a
    /// name read backwards, zero-width spaces, byte-order marks) only disguises what was typed.
    /// </summary>
    private static bool NeededFormatting(Rune r) => r.Value is 0x200C or 0x200D or 0xAD;

    /// <summary>
    /// Control characters are never meant (and PostgreSQL refuses NUL); free text keeps its line breaks and tabs,
    /// a single line has none, not even the Unicode line and paragraph separators.
    /// </summary>
    private void CheckCharacters(string value, string field, TextKind kind, int maxLength)
    {
        if (value.Length > maxLength) Add(field, $"is longer than {maxLength} characters");
        static bool LineBreak(char c) => c is '\n' or '\r' or '\u2028' or '\u2029';
        if (kind == TextKind.Line && value.Any(LineBreak)) Add(field, "must be a single line");
        if (value.Any(c => char.IsControl(c) && !LineBreak(c) && !(kind == TextKind.Free && c == '\t')))
            Add(field, "contains control characters");
        if (value.EnumerateRunes().Any(r => IsFormatting(r) && !NeededFormatting(r)))
            Add(field, "contains invisible formatting characters (such as U+200B, U+FEFF or U+202E)");
    }

    public T Required<T>(T? value, string field) where T : struct
    {
        if (value is null) Add(field, "is required");
        return value ?? default;
    }

    public TEnum Choice<TEnum>(string? value, string field) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required");
            return default;
        }
        if (WireNames.TryParse<TEnum>(value, out var parsed)) return parsed;
        Add(field, $"must be one of: {string.Join(", ", WireNames.All<TEnum>())}");
        return default;
    }

    public LocalDate Date(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required");
            return default;
        }
        var parsed = LocalDatePattern.Iso.Parse(value.Trim());
        if (parsed.Success) return parsed.Value;
        Add(field, "must be a calendar date like 2026-11-30");
        return default;
    }

    /// <summary>A date of a query, inside the plausible window.</summary>
    public LocalDate Date(string? value, string field, InputBounds bounds)
    {
        var date = Date(value, field);
        if (!HasError(field) && !bounds.Contains(date)) Add(field, $"must lie {bounds.Window}");
        return date;
    }

    public Instant Instant(string value, string field)
    {
        var parsed = InstantPattern.ExtendedIso.Parse(value.Trim());
        var offset = OffsetDateTimePattern.ExtendedIso.Parse(value.Trim());
        Instant? instant = parsed.Success ? parsed.Value : offset.Success ? offset.Value.ToInstant() : null;
        if (instant is { } ok) return ok;
        Add(field, "must be an ISO-8601 instant like 2026-11-22T01:30:00Z");
        return default;
    }

    /// <summary>An instant of a query, inside the plausible window.</summary>
    public Instant Instant(string value, string field, InputBounds bounds)
    {
        var instant = Instant(value, field);
        if (!HasError(field) && !bounds.Contains(instant)) Add(field, $"must lie {bounds.Window}");
        return instant;
    }

    public int Range(int? value, string field, int min, int max)
    {
        if (value is null) Add(field, "is required");
        else if (value < min || value > max) Add(field, $"must be between {min} and {max}");
        return value ?? 0;
    }

    public void ThrowIfInvalid()
    {
        if (errors.Count > 0) throw new InvalidCommandException(Errors);
    }
}
