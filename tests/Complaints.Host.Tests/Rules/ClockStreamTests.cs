using Complaints.Domain;
using Complaints.Domain.Deadlines;
using Complaints.Domain.Workflow;
using Complaints.Host.Rules;
using NodaTime;

namespace Complaints.Host.Tests.Rules;

public sealed class ClockStreamTests
{
    /// <summary>
    /// A second repair recorded what the first one made: the replay fired timers up to the first repair's own instant,
    /// so an open clock past due was counted missed there although the history never reached it.
    /// </summary>
    [Fact]
    public void The_recorded_history_ends_at_its_last_event_that_is_not_a_repair()
    {
        var id = Guid.NewGuid();
        var noted = Instant.FromUtc(2026, 11, 20, 2, 0);
        var repaired = Instant.FromUtc(2026, 12, 4, 9, 0);
        var stream = new ClockStream(id,
        [
            new StoredClockEvent(new NoteAdded(id, "Called the workshop", "Intake Zhao", noted), noted),
            new StoredClockEvent(new DeadlineRecomputed(id, "D8", 1, noted, noted.Plus(Duration.FromDays(3)), false, false,
                "CN@2026#1", "2026-12-02.2#1", "holiday missing", repaired), repaired)
        ]);

        stream.LastRecordedAt.ShouldBe(noted);
    }
}
