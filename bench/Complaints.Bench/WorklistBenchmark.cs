using System.Diagnostics;
using Complaints.Host.Security;
using Complaints.Projections.Analytics;
using Npgsql;

namespace Complaints.Bench;

/// <summary>
/// (g) <c>GET /api/work</c> over loopback against 100,000 open complaints' rows in the worklist read model
/// (<c>analytics.work</c>, seeded with SQL as the projection writes them: 20 departments, 50 owners, due instants
/// spread over a month), one request at a time: the whole list, a department's, an owner's, due before a moment, and
/// the tenth page. The target is p99 &lt;= 50 ms.
/// </summary>
public static class WorklistBenchmark
{
    public const int OpenComplaints = 100_000;

    public sealed record Result(int Rows, Latencies Latency, bool Met);

    public static async Task<Result> RunAsync(string connectionString, BenchOptions options, int requests, CancellationToken ct)
    {
        await using var engine = await EngineProcess.StartAsync(EngineSettings.SingleNode(connectionString), ct);
        await SeedAsync(connectionString, ct);
        using var client = engine.Client(Roles.Intake);
        string[] queries =
        [
            "/api/work", "/api/work?department=department-7", "/api/work?owner=owner-13",
            "/api/work?dueBefore=2026-12-10T00:00:00Z", "/api/work?page=10&pageSize=50",
            "/api/work?department=department-3&dueBefore=2026-12-20T00:00:00Z"
        ];
        for (var i = 0; i < 50; i++) (await client.GetAsync(queries[i % queries.Length], ct)).EnsureSuccessStatusCode();

        var recorder = new LatencyRecorder();
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            using var answer = await client.GetAsync(queries[i % queries.Length], ct);
            await answer.Content.ReadAsByteArrayAsync(ct);
            answer.EnsureSuccessStatusCode();
            recorder.Add(clock.Elapsed);
        }
        var latency = recorder.Summarise();
        return new Result(OpenComplaints, latency, latency.P99 <= options.LatencyTargetMs);
    }

    private static async Task SeedAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await BenchDatabase.ExecuteAsync(connection, $"""
            truncate {AnalyticsSchema.Work.QualifiedName};
            insert into {AnalyticsSchema.Work.QualifiedName}
              (complaint_id, item, number, severity, step, department, owner, rule, due_at, missed, received_at)
            select gen_random_uuid(), 1, 'CP-2026-' || lpad(n::text, 6, '0'), (array['A','B','C','D'])[1 + n % 4],
                   'awaiting-verification', 'department-' || (n % 20), 'owner-' || (n % 50), 'D4',
                   timestamptz '2026-12-01' + (n % 43200) * interval '1 minute', n % 97 = 0,
                   timestamptz '2026-11-01' + n * interval '20 second'
            from generate_series(1, {OpenComplaints}) n;
            analyze {AnalyticsSchema.Work.QualifiedName};
            """, ct);
    }
}
