using Complaints.Domain;

namespace Complaints.Host.Infrastructure;

/// <summary>
/// Refuses query strings no endpoint could mean before any endpoint reads them: a value (or name) with control
/// characters, which PostgreSQL refuses (NUL) or a log would garble, or longer than any filter list needs (400
/// naming the parameter).
/// </summary>
public sealed class QueryGuard(RequestDelegate next)
{
    /// <summary>Room for a comma-separated list of every status, or of many departments.</summary>
    public const int MaxValueLength = 1000;

    public Task InvokeAsync(HttpContext http)
    {
        var v = new Validator();
        // ASP.NET decodes escapes that are not UTF-8 (%C3%28) to U+FFFD: a filter the caller never meant.
        foreach (var part in (http.Request.QueryString.Value ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            if (part.Contains('%') && !System.Text.Unicode.Utf8.IsValid(Unescaped(part)))
                v.Add(Shown(Uri.UnescapeDataString(part.Split('=')[0])), "is not percent-encoded UTF-8");
        v.ThrowIfInvalid();
        foreach (var (name, values) in http.Request.Query)
        {
            v.OptionalLine(name, Shown(name));
            foreach (var value in values) v.OptionalLine(value, Shown(name), MaxValueLength);
        }
        v.ThrowIfInvalid();
        return next(http);
    }

    /// <summary>Longest parameter name an answer repeats: no endpoint's is half as long.</summary>
    public const int MaxShownNameLength = 64;

    /// <summary>The parameter as the answer names it: a 5,000-character name is not sent back whole.</summary>
    private static string Shown(string name) => name.Length <= MaxShownNameLength ? name : name[..MaxShownNameLength] + "…";

    /// <summary>The bytes a query component stands for: %XX escapes as bytes, '+' as a space, the rest as UTF-8.</summary>
    private static byte[] Unescaped(string component)
    {
        var bytes = new List<byte>(component.Length);
        for (var i = 0; i < component.Length; i++)
        {
            if (component[i] == '%' && i + 2 < component.Length && byte.TryParse(component.AsSpan(i + 1, 2),
                    System.Globalization.NumberStyles.HexNumber, null, out var escaped))
            {
                bytes.Add(escaped);
                i += 2;
            }
            else if (component[i] == '+') bytes.Add((byte)' ');
            else bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(component[i].ToString()));
        }
        return [.. bytes];
    }
}
