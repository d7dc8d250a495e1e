using Complaints.Host.Infrastructure;

namespace Complaints.Host.Tests.Memory;

/// <summary>When an idle engine gives memory back, decided from the allocation counter alone (no timer, no GC).</summary>
public sealed class IdleReleaseTriggerTests
{
    private const long MiB = 1024 * 1024;

    private static readonly MemoryOptions Options = new() { IdleAllocationBytes = 16 * MiB, IdleRegrowthBytes = 8 * MiB };

    [Fact]
    public void The_first_quiet_look_after_a_load_releases_once_and_the_next_quiet_ones_do_not()
    {
        var trigger = new IdleReleaseTrigger(Options, allocatedAtStart: 0);

        trigger.Look(100 * MiB).ShouldBe(IdleRelease.None);
        trigger.Look(101 * MiB).ShouldBe(IdleRelease.AfterBusy);
        trigger.Look(102 * MiB).ShouldBe(IdleRelease.None);
        trigger.Look(103 * MiB).ShouldBe(IdleRelease.None);
    }

    [Fact]
    public void An_engine_under_load_is_never_interrupted()
    {
        var trigger = new IdleReleaseTrigger(Options, allocatedAtStart: 0);

        for (var look = 1; look <= 10; look++) trigger.Look(look * 20 * MiB).ShouldBe(IdleRelease.None);
    }

    [Fact]
    public void An_idle_engine_releases_again_each_time_its_own_polling_has_allocated_the_regrowth_since_the_last_release()
    {
        var trigger = new IdleReleaseTrigger(Options, allocatedAtStart: 0);
        trigger.Look(50 * MiB);
        trigger.Look(51 * MiB).ShouldBe(IdleRelease.AfterBusy);

        // 3 MiB a look: 57 is 6 past the release, 60 is 9 past it; the count starts again from there.
        trigger.Look(54 * MiB).ShouldBe(IdleRelease.None);
        trigger.Look(57 * MiB).ShouldBe(IdleRelease.None);
        trigger.Look(60 * MiB).ShouldBe(IdleRelease.Regrown);
        trigger.Look(63 * MiB).ShouldBe(IdleRelease.None);
        trigger.Look(66 * MiB).ShouldBe(IdleRelease.None);
        trigger.Look(69 * MiB).ShouldBe(IdleRelease.Regrown);
    }

    [Fact]
    public void An_engine_idle_since_its_start_releases_only_once_its_polling_has_regrown_the_heap()
    {
        var trigger = new IdleReleaseTrigger(Options, allocatedAtStart: 200 * MiB);

        trigger.Look(204 * MiB).ShouldBe(IdleRelease.None);
        trigger.Look(208 * MiB).ShouldBe(IdleRelease.None);
        trigger.Look(209 * MiB).ShouldBe(IdleRelease.Regrown);
    }

    [Fact]
    public void A_load_between_releases_makes_the_next_quiet_look_release_at_once()
    {
        var trigger = new IdleReleaseTrigger(Options, allocatedAtStart: 0);
        trigger.Look(1 * MiB);
        trigger.Look(30 * MiB).ShouldBe(IdleRelease.None);

        trigger.Look(31 * MiB).ShouldBe(IdleRelease.AfterBusy);
    }
}
