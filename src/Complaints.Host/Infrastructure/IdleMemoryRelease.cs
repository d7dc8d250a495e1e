namespace Complaints.Host.Infrastructure;

public sealed class MemoryOptions
{
    /// <summary>How often the engine looks whether it has gone idle.</summary>
    public TimeSpan IdleCheck { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Allocating less than this between two looks counts as idle (an idle engine allocates ~0.1 MB/s).</summary>
    public long IdleAllocationBytes { get; set; } = 16 * 1024 * 1024;

    public IEnumerable<string> Problems()
    {
        if (IdleCheck <= TimeSpan.Zero) yield return $"IdleCheck must be a positive time span (is {IdleCheck}).";
        if (IdleAllocationBytes <= 0) yield return $"IdleAllocationBytes must be positive (is {IdleAllocationBytes}).";
    }
}

/// <summary>
/// After a burst the garbage collector keeps the memory it grew to until its next collection, and an idle engine
/// allocates too little to trigger one: the working set stayed at twice its start-up size for good. Once a busy
/// engine goes idle, one compacting collection returns that memory to the operating system (docs/benchmarks.md).
/// </summary>
public sealed class IdleMemoryRelease(Microsoft.Extensions.Options.IOptions<MemoryOptions> options,
    ILogger<IdleMemoryRelease> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.IdleCheck);
        var allocated = GC.GetTotalAllocatedBytes();
        var released = true;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = GC.GetTotalAllocatedBytes();
            var busy = now - allocated > options.Value.IdleAllocationBytes;
            allocated = now;
            if (busy) released = false;
            else if (!released)
            {
                var before = Environment.WorkingSet;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                released = true;
                logger.LogInformation("Idle: released memory, working set {Before} MB -> {After} MB",
                    before >> 20, Environment.WorkingSet >> 20);
            }
        }
    }
}
