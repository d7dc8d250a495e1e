using JasperFx;
using Marten.Exceptions;
using Npgsql;

namespace Complaints.Host.Infrastructure;

/// <summary>
/// Failures that mean "another writer got there first" and left nothing of ours behind, whether Marten has already
/// translated them or they are still PostgreSQL's own errors (as Marten's log sees them). A locking writer and a
/// committing one can deadlock; PostgreSQL aborts one of them, which is then safe to run again.
/// </summary>
public static class LostRace
{
    /// <summary>What Marten's append raises when the stream moved on since it was read (an optimistic check).</summary>
    private const string StreamVersionMismatch = "MT003";

    /// <summary>Tables whose unique keys only a concurrent twin can collide on: stream versions, new streams, idempotency keys.</summary>
    private static readonly HashSet<string> RacedTables = ["mt_events", "mt_streams", "mt_doc_idempotentrequest"];

    public static bool Caused(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is ConcurrencyException or ExistingStreamIdCollisionException or DocumentAlreadyExistsException
                    or StreamLockedException or ConcurrentUpdateException
                || e is PostgresException postgres && Lost(postgres))
                return true;
        return false;
    }

    private static bool Lost(PostgresException e) =>
        e.SqlState switch
        {
            StreamVersionMismatch or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure => true,
            PostgresErrorCodes.UniqueViolation => e.TableName is { } table && RacedTables.Contains(table),
            _ => false
        };
}
