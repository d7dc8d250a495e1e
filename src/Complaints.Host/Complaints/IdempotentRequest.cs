using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace Complaints.Host.Complaints;

/// <summary>
/// The first answer to a write that carried an <c>Idempotency-Key</c>. It is stored in the same transaction
/// as the events, so a retry either finds it (and gets the same answer) or the write never happened.
/// </summary>
public sealed class IdempotentRequest
{
    /// <summary><see cref="IdFor"/> the caller and key; records written before keys were scoped hold the bare key.</summary>
    public string Id { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public Guid ComplaintId { get; set; }
    public int StatusCode { get; set; }
    public CommandAnswer Answer { get; set; } = new(Guid.Empty, 0, null, null);
    public Instant RecordedAt { get; set; }

    /// <summary>
    /// A key is the caller's own: the id is a hash of both, so the same key from someone else is another record. The
    /// caller's length comes first so no (caller, key) pair can be spelled as another.
    /// </summary>
    public static string IdFor(string caller, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{caller.Length}:{caller}\n{key}")));
}

/// <summary>The body every command answers: <c>{ id, version }</c> plus what the command created.</summary>
public sealed record CommandAnswer(Guid Id, long Version, string? Number, int? PlanVersion);
