using System.Security.Cryptography;
using System.Text;

namespace Complaints.Host.Webhooks;

/// <summary>
/// Standard Webhooks (standardwebhooks.com), version 1: the signed content is <c>{webhook-id}.{webhook-timestamp}.{body}</c>,
/// signed with HMAC-SHA256 under the secret's bytes, and <c>webhook-signature</c> lists <c>v1,{base64}</c> once per
/// secret, space-separated, so receivers keep verifying while a secret is rotated.
/// </summary>
public static class StandardWebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    public static string Sign(IEnumerable<byte[]> keys, string id, long unixSeconds, string body)
    {
        var content = Encoding.UTF8.GetBytes($"{id}.{unixSeconds}.{body}");
        return string.Join(' ', keys.Select(key => "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content))));
    }

    /// <summary>The key bytes of a <c>whsec_</c> secret, or null when it is not one.</summary>
    public static byte[]? KeyOf(string secret)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal)) return null;
        var encoded = secret[SecretPrefix.Length..];
        var key = new byte[encoded.Length];
        return Convert.TryFromBase64String(encoded, key, out var length) ? key[..length] : null;
    }
}
