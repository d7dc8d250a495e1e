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

/// <summary>The caller's token is valid but does not allow this particular act (HTTP 403).</summary>
public sealed class AccessDeniedException(string message) : Exception(message);
