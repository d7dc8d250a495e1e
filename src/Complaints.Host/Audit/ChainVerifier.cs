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
    public static IntegrityReport Verify(Guid id, IReadOnlyList<StoredEvent> events, ComplaintRecord? record,
        IReadOnlyDictionary<Guid, string>? storedFiles = null)
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
        // Evidence is sealed by its hash (procedure §9): a stored file that no longer has it was changed. An imported
        // history comes without its files (storedFiles null) and is checked as a chain only.
        foreach (var e in events.Where(e => storedFiles is not null && e.Type == nameof(Domain.AttachmentAdded)))
        {
            var attachment = e.Data.GetProperty("attachmentId").GetGuid();
            var sealedHash = e.Data.GetProperty("sha256").GetString();
            if (storedFiles!.GetValueOrDefault(attachment) is not { } stored)
                return Broken(e.Version, $"the stored file of attachment {attachment} is missing");
            if (stored != sealedHash)
                return Broken(e.Version, $"the stored file of attachment {attachment} does not match the SHA-256 sealed in its event");
        }
        return new IntegrityReport(id, true, events.Count, head, null, null);

        IntegrityReport Broken(long version, string problem) => new(id, false, events.Count, head, version, problem);
    }
}
