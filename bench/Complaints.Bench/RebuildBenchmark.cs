using System.Diagnostics;
using Npgsql;

namespace Complaints.Bench;

/// <summary>
/// (d) Rebuilding the reports projection from the whole store with the operator's command
/// (`reports rebuild`). The store is first filled up to the target by copying the
/// streams earlier measurements wrote under new ids (and ledger numbers), so the events are the engine's own.
/// </summary>
public static class RebuildBenchmark
{
    public sealed record Result(long Events, long Streams, TimeSpan SeedTook, TimeSpan Elapsed, long LedgerRows)
    {
        public double EventsPerSecond => Events / Elapsed.TotalSeconds;
    }

    public static async Task<Result> RunAsync(string connectionString, BenchOptions options, CancellationToken ct)
    {
        var seeding = Stopwatch.StartNew();
        await SeedAsync(connectionString, options.RebuildEvents, ct);
        seeding.Stop();
        var events = await EngineAppendBenchmark.EventCountAsync(connectionString, ct);
        var streams = await BenchDatabase.ScalarAsync<long>(connectionString, "select count(*) from complaints.mt_streams", ct);
        Console.WriteLine($"    store holds {events:N0} events in {streams:N0} streams (copying took {seeding.Elapsed.TotalSeconds:F0} s); rebuilding");

        var rebuild = await EngineCommand.RunAsync(connectionString, ["reports", "rebuild"], ct);
        var ledger = await BenchDatabase.ScalarAsync<long>(connectionString, "select count(*) from analytics.ledger", ct);
        if (ledger != streams)
            throw new InvalidOperationException($"The rebuilt ledger holds {ledger} rows for {streams} complaints:\n{rebuild.Output}");
        return new Result(events, streams, seeding.Elapsed, rebuild.Elapsed, ledger);
    }

    /// <summary>Copies every stream as often as needed to reach <paramref name="target"/> events.</summary>
    private static async Task SeedAsync(string connectionString, long target, CancellationToken ct)
    {
        var events = await EngineAppendBenchmark.EventCountAsync(connectionString, ct);
        if (events == 0 || events >= target) return;
        await CopyStreamsAsync(connectionString, (int)Math.Ceiling((double)(target - events) / events), ct);
    }

    /// <summary>
    /// Adds <paramref name="copies"/> copies of every stream under new ids (and ledger numbers), events and their
    /// instants as they are, so a store grows with the engine's own events. The copies' hash chains do not verify.
    /// </summary>
    public static async Task CopyStreamsAsync(string connectionString, int copies, CancellationToken ct)
    {
        var lastOriginal = await BenchDatabase.ScalarAsync<long>(connectionString, "select max(seq_id) from complaints.mt_events", ct);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        // A copy's id is derived from the original's and the copy's number; events keep their order in the stream.
        await BenchDatabase.ExecuteAsync(connection, $$"""
            create or replace function pg_temp.copy_id(original uuid, copy int) returns uuid
              language sql immutable as $$ select md5(original::text || ':' || copy)::uuid $$;
            create temp table copies as select generate_series(1, {{copies}}) as copy;
            insert into complaints.mt_streams (id, type, version, timestamp, created, tenant_id, compacted_version, is_archived)
              select pg_temp.copy_id(s.id, c.copy), s.type, s.version, s.timestamp, s.created, s.tenant_id,
                     s.compacted_version, s.is_archived
              from complaints.mt_streams s cross join copies c;
            insert into complaints.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id,
                                              mt_dotnet_type, correlation_id, causation_id, headers, user_name, is_archived)
              select nextval('complaints.mt_events_sequence'), gen_random_uuid(), copied.stream_id, copied.version,
                     copied.data, copied.type, copied.timestamp, copied.tenant_id, copied.mt_dotnet_type,
                     copied.correlation_id, copied.causation_id, copied.headers, copied.user_name, copied.is_archived
              from (select pg_temp.copy_id(e.stream_id, c.copy) as stream_id, e.version,
                           case when e.type = 'complaint_received'
                                then jsonb_set(e.data || jsonb_build_object('complaintId', pg_temp.copy_id(e.stream_id, c.copy)),
                                               '{number}', to_jsonb((e.data->>'number') || '-' || c.copy))
                                when e.data ? 'complaintId'
                                then e.data || jsonb_build_object('complaintId', pg_temp.copy_id(e.stream_id, c.copy))
                                else e.data end as data,
                           e.type, e.timestamp, e.tenant_id, e.mt_dotnet_type, e.correlation_id, e.causation_id,
                           e.headers, e.user_name, e.is_archived
                    from complaints.mt_events e cross join copies c
                    where e.seq_id <= {{lastOriginal}}
                    order by c.copy, e.seq_id) copied;
            analyze complaints.mt_events;
            analyze complaints.mt_streams;
            """, ct);
    }
}

/// <summary>The engine's command line as a process, timed.</summary>
public static class EngineCommand
{
    public sealed record Outcome(TimeSpan Elapsed, string Output);

    public static async Task<Outcome> RunAsync(string connectionString, string[] args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Repository.HostFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DOTNET_ENVIRONMENT"] = "Development" }
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Complaints.Host.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in EngineSettings.SingleNode(connectionString)) start.Environment[key] = value;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The engine did not start");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var elapsed = clock.Elapsed;
        var text = await output + await errors;
        return process.ExitCode == 0
            ? new Outcome(elapsed, text)
            : throw new InvalidOperationException($"`{string.Join(' ', args)}` exited with {process.ExitCode}:\n{text}");
    }
}
