using System.Net;
using Complaints.Host.Tests.Infrastructure;
using Npgsql;

namespace Complaints.Host.Tests.Faults;

/// <summary>
/// Many writers append to many complaint streams at once while the reports are projected asynchronously: once the
/// projection has caught up, what it holds must add up to exactly what the event store holds, nothing skipped or
/// applied twice.
/// </summary>
[Trait("Category", "Faults")]
public sealed class ConcurrentAppendTests(ComplaintsApi api) : ApiTest(api)
{
    private const int Writers = 16;

    [Fact]
    public async Task Projected_counts_equal_event_counts_after_concurrent_appends_across_many_streams()
    {
        // Each writer takes one complaint to closure, one to confirmation and a class-A one (escalated at receipt) to
        // acknowledgement: streams of different lengths and event types, all written at the same time.
        var complaints = await Task.WhenAll(Enumerable.Range(0, Writers).Select(async _ =>
        {
            var closed = await Client.RegisterConfirmedAsync();
            await Client.WalkFromPlanToClosureAsync(closed, planVersion: 1);
            var confirmed = await Client.RegisterConfirmedAsync();
            var acknowledged = (await Client.PostJsonAsync("/api/complaints", Bodies.Registration(severity: "A")))
                .ShouldBe(HttpStatusCode.Created).Id;
            await Client.Step(acknowledged, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });
            return new[] { closed, confirmed, acknowledged };
        }));
        await Api.WaitForReportsAsync();

        var counts = await CountsAsync();
        counts["ledger rows"].ShouldBe(counts["ComplaintReceived events"]);
        counts["ledger rows"].ShouldBe(complaints.SelectMany(c => c).Count());
        counts["ledger rows behind their stream"].ShouldBe(0);
        counts["deadline rows"].ShouldBe(counts["deadlines set (complaint, rule, round)"]);
        counts["closure rows"].ShouldBe(counts["ComplaintClosed events"]);
        counts["closure rows"].ShouldBe(Writers);
        counts["plan response rows"].ShouldBe(counts["customer response events"]);
        counts["escalation rows"].ShouldBe(counts["Escalated events"]);
        counts["escalation rows"].ShouldBeGreaterThanOrEqualTo(Writers);
        (await Client.GetJsonAsync("/api/ledger")).ShouldBe(HttpStatusCode.OK).Long("total").ShouldBe(3 * Writers);
    }

    /// <summary>The same facts counted in the event store and in the analytics tables, with SQL as an analyst would.</summary>
    private async Task<Dictionary<string, long>> CountsAsync()
    {
        await using var connection = new NpgsqlConnection(Api.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var query = new NpgsqlCommand(
            """
            select 'ComplaintReceived events', count(*) from complaints.mt_events where type = 'complaint_received'
            union all select 'ledger rows', count(*) from analytics.ledger
            union all select 'ledger rows behind their stream', count(*)
                from analytics.ledger l join complaints.mt_streams s on s.id = l.complaint_id where l.version <> s.version
            union all select 'deadlines set (complaint, rule, round)', count(*) from (
                select distinct stream_id, data ->> 'rule', data ->> 'round' from complaints.mt_events where type = 'deadline_set') d
            union all select 'deadline rows', count(*) from analytics.deadlines
            union all select 'ComplaintClosed events', count(*) from complaints.mt_events where type = 'complaint_closed'
            union all select 'closure rows', count(*) from analytics.closures
            union all select 'customer response events', count(*) from complaints.mt_events
                where type in ('customer_accepted', 'customer_rejected')
            union all select 'plan response rows', count(*) from analytics.plan_responses
            union all select 'Escalated events', count(*) from complaints.mt_events where type = 'escalated'
            union all select 'escalation rows', count(*) from analytics.escalations
            """, connection);
        var counts = new Dictionary<string, long>();
        await using var reader = await query.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken)) counts[reader.GetString(0)] = reader.GetInt64(1);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", counts.Select(c => $"{c.Key}: {c.Value}")));
        return counts;
    }
}
