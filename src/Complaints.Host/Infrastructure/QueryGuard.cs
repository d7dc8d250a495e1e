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
        foreach (var (name, values) in http.Request.Query)
        {
            v.OptionalLine(name, name);
            foreach (var value in values) v.OptionalLine(value, name, MaxValueLength);
        }
        v.ThrowIfInvalid();
        return next(http);
    }
}
