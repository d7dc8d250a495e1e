using System.Net;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Reports;

/// <summary>Leaves Marten's tombstones in the store, as writers racing with one Idempotency-Key do in production.</summary>
public static class Tombstones
{
    /// <summary>Registers the complaints, then races one note with the same key onto each of them.</summary>
    public static async Task LeaveAsync(ComplaintsApi api, HttpClient client, int complaints)
    {
        var registered = await Task.WhenAll(Enumerable.Range(1, complaints).Select(_ => client.RegisterAsync()));
        // Each loser's events were appended before its key's record failed, so Marten fills the sequence numbers
        // they drew with tombstones: events of type `tombstone` in a stream of their own.
        var notes = await Task.WhenAll(registered.Select(complaint =>
            client.PostJsonAsync($"/api/complaints/{complaint}/notes", new { text = "Called the customer", by = "Zhao" },
                new Dictionary<string, string> { ["Idempotency-Key"] = "note-1" })));
        notes.Count(answer => answer.Status == HttpStatusCode.OK).ShouldBe(1);
        (await CountAsync(api)).ShouldBeGreaterThan(0, "the race left no tombstone to test with");
    }

    private static async Task<long> CountAsync(ComplaintsApi api)
    {
        // Marten writes them off the failed save's path, a moment later.
        for (var attempt = 0; ; attempt++)
        {
            var count = await api.ScalarAsync<long>("select count(*) from complaints.mt_events where type = 'tombstone'");
            if (count > 0 || attempt == 50) return count;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
