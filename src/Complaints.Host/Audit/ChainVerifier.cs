namespace Complaints.Host.Audit;

/// <summary>The outcome of recomputing one complaint's hash chain.</summary>
public sealed record IntegrityReport(
    Guid Id, bool Valid, int Events, string? HeadHash, long? FirstAlteredVersion, string? Problem);

public static class ChainVerifier
{
    /// <summary>
    /// Recomputes every link from the first event and names the first version whose stored hash does not follow
    /// from its contents and its predecessor, or that is missing, hidden as archived, or cut from the end while
    /// the stream or the current view still records it.
    /// </summary>
    public static IntegrityReport Verify(Guid id, IReadOnlyList<StoredEvent> events, ComplaintRecord? record)
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
            if (e.Archived)
                return Broken(e.Version, "the event is marked archived, which hides it; the engine never archives");
            if (EventSeal.Hash(previous, e.Sealed) != e.Hash)
                return Broken(e.Version, "the event's stored contents or its predecessor do not match its hash");
            previous = e.Hash;
            expected++;
        }
        var last = expected - 1;
        if (record?.StreamArchived == true)
            return Broken(Math.Max(last, 1), "the complaint's stream is marked archived, which hides it");
        if (record?.StreamVersion > last)
            return Broken(expected, $"the complaint records version {record.StreamVersion} but its events end at {last}");
        if (record?.ViewVersion > last)
            return Broken(expected, $"the complaint's current view is at version {record.ViewVersion} but its events end at {last}");
        if (record?.ViewVersion == last && last > 0 && record.ViewHeadHash is { } viewHead && viewHead != head)
            return Broken(last, "the complaint's current view follows a different last event");
        return new IntegrityReport(id, true, events.Count, head, null, null);

        IntegrityReport Broken(long version, string problem) => new(id, false, events.Count, head, version, problem);
    }
}
