using Marten;
using Marten.Services;
using Npgsql;

namespace Complaints.Host.Infrastructure;

/// <summary>
/// Marten's log, at Marten's levels but for one thing: a write that lost a race to a concurrent writer is logged at
/// Debug, because the pipeline decides it again under the stream lock (docs/adr/0017); Marten's own logger writes
/// every one of them at Error, hundreds in a burst. SQL is logged without its parameter values, which can hold a
/// customer's personal data.
/// </summary>
public sealed class StoreLog(ILogger<IDocumentStore> logger) : IMartenLogger, IMartenSessionLogger
{
    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql) => logger.SchemaUpdated(sql);

    public void LogSuccess(NpgsqlCommand command) => logger.MartenExecuted(command.CommandText);

    public void LogSuccess(NpgsqlBatch batch)
    {
        if (logger.IsEnabled(LogLevel.Debug)) logger.MartenExecuted(TextOf(batch));
    }

    public void LogFailure(NpgsqlCommand command, Exception ex) => Failed(ex, command.CommandText);

    public void LogFailure(NpgsqlBatch batch, Exception ex) => Failed(ex, TextOf(batch));

    public void LogFailure(Exception ex, string message) => Failed(ex, message);

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit)
    {
        if (logger.IsEnabled(LogLevel.Debug))
            logger.Persisted(commit.Updated.Count(), commit.Inserted.Count(), commit.Deleted.Count());
    }

    public void OnBeforeExecute(NpgsqlCommand command) { }

    public void OnBeforeExecute(NpgsqlBatch batch) { }

    private void Failed(Exception ex, string what)
    {
        if (LostRace.Caused(ex))
            logger.ConcurrentWriterFirst(ex.Message);
        else
            logger.MartenFailed(ex, what);
    }

    private static string TextOf(NpgsqlBatch batch) => string.Join(";\n", batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(command => command.CommandText));
}
