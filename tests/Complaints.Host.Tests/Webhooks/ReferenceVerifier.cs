using System.Security.Cryptography;
using System.Text;

namespace Complaints.Host.Tests.Webhooks;

/// <summary>
/// What a receiver does, written from the Standard Webhooks specification (standardwebhooks.com) and not from the
/// engine's code: the signed content is <c>msg_id.timestamp.payload</c>; the key is the base64 after <c>whsec_</c>;
/// <c>webhook-signature</c> is a space-delimited list of <c>version,signature</c>; any <c>v1</c> entry equal to the
/// base64 HMAC-SHA256 of the content verifies; a timestamp more than five minutes from now is refused.
/// </summary>
public static class ReferenceVerifier
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static bool Verifies(string secret, string? id, string? timestamp, string? signatures, string payload,
        DateTimeOffset now)
    {
        if (id is null || signatures is null || !long.TryParse(timestamp, out var seconds)) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance) return false;
        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{payload}"));
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(',', 2);
            if (parts is not ["v1", var encoded]) continue;
            var given = new byte[encoded.Length];
            if (Convert.TryFromBase64String(encoded, given, out var length)
                && CryptographicOperations.FixedTimeEquals(given.AsSpan(0, length), expected))
                return true;
        }
        return false;
    }
}
