using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Complaints.Host.Infrastructure;

public sealed class MemoryOptions
{
    /// <summary>How often the engine looks whether it has gone idle.</summary>
    public TimeSpan IdleCheck { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Allocating less than this between two looks counts as idle (an idle engine allocates ~0.05 MB/s).</summary>
    public long IdleAllocationBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// While idle, allocating this much since the last release releases again: the engine's own polling refills the
    /// GC's young generation, and no collection came to empty it (the working set climbed ~3 MB a minute for ten
    /// minutes and more; ADR 0019, addendum).
    /// </summary>
    public long IdleRegrowthBytes { get; set; } = 4 * 1024 * 1024;

    public IEnumerable<string> Problems()
    {
        if (IdleCheck <= TimeSpan.Zero) yield return $"IdleCheck must be a positive time span (is {IdleCheck}).";
        if (IdleAllocationBytes <= 0) yield return $"IdleAllocationBytes must be positive (is {IdleAllocationBytes}).";
        if (IdleRegrowthBytes <= 0) yield return $"IdleRegrowthBytes must be positive (is {IdleRegrowthBytes}).";
    }
}

public enum IdleRelease
{
    None,
    /// <summary>The first quiet look after a busy one.</summary>
    AfterBusy,
    /// <summary>Still quiet, but the engine's own polling has allocated <see cref="MemoryOptions.IdleRegrowthBytes"/> since.</summary>
    Regrown
}

/// <summary>Decides, from one look at the allocation counter to the next, when an idle engine returns memory.</summary>
public sealed class IdleReleaseTrigger(MemoryOptions options, long allocatedAtStart)
{
    private long previous = allocatedAtStart;

    // The counter at the last release; null after a busy look, so that the next quiet one releases at once. The start
    // counts as a release: until a load has grown it, the engine is as small as it gets.
    private long? releasedAt = allocatedAtStart;

    public IdleRelease Look(long allocated)
    {
        var busy = allocated - previous > options.IdleAllocationBytes;
        previous = allocated;
        if (busy)
        {
            releasedAt = null;
            return IdleRelease.None;
        }
        var release = releasedAt switch
        {
            null => IdleRelease.AfterBusy,
            { } at when allocated - at > options.IdleRegrowthBytes => IdleRelease.Regrown,
            _ => IdleRelease.None
        };
        if (release != IdleRelease.None) releasedAt = allocated;
        return release;
    }
}

/// <summary>
/// After a burst the garbage collector keeps the memory it grew to until its next collection, and an idle engine
/// allocates too little to trigger one: the working set stayed at twice its start-up size for good. Once a busy
/// engine goes idle, and again whenever its own polling has refilled the young generation, one compacting collection
/// returns that memory to the operating system, and the C library returns what native code (the JIT) freed
/// (ADR 0019, docs/benchmarks.md).
/// </summary>
public sealed class IdleMemoryRelease(Microsoft.Extensions.Options.IOptions<MemoryOptions> options,
    ILogger<IdleMemoryRelease> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.IdleCheck);
        var trigger = new IdleReleaseTrigger(options.Value, GC.GetTotalAllocatedBytes());
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var release = trigger.Look(GC.GetTotalAllocatedBytes());
            if (release == IdleRelease.None) continue;
            var before = Environment.WorkingSet;
            var took = Stopwatch.StartNew();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            NativeHeap.Trim();
            // Once per busy spell is news; the release every minute or two of an idle engine is not.
            logger.IdleReleased(release == IdleRelease.AfterBusy ? LogLevel.Information : LogLevel.Debug,
                took.ElapsedMilliseconds, before >> 20, Environment.WorkingSet >> 20);
        }
    }
}

internal static class NativeHeap
{
    /// <summary>
    /// glibc keeps what native code (the runtime, the JIT) freed in its arenas for reuse and returns only the top of
    /// the main heap by itself: 10-13 MB of an idle engine's working set, measured. malloc_trim hands the free pages
    /// of every arena back.
    /// </summary>
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            _ = malloc_trim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl on Alpine has no malloc_trim and returns freed pages itself).
        }
    }

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);
}
