using Npgsql;

namespace Complaints.Host.Infrastructure;

/// <summary>
/// Failures that mean PostgreSQL could not be reached or dropped the connection (it is down, restarting or
/// failing over), as opposed to refusing what was asked: the same work may well succeed a moment later.
/// </summary>
public static class DatabaseOutage
{
    public static bool Caused(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e switch
            {
                // Connection exceptions (08) and operator intervention: shutting down, starting up (57P).
                PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal),
                // Socket, stream and timeout failures on the way to or from the server.
                NpgsqlException npgsql => npgsql.IsTransient,
                _ => false
            })
                return true;
        return false;
    }
}
