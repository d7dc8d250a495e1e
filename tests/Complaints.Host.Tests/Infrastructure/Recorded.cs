using System.Net;
using System.Text.Json.Nodes;
using Complaints.Domain;
using Complaints.Domain.Deadlines;
using Complaints.Host.Complaints;
using Complaints.Projections;
using Marten;

namespace Complaints.Host.Tests.Infrastructure;

/// <summary>What a refusal looks like on the wire, and what the store holds afterwards.</summary>
public static class Recorded
{
    private static readonly string[] Leaks = ["   at ", "Exception:", "Npgsql", "Marten.", "mt_", "SELECT ", "INSERT INTO", "UPDATE "];

    public const string ProblemTypes = "https://complaints.example/problems/";

    /// <summary>A refusal in the project's own shape, whichever part of the stack made it: never a framework's default.</summary>
    public static Answer ShouldBeProblem(this Answer answer, HttpStatusCode status)
    {
        answer.ShouldBe(status);
        answer.ContentType.ShouldBe("application/problem+json");
        answer.Text("type").ShouldStartWith(ProblemTypes);
        answer.Long("status").ShouldBe((int)status);
        answer.Text("correlationId").ShouldNotBeNullOrWhiteSpace();
        answer.Text("title").ShouldNotBeNullOrWhiteSpace();
        answer.Text("detail").ShouldNotBeNullOrWhiteSpace();
        var text = answer.Body!.ToJsonString();
        foreach (var leak in Leaks) text.ShouldNotContain(leak, Case.Sensitive);
        return answer;
    }

    public static IReadOnlyList<string> ErrorFields(this Answer answer) =>
        answer.Body?["errors"]?.AsObject().Select(e => e.Key).ToList() ?? [];

    public static IReadOnlyList<string> Strings(this JsonNode? array) =>
        array!.AsArray().Select(a => a!.GetValue<string>()).ToList();

    public static async Task<JsonArray> HistoryAsync(this HttpClient client, Guid id) =>
        (await client.GetJsonAsync($"/api/complaints/{id}/history")).ShouldBe(HttpStatusCode.OK).Body!["events"]!.AsArray();

    /// <summary>The event types the deadline engine appends to a complaint's stream beside its lifecycle events.</summary>
    public static readonly IReadOnlySet<string> DeadlineEventTypes = new HashSet<string>
    {
        nameof(DeadlineSet), nameof(DeadlineMet), nameof(DeadlineMissed), nameof(Escalated),
        nameof(DeadlineClockPaused), nameof(DeadlineClockResumed), nameof(DeadlineWithdrawn)
    };

    public static string Type(this JsonNode? recorded) => recorded!["type"]!.GetValue<string>();

    public static long Version(this JsonNode? recorded) => recorded!["version"]!.GetValue<long>();

    /// <summary>The history without deadline events, in stream order.</summary>
    public static List<JsonNode> Lifecycle(this JsonArray history) =>
        history.Where(e => !DeadlineEventTypes.Contains(e.Type())).Select(e => e!).ToList();

    /// <summary>The types of the lifecycle events in the history, in stream order.</summary>
    public static List<string> LifecycleTypes(this JsonArray history) =>
        history.Lifecycle().Select(e => e.Type()).ToList();

    public static async Task<long> VersionAsync(this HttpClient client, Guid id) =>
        (await client.GetJsonAsync($"/api/complaints/{id}")).ShouldBe(HttpStatusCode.OK).Version;

    public static async Task<int> ComplaintCountAsync(this ComplaintsApi api)
    {
        await using var session = api.Store.QuerySession();
        return await session.Query<ComplaintDetails>().CountAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Complaint events only: Marten fills the sequence numbers of a rolled-back append with tombstones.</summary>
    public static async Task<int> EventCountAsync(this ComplaintsApi api)
    {
        await using var session = api.Store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().ToListAsync(TestContext.Current.CancellationToken);
        return events.Count(e => e.Data is IComplaintEvent);
    }

    /// <summary>Recorded events of one type, across all complaints.</summary>
    public static async Task<int> EventCountAsync<TEvent>(this ComplaintsApi api) where TEvent : IComplaintEvent
    {
        await using var session = api.Store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().ToListAsync(TestContext.Current.CancellationToken);
        return events.Count(e => e.Data is TEvent);
    }

    public static async Task<int> IdempotencyRecordCountAsync(this ComplaintsApi api)
    {
        await using var session = api.Store.QuerySession();
        return await session.Query<IdempotentRequest>().CountAsync(TestContext.Current.CancellationToken);
    }

    public static Dictionary<string, string> Header(string name, string value) => new() { [name] = value };
}
