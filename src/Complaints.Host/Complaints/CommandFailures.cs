namespace Complaints.Host.Complaints;

public sealed class ComplaintNotFoundException(Guid id) : Exception($"No complaint has the id {id}.");

public sealed class StaleVersionException(long expected, long actual)
    : Exception($"If-Match expected version {expected}, but the complaint is at version {actual}.")
{
    public long CurrentVersion { get; } = actual;
}

public sealed class IdempotencyKeyReusedException(string key)
    : Exception($"Idempotency-Key '{key}' was already used for a different request.");

/// <summary>Concurrent writers kept winning; the client may simply retry.</summary>
public sealed class WriteContentionException(Guid id)
    : Exception($"Complaint {id} is being changed by others at the same moment; retry the command.");

/// <summary>
/// An event of the complaint cannot be read (a type this engine does not know, data that no longer deserialises):
/// nothing can be decided on it until an operator repairs it (docs/adr/0014).
/// </summary>
public sealed class UnreadableHistoryException(Guid id)
    : Exception($"The history of complaint {id} holds an event this engine cannot read, so no command can be decided on it; " +
                "nothing was recorded. Operators see the complaint under GET /api/reports/failures and repair it; " +
                "other complaints are not affected.");

/// <summary>The caller's token is valid but does not allow this particular act (HTTP 403).</summary>
public sealed class AccessDeniedException(string message) : Exception(message);
