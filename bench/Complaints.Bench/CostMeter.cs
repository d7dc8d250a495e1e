using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Complaints.Bench;

/// <summary>
/// What a run's commands cost, divided by the number of commands: round trips to PostgreSQL (each command or
/// batch Npgsql sends), commits and rows written as PostgreSQL counts them, bytes allocated and CPU time in the
/// .NET process, and CPU time in the PostgreSQL cluster's processes. Measured from before the first command until
/// the work they queued has settled, so a saga's second transaction and the reports count too.
/// </summary>
public sealed record CommandCost(double RoundTrips, double Commits, double RowsWritten, double AllocatedBytes,
    double DotnetCpuMs, double PostgresCpuMs)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"per command: {RoundTrips:F1} round trips, {Commits:F1} commits, {RowsWritten:F1} rows written, " +
        $"{AllocatedBytes / 1024:F0} KB allocated, CPU {DotnetCpuMs:F2} ms .NET + {PostgresCpuMs:F2} ms PostgreSQL");
}

public sealed class CostMeter : IDisposable
{
    private readonly string connectionString;
    private readonly string dataDirectory;
    private readonly ActivityListener listener;
    private long roundTrips;
    private Snapshot start = null!;

    private sealed record Snapshot(long Commits, long Rows, long Allocated, TimeSpan DotnetCpu, TimeSpan? PostgresCpu);

    private CostMeter(string connectionString, string dataDirectory)
    {
        this.connectionString = connectionString;
        this.dataDirectory = dataDirectory;
        // Npgsql starts one activity per command or batch it sends, only when someone listens.
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            ActivityStopped = _ => Interlocked.Increment(ref roundTrips)
        };
        ActivitySource.AddActivityListener(listener);
    }

    public static async Task<CostMeter> StartAsync(string connectionString, string dataDirectory, CancellationToken ct)
    {
        var meter = new CostMeter(connectionString, dataDirectory);
        meter.start = await meter.SnapshotAsync(ct);
        Interlocked.Exchange(ref meter.roundTrips, 0);
        return meter;
    }

    public async Task<CommandCost> StopAsync(long commands, CancellationToken ct)
    {
        var trips = Interlocked.Read(ref roundTrips);
        var end = await SnapshotAsync(ct);
        double Per(double total) => total / Math.Max(1, commands);
        return new CommandCost(Per(trips), Per(end.Commits - start.Commits), Per(end.Rows - start.Rows),
            Per(end.Allocated - start.Allocated), Per((end.DotnetCpu - start.DotnetCpu).TotalMilliseconds),
            end.PostgresCpu is { } pgEnd && start.PostgresCpu is { } pgStart ? Per((pgEnd - pgStart).TotalMilliseconds) : double.NaN);
    }

    public void Dispose() => listener.Dispose();

    private async Task<Snapshot> SnapshotAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        // The statistics collector reports what other sessions did as of their last flush: ask it to be current.
        await using (var clear = new NpgsqlCommand("select pg_stat_clear_snapshot()", connection))
            await clear.ExecuteNonQueryAsync(ct);
        await using var query = new NpgsqlCommand(
            "select xact_commit, tup_inserted + tup_updated + tup_deleted from pg_stat_database where datname = current_database()",
            connection);
        await using var reader = await query.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new Snapshot(reader.GetInt64(0), reader.GetInt64(1), GC.GetTotalAllocatedBytes(precise: true),
            Process.GetCurrentProcess().TotalProcessorTime, PostgresCpu());
    }

    /// <summary>
    /// CPU time of the cluster: the postmaster's own and that of its children that ended (which it has waited
    /// for), plus its live children's. Linux only (/proc); elsewhere not measured.
    /// </summary>
    private TimeSpan? PostgresCpu()
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!OperatingSystem.IsLinux() || !File.Exists(pidFile)) return null;
        var postmaster = int.Parse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture);
        long ticks = Ticks(postmaster, withChildren: true);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != postmaster && ParentOf(pid) == postmaster)
                ticks += Ticks(pid, withChildren: false);
        // Linux reports in clock ticks of 1/100 s (USER_HZ).
        return TimeSpan.FromMilliseconds(ticks * 10.0);
    }

    /// <summary>utime + stime (+ cutime + cstime) from /proc/pid/stat.</summary>
    private static long Ticks(int pid, bool withChildren)
    {
        // The process ended meanwhile: its time is in the postmaster's children's now.
        if (StatFields(pid) is not { } fields) return 0;
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return Field(14) + Field(15) + (withChildren ? Field(16) + Field(17) : 0);
    }

    private static int ParentOf(int pid) =>
        StatFields(pid) is { } fields ? int.Parse(fields[1], CultureInfo.InvariantCulture) : -1;

    /// <summary>The fields of /proc/pid/stat after the parenthesised name (field 3 first), or null once it ended.</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
