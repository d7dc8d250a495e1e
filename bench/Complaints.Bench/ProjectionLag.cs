namespace Complaints.Bench;

/// <summary>
/// How far the live reports projection trails the writes while they run: every quarter second, the age of the oldest
/// event no projection has processed yet (zero when they are caught up). Issue 14 asks for under 2 s at (b)'s rate.
/// </summary>
public sealed class ProjectionLag : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task<List<double>> sampling;

    private ProjectionLag(string connectionString) => sampling = SampleAsync(connectionString, stop.Token);

    public static ProjectionLag Start(string connectionString) => new(connectionString);

    /// <summary>The largest lag seen, in seconds.</summary>
    public async Task<double> StopAsync()
    {
        await stop.CancelAsync();
        var samples = await sampling;
        return samples.Count == 0 ? 0 : samples.Max();
    }

    private static async Task<List<double>> SampleAsync(string connectionString, CancellationToken ct)
    {
        var samples = new List<double>();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                samples.Add(await BenchDatabase.ScalarAsync<double>(connectionString, """
                    select coalesce(extract(epoch from now() - (
                        select min(e.timestamp) from complaints.mt_events e
                        where e.seq_id > (select coalesce(min(last_seq_id), 0) from complaints.mt_event_progression
                                          where name not like 'HighWater%'))), 0)::float8
                    """, ct));
                await Task.Delay(250, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
        }
        return samples;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try { await sampling; } catch (OperationCanceledException) { }
        stop.Dispose();
    }
}
