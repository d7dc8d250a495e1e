using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using Complaints.Domain;
using Complaints.Host.Audit;
using Complaints.Host.Infrastructure;
using Complaints.Projections.Analytics;
using Complaints.Projections.Reporting;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Complaints.Host.Reports.Rebuilding;

/// <summary>What a rebuild did: how much it read, which complaints failed, and whether it replaced the live tables.</summary>
public sealed record RebuildResult(int Complaints, long Events, IReadOnlyList<ReportFailure> Failures, bool Swapped, TimeSpan Took);

/// <summary>
/// Rebuilds the handling reports and analytics tables of a selection of complaints (all, one, or those registered
/// in a period) beside the live tables, in temporary tables of its own connection, and replaces the live rows of
/// exactly those complaints in one transaction at the end (docs/adr/0014). Readers see the old rows until that
/// commit and the new ones after it, never empty or half-built tables; a rebuild that fails or is stopped leaves
/// the live tables as they were. Hosts may keep running: the swap locks out the live projection's writes, builds
/// again whatever it appended meanwhile, and the projection carries on after it.
/// </summary>
public sealed class ReportsRebuild(IDocumentStore store, ReportProjector projector, Rules.RuleHistory history,
    ILogger<ReportsRebuild> logger)
{
    private const int StreamsPerPage = 2000;
    private const string Shadow = "rebuild_";
    private const string Reports = StoreConfiguration.Schema + ".mt_doc_handlingreport";
    private const string Events = StoreConfiguration.Schema + ".mt_events";
    private const string Streams = StoreConfiguration.Schema + ".mt_streams";
    private const string Scope = Shadow + "scope";
    private const string ShadowReports = Shadow + "reports";
    private const string DeadlockDetected = "40P01";

    /// <summary>
    /// Only complaints are rebuilt: Marten keeps other streams in the same tables (the tombstones that fill the
    /// sequence numbers of a failed append), and those are not complaints that failed to build.
    /// </summary>
    private const string ComplaintStreams = $"s.type = '{StoreConfiguration.ComplaintStreamType}'";

    private static readonly IReadOnlyList<AnalyticsTable> Tables = [.. AnalyticsSchema.Tables, AnalyticsSchema.Failures];

    private readonly StoredEventReader storedEvents = new(store.Options);

    /// <param name="selection">Which complaints; <see cref="EventSelection.All"/> replaces every row of the tables.</param>
    /// <param name="keepFailed">
    /// Swap even when some complaints fail to build: those keep their previous rows and are recorded as failed.
    /// Without it a single failure leaves every table exactly as it was.
    /// </param>
    public async Task<RebuildResult> RunAsync(EventSelection selection, bool keepFailed, CancellationToken ct)
    {
        var took = Stopwatch.StartNew();
        // The deadlines are counted on the calendar versions they recorded, read from the store: a process that
        // rebuilds without having started (the command) knows only the files' versions, which may be corrected since.
        await history.LoadAsync(ct);
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await CreateShadowTablesAsync(connection, selection, ct);

        var built = new Dictionary<Guid, long>();
        var failures = new Dictionary<Guid, ReportFailure>();
        long events = 0;
        Guid? after = null;
        while (true)
        {
            var page = await ReadPageAsync(connection,
                $"id in (select id from {Scope} where id > @after order by id limit {StreamsPerPage})",
                new() { ["after"] = after ?? Guid.Empty }, ct);
            if (page.Count == 0) break;
            events += page.Sum(stream => stream.Events);
            await WriteAsync(connection, page, built, failures, ct);
            after = page[^1].Complaint;
            logger.ReportsBuilt(built.Count, events);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var swapped = await SwapAsync(connection, selection == EventSelection.All, keepFailed, built, failures, ct);
                return new RebuildResult(built.Count, events, [.. failures.Values.OrderBy(f => f.Complaint)], swapped, took.Elapsed);
            }
            // The live projection may hold a lock the swap needs while waiting for one the swap holds; PostgreSQL
            // ends one of the two, and the shadow tables are still there to swap again.
            catch (PostgresException e) when (e.SqlState == DeadlockDetected && attempt < 5)
            {
                logger.ReportsSwapRetried();
            }
        }
    }

    private static async Task CreateShadowTablesAsync(NpgsqlConnection connection, EventSelection selection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        var scope = EventLog.Within(selection, command, "s.id");
        command.CommandText = string.Join(";\n", Tables
            .Select(t => $"create temp table {Shadow}{t.Name} (like {t.QualifiedName})")
            .Append($"create temp table {ShadowReports} (id uuid not null, data jsonb not null)")
            .Append($"create temp table {Scope} (id uuid primary key)")
            .Prepend($"drop table if exists {string.Join(", ", Tables.Select(t => Shadow + t.Name).Append(ShadowReports).Append(Scope))}")
            .Append($"insert into {Scope} select s.id from {Streams} s where {ComplaintStreams} and {scope}"));
        await command.ExecuteNonQueryAsync(ct);
    }

    private sealed record StreamPage(Guid Complaint, long Events, ProjectedComplaint Projected);

    /// <summary>Reads the streams <paramref name="streamCondition"/> selects from the event table, and builds each.</summary>
    private async Task<List<StreamPage>> ReadPageAsync(NpgsqlConnection connection, string streamCondition,
        Dictionary<string, object> parameters, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            select stream_id, version, seq_id, type, data from {Events}
            where not is_archived and stream_id in (select id from {Streams} where {streamCondition})
            order by stream_id, version
            """;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var page = new List<StreamPage>();
        var current = new List<StreamEvent>();
        Guid? stream = null;
        ReportFailure? unreadable = null;
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var complaint = reader.GetGuid(0);
                if (stream != complaint)
                {
                    if (stream is { } previous) page.Add(Finish(previous, current, unreadable));
                    (stream, current, unreadable) = (complaint, [], null);
                }
                if (unreadable is not null) continue;
                var (version, sequence, alias) = (reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3));
                try
                {
                    if (storedEvents.Read(alias, reader, 4) is IComplaintEvent data) current.Add(new StreamEvent(version, sequence, data));
                }
                catch (Exception e) when (e is not OperationCanceledException and not NpgsqlException)
                {
                    unreadable = projector.Unreadable(complaint, version, sequence, alias, e);
                }
            }
        if (stream is { } last) page.Add(Finish(last, current, unreadable));
        return page;

        StreamPage Finish(Guid complaint, List<StreamEvent> events, ReportFailure? failure) =>
            new(complaint, events.Count, failure is null
                ? projector.Project(complaint, events)
                : new ProjectedComplaint(complaint, failure.Version, null, null, failure));
    }

    /// <summary>Copies the page's rows into the shadow tables (binary COPY: the fastest way into PostgreSQL).</summary>
    private async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<StreamPage> page, Dictionary<Guid, long> built,
        Dictionary<Guid, ReportFailure> failures, CancellationToken ct)
    {
        var serializer = store.Options.Serializer();
        var reports = new List<object?[]>();
        var rows = Tables.ToDictionary(t => t, _ => new List<object?[]>());
        foreach (var (complaint, _, projected) in page)
        {
            built[complaint] = projected.Version;
            failures.Remove(complaint);
            if (projected is { Report: { } report, Rows: { } analytics })
            {
                reports.Add([complaint, serializer.ToJson(report)]);
                rows[AnalyticsSchema.Ledger].Add(analytics.Ledger);
                foreach (var (table, facts) in analytics.Facts) rows[table].AddRange(facts);
            }
            else if (projected.Failure is { } failure)
            {
                failures[complaint] = failure;
                rows[AnalyticsSchema.Failures].Add(AnalyticsSchema.FailureRow(failure));
            }
        }
        await CopyAsync(connection, ShadowReports, ["id", "data"], [NpgsqlDbType.Uuid, NpgsqlDbType.Jsonb], reports, ct);
        foreach (var (table, tableRows) in rows)
            await CopyAsync(connection, Shadow + table.Name, [.. table.Columns.Select(c => c.Name)],
                [.. table.Columns.Select(c => TypeOf(c.SqlType))], tableRows, ct);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string table, string[] columns, NpgsqlDbType[] types,
        List<object?[]> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        await using var importer = await connection.BeginBinaryImportAsync(
            $"copy {table} ({string.Join(", ", columns)}) from stdin (format binary)", ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            for (var i = 0; i < row.Length; i++)
                if (row[i] is null) await importer.WriteNullAsync(ct);
                else await importer.WriteAsync(Coerce(row[i]!, types[i]), types[i], ct);
        }
        await importer.CompleteAsync(ct);
    }

    /// <summary>
    /// Replaces the live rows of the rebuilt complaints with the shadow ones in one transaction, after building
    /// again the complaints whose streams grew since they were read. Returns false, changing nothing, when a
    /// complaint failed and <paramref name="keepFailed"/> is not set.
    /// </summary>
    private async Task<bool> SwapAsync(NpgsqlConnection connection, bool everything, bool keepFailed,
        Dictionary<Guid, long> built, Dictionary<Guid, ReportFailure> failures, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Readers go on; the live projection's writes wait for the commit.
        await ExecuteAsync(connection,
            $"lock table {string.Join(", ", Tables.Select(t => t.QualifiedName).Append(Reports))} in share row exclusive mode", ct);

        // Complaints registered since the rebuild began belong to "all" too.
        if (everything)
            await ExecuteAsync(connection, $"insert into {Scope} select s.id from {Streams} s where {ComplaintStreams} on conflict do nothing", ct);
        var grown = await GrownSinceReadAsync(connection, built, ct);
        if (grown.Length > 0)
        {
            await ExecuteAsync(connection, string.Join(";\n", Tables.Select(t => Shadow + t.Name).Append(ShadowReports)
                .Select(t => $"delete from {t} where {(t == ShadowReports ? "id" : "complaint_id")} = any(@grown)")), ct, grown);
            await WriteAsync(connection, await ReadPageAsync(connection, "id = any(@grown)", new() { ["grown"] = grown }, ct),
                built, failures, ct);
        }
        if (failures.Count > 0 && !keepFailed)
        {
            await transaction.RollbackAsync(ct);
            return false;
        }

        // The complaints whose rows are replaced: all of them or the selection, less those kept as they were.
        var replaced = everything ? "true" : $"complaint_id in (select id from {Scope})";
        var kept = failures.Keys.ToArray();
        var statements = new List<string>();
        foreach (var table in AnalyticsSchema.Tables)
        {
            statements.Add($"delete from {table.QualifiedName} where {replaced} and complaint_id <> all(@kept)");
            statements.Add($"insert into {table.QualifiedName} select * from {Shadow}{table.Name}");
        }
        statements.Add($"delete from {AnalyticsSchema.Failures.QualifiedName} where {replaced}");
        statements.Add($"insert into {AnalyticsSchema.Failures.QualifiedName} select * from {Shadow}{AnalyticsSchema.Failures.Name}");
        statements.Add($"delete from {Reports} where {replaced.Replace("complaint_id", "id")} and id <> all(@kept)");
        statements.Add($"insert into {Reports} (id, data, mt_version, mt_dotnet_type, mt_last_modified) " +
                       $"select id, data, gen_random_uuid(), '{typeof(HandlingReport).FullName}', now() from {ShadowReports}");
        statements.Add(AnalyticsSchema.NewRevision);
        await ExecuteAsync(connection, string.Join(";\n", statements), ct, kept: kept);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>The complaints of the rebuild whose stream version is no longer the one they were built at.</summary>
    private static async Task<Guid[]> GrownSinceReadAsync(NpgsqlConnection connection, Dictionary<Guid, long> built,
        CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"select s.id, s.version from {Streams} s join {Scope} using (id)";
        var grown = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            if (!built.TryGetValue(reader.GetGuid(0), out var version) || version != reader.GetInt64(1))
                grown.Add(reader.GetGuid(0));
        return [.. grown];
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct,
        Guid[]? grown = null, Guid[]? kept = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (grown is not null) command.Parameters.AddWithValue("grown", grown);
        if (kept is not null) command.Parameters.AddWithValue("kept", kept);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlDbType TypeOf(string sqlType) => sqlType switch
    {
        "uuid" => NpgsqlDbType.Uuid,
        "text" => NpgsqlDbType.Text,
        "timestamptz" => NpgsqlDbType.TimestampTz,
        "boolean" => NpgsqlDbType.Boolean,
        "integer" => NpgsqlDbType.Integer,
        "bigint" => NpgsqlDbType.Bigint,
        "date" => NpgsqlDbType.Date,
        _ => throw new NotSupportedException($"no COPY type for SQL type {sqlType}")
    };

    /// <summary>Binary COPY wants the CLR type of the column exactly: an int counted in a bigint column is widened.</summary>
    private static object Coerce(object value, NpgsqlDbType type) => type switch
    {
        NpgsqlDbType.Bigint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        NpgsqlDbType.Integer => Convert.ToInt32(value, CultureInfo.InvariantCulture),
        _ => value
    };
}
