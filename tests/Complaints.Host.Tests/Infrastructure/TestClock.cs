using NodaTime;

namespace Complaints.Host.Tests.Infrastructure;

/// <summary>A clock the tests move by hand, so no test waits on real time.</summary>
public sealed class TestClock(Instant start) : IClock
{
    private Instant now = start;

    public Instant GetCurrentInstant() => now;

    public void Set(Instant instant) => now = instant;

    public void Advance(Duration duration) => now += duration;
}
