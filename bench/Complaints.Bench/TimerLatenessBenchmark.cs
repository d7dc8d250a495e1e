using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Xml;
using Npgsql;

namespace Complaints.Bench;

/// <summary>
/// (e) Deadline timers: complaints registered by a regional receiver start D1 (forwarding, clock time), here
/// shortened so every timer falls due during the run. The complaints are registered as fast as the engine takes
/// them (as in (b)); their timers then fall due at that pace while the engine runs as usual. Each complaint's
/// first D1 miss records when it was due and when the engine handled it: lateness is the difference. A timer
/// that never fires is lost. A duplicated timer shows as more handled timer messages than complaints whose timer
/// fired (nothing else falls due during the run), or as a second recorded miss.
/// </summary>
public static class TimerLatenessBenchmark
{
    /// <param name="WorkingSetAfter">The bench process's working set (the engine runs inside it) once the timers were handled.</param>
    public sealed record Result(int Registered, TimeSpan RegisteringTook, Latencies Lateness, int Lost,
        long DuplicatedFirings, int DuplicatedMisses, double HandledPerSecond, long WorkingSetAfter);

    public static async Task<Result> RunAsync(string connectionString, BenchOptions options, CancellationToken ct)
    {
        var policy = ShortForwardingPolicy(options.TimerLength);
        try
        {
            await using var engine = new InProcessEngine(
                new Dictionary<string, string>(EngineSettings.SingleNode(connectionString, options.Notifications)) { ["Deadlines__PolicyFile"] = policy });
            var registrar = await Registrar.StartAsync(engine, "regional", ct);
            var handledBefore = await HandledTimersAsync(connectionString, ct);

            var registering = Stopwatch.StartNew();
            var remaining = options.Timers;
            var ids = new ConcurrentBag<Guid>();
            await Task.WhenAll(Enumerable.Range(0, options.Writers).Select(_ => Task.Run(async () =>
            {
                while (Interlocked.Decrement(ref remaining) >= 0) ids.Add(await registrar.RegisterAsync(ct));
            }, ct)));
            registering.Stop();
            var registered = ids.ToHashSet();
            Console.WriteLine($"    registered {registered.Count:N0} in {registering.Elapsed.TotalSeconds:F1} s; waiting for their D1 timers");

            // The last timer is due D1 after the last registration; then the engine gets a minute to handle them all,
            // and longer while timers are still waiting in its queue: a timer handled late is late, not lost.
            var patience = Stopwatch.StartNew();
            var fired = new Dictionary<Guid, (int Count, double LatenessMs)>();
            while (patience.Elapsed < options.TimerLength + TimeSpan.FromMinutes(1)
                   || patience.Elapsed < TimeSpan.FromMinutes(10) && await WaitingTimersAsync(connectionString, ct) > 0)
            {
                await Task.Delay(1000, ct);
                fired = await FiredAsync(connectionString, ct);
                if (registered.All(fired.ContainsKey)) break;
            }
            // A duplicate would come soon after the first firing: look again a little later, once none is waiting.
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
            fired = await FiredAsync(connectionString, ct);

            var ours = fired.Where(f => registered.Contains(f.Key)).ToList();
            return new Result(registered.Count, registering.Elapsed, Latencies.Of(ours.Select(f => f.Value.LatenessMs)),
                registered.Count(id => !fired.ContainsKey(id)),
                Math.Max(0, await HandledTimersAsync(connectionString, ct) - handledBefore - ours.Count), ours.Count(f => f.Value.Count > 1),
                await HandledPerSecondAsync(connectionString, [.. registered], ct), Process.GetCurrentProcess().WorkingSet64);
        }
        finally
        {
            File.Delete(policy);
        }
    }

    /// <summary>
    /// Timer messages the engine handled (Wolverine keeps handled envelopes for five minutes, longer than the run
    /// looks back): two envelopes for one timer would both be counted here.
    /// </summary>
    private static Task<long> HandledTimersAsync(string connectionString, CancellationToken ct) =>
        BenchDatabase.ScalarAsync<long>(connectionString, """
            select count(*) from complaints.wolverine_incoming_envelopes
            where status = 'Handled' and message_type = 'Complaints.Host.Deadlines.DeadlineDue'
            """, ct);

    /// <summary>Timer messages due and not handled yet (an escalation's timer, due much later, does not count).</summary>
    private static Task<long> WaitingTimersAsync(string connectionString, CancellationToken ct) =>
        BenchDatabase.ScalarAsync<long>(connectionString, """
            select count(*) from complaints.wolverine_incoming_envelopes
            where status <> 'Handled' and message_type = 'Complaints.Host.Deadlines.DeadlineDue'
              and (execution_time is null or execution_time <= now())
            """, ct);

    /// <summary>
    /// The run's timers handled per second, from the first falling due to the last handled (a second run on the same
    /// store, notifications off, counts only its own).
    /// </summary>
    private static async Task<double> HandledPerSecondAsync(string connectionString, Guid[] complaints, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var query = new NpgsqlCommand("""
            select count(*) / greatest(extract(epoch from max((data->>'recordedAt')::timestamptz) - min((data->>'dueAt')::timestamptz)), 0.001)::float8
            from complaints.mt_events
            where type = 'deadline_missed' and data->>'rule' = 'D1' and (data->>'round')::int = 1 and stream_id = any(@complaints)
            """, connection);
        query.Parameters.AddWithValue("complaints", complaints);
        return (double)(await query.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Per complaint: how many D1 misses were recorded and how late the first was handled.</summary>
    private static async Task<Dictionary<Guid, (int Count, double LatenessMs)>> FiredAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var query = new NpgsqlCommand("""
            select stream_id, count(*),
                   extract(epoch from min((data->>'recordedAt')::timestamptz - (data->>'dueAt')::timestamptz)) * 1000
            from complaints.mt_events
            where type = 'deadline_missed' and data->>'rule' = 'D1' and (data->>'round')::int = 1
            group by stream_id
            """, connection);
        await using var reader = await query.ExecuteReaderAsync(ct);
        var fired = new Dictionary<Guid, (int, double)>();
        while (await reader.ReadAsync(ct))
            fired[reader.GetGuid(0)] = ((int)reader.GetInt64(1), (double)reader.GetDecimal(2));
        return fired;
    }

    /// <summary>The shipped policy with D1 shortened; the path of a temporary copy.</summary>
    private static string ShortForwardingPolicy(TimeSpan length)
    {
        var policy = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.HostFolder, "Deadlines", "policy.json")))!;
        var d1 = policy["rules"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == "D1")!;
        d1["length"] = XmlConvert.ToString(length);
        // Without warnings the one timer of each clock is its deadline's, so every handled timer message beyond one
        // per complaint is a duplicate (with them, each warning's firing was counted as one: 1,632 at ce2c258).
        d1["warnAt"] = new JsonArray();
        var path = Path.Combine(Path.GetTempPath(), $"complaints-bench-policy-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, policy.ToJsonString());
        return path;
    }
}
