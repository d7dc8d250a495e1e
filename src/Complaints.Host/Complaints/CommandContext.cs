using Complaints.Domain;
using Complaints.Host.Infrastructure;

namespace Complaints.Host.Complaints;

/// <summary>What a write carries besides its body: condition, idempotency and provenance.</summary>
public sealed record CommandContext(
    long? ExpectedVersion,
    string? IdempotencyKey,
    string RequestHash,
    string CorrelationId,
    string CausationId,
    string? Principal)
{
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>The actor of customer answers when no authenticated caller records them.</summary>
    public const string Customer = "customer";

    public static CommandContext From(HttpContext http)
    {
        var validator = new Validator();
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        validator.OptionalLine(key, "Idempotency-Key", MaxIdempotencyKeyLength);
        var expected = ParseIfMatch(http.Request.Headers.IfMatch.ToString(), validator);
        validator.ThrowIfInvalid();

        return new CommandContext(
            expected,
            key.Length == 0 ? null : key,
            RequestGuard.BodyHash(http),
            Correlation.Id(http),
            Correlation.RequestId(http),
            http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : null);
    }

    /// <summary>The actor recorded on the events: the authenticated principal, else who the command names.</summary>
    public string ActorOf(ComplaintCommand command) => Principal ?? (command as IPerformedBy)?.By ?? Customer;

    private static long? ParseIfMatch(string header, Validator validator)
    {
        var value = header.Trim();
        if (value.Length == 0 || value == "*") return null;
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
        if (long.TryParse(value.Trim('"'), out var version) && version >= 0) return version;
        validator.Add("If-Match", "must be a complaint version like \"3\"");
        return null;
    }
}
