using System.Text;

namespace Complaints.Domain;

/// <summary>
/// The names enum values have on the wire: kebab-case ("in-person", "cs-leadership"),
/// except single letters, which stay as they are (severity "A").
/// </summary>
public static class WireNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Kebab(value.ToString());

    public static bool TryParse<TEnum>(string text, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
            if (string.Equals(Of(candidate), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        value = default;
        return false;
    }

    public static IEnumerable<string> All<TEnum>() where TEnum : struct, Enum => Enum.GetValues<TEnum>().Select(Of);

    private static string Kebab(string pascal)
    {
        if (pascal.Length == 1) return pascal;
        var builder = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) builder.Append('-');
            builder.Append(char.ToLowerInvariant(pascal[i]));
        }
        return builder.ToString();
    }
}
