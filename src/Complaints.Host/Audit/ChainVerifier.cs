namespace Complaints.Host.Audit;

/// <summary>The outcome of recomputing one complaint's hash chain.</summary>
public sealed record IntegrityReport(
    Guid Id, bool Valid, int Events, string? HeadHash, long? FirstAlteredVersion, string? Problem);

public static class ChainVerifier
{
    /// <summary>
    /// Recomputes every link from the first event. The first version whose stored hash does not follow from its
    /// contents and its predecessor is named, as is a version that is missing between or after the stored ones.
    /// </summary>
    public static IntegrityReport Verify(Guid id, IReadOnlyList<StoredEvent> events, long? recordedVersion)
    {
        var previous = EventSeal.Genesis;
        var head = events.Count > 0 ? events[^1].Hash : null;
        long expected = 1;
        foreach (var e in events)
        {
            if (e.Version != expected)
                return Broken(expected, $"version {expected} is missing");
            if (e.Hash is null)
                return Broken(e.Version, "the event carries no hash");
            if (EventSeal.Hash(previous, e.Sealed) != e.Hash)
                return Broken(e.Version, "the event's stored contents or its predecessor do not match its hash");
            previous = e.Hash;
            expected++;
        }
        if (recordedVersion >= expected)
            return Broken(expected, $"the complaint records version {recordedVersion} but its events end at {expected - 1}");
        return new IntegrityReport(id, true, events.Count, head, null, null);

        IntegrityReport Broken(long version, string problem) => new(id, false, events.Count, head, version, problem);
    }
}
