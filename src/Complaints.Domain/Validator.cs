using NodaTime;
using NodaTime.Text;

namespace Complaints.Domain;

/// <summary>Collects every problem with a command's input, keyed by the JSON field name.</summary>
public sealed class Validator
{
    /// <summary>Free-text fields are bounded so one request cannot bloat a stream.</summary>
    public const int MaxTextLength = 4000;

    private readonly Dictionary<string, List<string>> errors = new();

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages)) errors[field] = messages = [];
        messages.Add(message);
    }

    public bool HasError(string field) => errors.ContainsKey(field);

    public string Text(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required");
            return "";
        }
        CheckCharacters(value, field);
        return value.Trim();
    }

    /// <summary>Control characters (other than line breaks and tabs) are never meant and PostgreSQL refuses NUL.</summary>
    private void CheckCharacters(string value, string field)
    {
        if (value.Length > MaxTextLength) Add(field, $"is longer than {MaxTextLength} characters");
        if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            Add(field, "contains control characters");
    }

    public string? OptionalText(string? value, string field)
    {
        if (value is not null) CheckCharacters(value, field);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
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

    public Instant Instant(string value, string field)
    {
        var parsed = InstantPattern.ExtendedIso.Parse(value.Trim());
        var offset = OffsetDateTimePattern.ExtendedIso.Parse(value.Trim());
        Instant? instant = parsed.Success ? parsed.Value : offset.Success ? offset.Value.ToInstant() : null;
        // Years outside 1–9999 parse, but no clock, database or other system can hold them.
        if (instant is { } ok && ok.InUtc().Year is >= 1 and <= 9999) return ok;
        Add(field, "must be an ISO-8601 instant like 2026-11-22T01:30:00Z between the years 1 and 9999");
        return default;
    }

    public int Range(int? value, string field, int min, int max)
    {
        if (value is null) Add(field, "is required");
        else if (value < min || value > max) Add(field, $"must be between {min} and {max}");
        return value ?? 0;
    }

    public void ThrowIfInvalid()
    {
        if (errors.Count > 0)
            throw new InvalidCommandException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}
