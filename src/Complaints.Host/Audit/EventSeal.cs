using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Complaints.Projections;
using NodaTime;
using NodaTime.Text;

namespace Complaints.Host.Audit;

/// <summary>What an event's hash covers: everything an auditor reads in the history except the sequence.</summary>
public sealed record SealedFields(
    Guid StreamId, long Version, string Type, Instant Timestamp, string? Actor, string? CorrelationId,
    string? CausationId, JsonElement Data, byte[]? PersonalDataKey);

/// <summary>
/// The hash chain of a complaint's history (docs/audit.md, docs/adr/0009). Each event's hash is the SHA-256 of
/// the canonical JSON of its fields and the previous event's hash, so changing, removing or reordering any
/// stored event breaks every link after it. Customer name, phone and email enter the hash as keyed commitments,
/// so erasing them later leaves the chain intact.
/// </summary>
public static class EventSeal
{
    public const string HashHeader = ComplaintDetails.HashHeader;
    public const string PersonalDataKeyHeader = "personalDataKey";
    public const string CommitmentPrefix = "hmac-sha256:";

    /// <summary>The "previous hash" of a complaint's first event.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>
    /// Where events hold a customer's name or contact details (procedure §7), by event type, and the free text of
    /// notes and evidence, which staff write about the customer and an erasure blanks too (docs/adr/0040).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string[]>> PersonalDataPaths =
        new Dictionary<string, IReadOnlyList<string[]>>
        {
            ["ComplaintReceived"] = [["intake", "customer", "name"], ["intake", "customer", "phone"], ["intake", "customer", "email"]],
            ["ComplaintClosed"] = [["sentTo"]],
            ["NoteAdded"] = [["text"]],
            ["AttachmentAdded"] = [["fileName"], ["description"]]
        };

    public static bool HoldsPersonalData(string type) => PersonalDataPaths.ContainsKey(type);

    /// <summary>Timestamps as hashed and exported: UTC, always six fractional digits.</summary>
    public static readonly InstantPattern TimestampPattern =
        InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'");

    /// <summary>PostgreSQL keeps microseconds; an event is stamped with exactly what will be stored.</summary>
    public static Instant Stored(Instant at) => Instant.FromUnixTimeTicks(at.ToUnixTimeTicks() - at.ToUnixTimeTicks() % 10);

    public static string FormatTimestamp(Instant at) => TimestampPattern.Format(at);

    public static byte[] NewPersonalDataKey() => RandomNumberGenerator.GetBytes(32);

    public static string Hash(string previousHash, SealedFields fields) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText(previousHash, fields))));

    /// <summary>The exact text that is hashed: one canonical JSON object (RFC 8785), members in code-unit order.</summary>
    public static string CanonicalText(string previousHash, SealedFields fields)
    {
        var text = new StringBuilder();
        text.Append("{\"actor\":");
        WriteOptional(text, fields.Actor);
        text.Append(",\"causationId\":");
        WriteOptional(text, fields.CausationId);
        text.Append(",\"correlationId\":");
        WriteOptional(text, fields.CorrelationId);
        text.Append(",\"data\":");
        CanonicalJson.Write(text, WithCommitments(fields.Type, fields.Data, fields.PersonalDataKey));
        text.Append(",\"previousHash\":");
        CanonicalJson.WriteString(text, previousHash);
        text.Append(",\"streamId\":");
        CanonicalJson.WriteString(text, fields.StreamId.ToString("D"));
        text.Append(",\"timestamp\":");
        CanonicalJson.WriteString(text, FormatTimestamp(fields.Timestamp));
        text.Append(",\"type\":");
        CanonicalJson.WriteString(text, fields.Type);
        text.Append(",\"version\":").Append(fields.Version.ToString(CultureInfo.InvariantCulture)).Append('}');
        return text.ToString();
    }

    /// <summary>The keyed commitment that stands for a personal value in the hash, and in storage once erased.</summary>
    public static string Commit(byte[] key, string value) =>
        CommitmentPrefix + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value)));

    private static void WriteOptional(StringBuilder text, string? value)
    {
        if (value is null) text.Append("null");
        else CanonicalJson.WriteString(text, value);
    }

    /// <summary>
    /// The data as it is stored once the customer's personal data is erased: each personal value replaced by the
    /// very commitment the hash was computed over, so without the key the chain still verifies.
    /// </summary>
    public static JsonElement ErasedData(StoredEvent e) => WithCommitments(e.Type, e.Data, e.Sealed.PersonalDataKey);

    /// <summary>
    /// The data as hashed: with a key, the personal values replaced by their commitments; without one (nothing
    /// personal, or already erased) the data as stored.
    /// </summary>
    private static JsonElement WithCommitments(string type, JsonElement data, byte[]? key)
    {
        if (key is null || !PersonalDataPaths.TryGetValue(type, out var paths)
            || JsonNode.Parse(data.GetRawText()) is not JsonObject root)
            return data;
        foreach (var path in paths)
        {
            var parent = path[..^1].Aggregate((JsonNode?)root, (node, name) => node?[name]);
            if (parent is JsonObject holder && holder[path[^1]] is JsonValue value && value.TryGetValue<string>(out var text))
                holder[path[^1]] = Commit(key, text);
        }
        return JsonSerializer.SerializeToElement(root);
    }
}
