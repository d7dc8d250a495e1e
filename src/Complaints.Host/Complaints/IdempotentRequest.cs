using NodaTime;

namespace Complaints.Host.Complaints;

/// <summary>
/// The first answer to a write that carried an <c>Idempotency-Key</c>. It is stored in the same transaction
/// as the events, so a retry either finds it (and gets the same answer) or the write never happened.
/// </summary>
public sealed class IdempotentRequest
{
    public string Id { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public Guid ComplaintId { get; set; }
    public int StatusCode { get; set; }
    public CommandAnswer Answer { get; set; } = new(Guid.Empty, 0, null, null);
    public Instant RecordedAt { get; set; }
}

/// <summary>The body every command answers: <c>{ id, version }</c> plus what the command created.</summary>
public sealed record CommandAnswer(Guid Id, long Version, string? Number, int? PlanVersion);
