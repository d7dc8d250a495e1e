namespace Complaints.Client;

/// <summary>
/// The contract's headers of a command. <see cref="IdempotencyKey"/>: printable ASCII up to 200 characters; the same key
/// and body answer the first answer again, so a retry after a timeout is safe. <see cref="IfMatchVersion"/>: run only if
/// the complaint is still at that version (else a 412 <c>stale-version</c>). <see cref="CorrelationId"/>: the business
/// conversation, recorded on the events.
/// </summary>
public sealed record CommandOptions(string? IdempotencyKey = null, long? IfMatchVersion = null, string? CorrelationId = null)
{
    /// <summary>A new random key: send the same options again to retry the same command.</summary>
    public static CommandOptions Idempotent(long? ifMatchVersion = null, string? correlationId = null) =>
        new(Guid.NewGuid().ToString("N"), ifMatchVersion, correlationId);
}
