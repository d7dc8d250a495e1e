using System.Security.Claims;
using Complaints.Domain;
using Complaints.Host.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Complaints.Host.Complaints;

/// <summary>
/// What a write carries besides its body: condition, idempotency and provenance. <paramref name="Caller"/> is who
/// the idempotency key belongs to (<see cref="CallerOf"/>); left out, it is the principal's name.
/// </summary>
public sealed record CommandContext(
    long? ExpectedVersion,
    string? IdempotencyKey,
    string RequestHash,
    string CorrelationId,
    string CausationId,
    string? Principal,
    string? Caller = null)
{
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>The actor of customer answers when no authenticated caller records them.</summary>
    public const string Customer = "customer";

    private const string IdempotencyKeyHeader = "Idempotency-Key";

    public static CommandContext From(HttpContext http)
    {
        var validator = new Validator();
        var key = IdempotencyKeyOf(http.Request.Headers[IdempotencyKeyHeader], validator);
        var expected = ParseIfMatch(http.Request.Headers.IfMatch.ToString(), validator);
        validator.ThrowIfInvalid();

        return new CommandContext(
            expected,
            key,
            RequestGuard.BodyHash(http),
            Correlation.Id(http),
            Correlation.RequestId(http),
            http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : null,
            CallerOf(http.User));
    }

    /// <summary>
    /// Who an idempotency key belongs to: the token's subject, which stays the same when the display name changes
    /// and tells apart two people of one name; a token without one is known by its name (docs/adr/0017).
    /// </summary>
    public static string? CallerOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true ? null
        : user.FindFirst(JwtRegisteredClaimNames.Sub)?.Value is { Length: > 0 } subject ? "sub:" + subject
        : user.Identity.Name is { } name ? NameCaller(name)
        : null;

    /// <summary>The id this caller's idempotency key is stored under, or null without a key.</summary>
    public string? StoredKey => IdempotencyKey is null
        ? null
        : IdempotentRequest.IdFor(Caller ?? NameCaller(Principal ?? ""), IdempotencyKey);

    /// <summary>The actor recorded on the events: the authenticated principal, else who the command names.</summary>
    public string ActorOf(ComplaintCommand command) => Principal ?? (command as IPerformedBy)?.By ?? Customer;

    private static string NameCaller(string name) => "name:" + name;

    /// <summary>
    /// One key, of printable ASCII (what a structured-header string may hold): a control character or a second
    /// header would make "the same key" a matter of how each proxy on the way joins or cleans headers.
    /// </summary>
    private static string? IdempotencyKeyOf(Microsoft.Extensions.Primitives.StringValues values, Validator validator)
    {
        if (values.Count > 1) validator.Add(IdempotencyKeyHeader, "must be sent once");
        var key = values.ToString();
        if (key.Length > MaxIdempotencyKeyLength)
            validator.Add(IdempotencyKeyHeader, $"is longer than {MaxIdempotencyKeyLength} characters");
        else if (key.Any(c => c is < ' ' or > '~'))
            validator.Add(IdempotencyKeyHeader, "may hold only printable ASCII characters");
        return key.Length == 0 ? null : key;
    }

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
