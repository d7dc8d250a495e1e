using Complaints.Host.People;
using Marten;

namespace Complaints.Host.Notifications;

/// <summary>The directory entries a notification found empty that are empty still, for readiness to show.</summary>
public sealed class DirectoryGaps(IDocumentStore store)
{
    public async Task<IReadOnlyList<string>> FindAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var found = await session.Query<NotificationRecord>().Where(n => n.DirectoryGap != null)
            .Select(n => n.DirectoryGap!).Distinct().Take(100).ToListAsync(ct);
        if (found.Count == 0) return [];
        var filled = (await session.LoadManyAsync<DirectoryEntry>(ct, found)).Where(e => e.People.Count > 0).Select(e => e.Id);
        return [.. found.Except(filled).Order()];
    }
}
