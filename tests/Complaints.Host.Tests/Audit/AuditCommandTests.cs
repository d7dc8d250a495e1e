using System.Text.Json;
using System.Text.Json.Nodes;
using Complaints.Host.Audit;
using Complaints.Host.Tests.Infrastructure;
using Complaints.Host.Tests.Reports;
using Complaints.Projections.Analytics;
using Npgsql;

namespace Complaints.Host.Tests.Audit;

/// <summary>The operator's command line, run as a separate process against the test database.</summary>
public sealed class AuditCommandTests(ComplaintsApi api) : ApiTest(api)
{
    [Fact]
    public async Task Verify_passes_untouched_histories_and_fails_naming_the_altered_complaint_and_version()
    {
        var intact = await Client.RegisterConfirmedAsync();
        var altered = await Client.RegisterConfirmedAsync();

        var clean = await HostCommand.EngineAsync(Api.ConnectionString, "audit", "verify");
        clean.ExitCode.ShouldBe(0, clean.ToString());
        clean.Output.ShouldContain("2 complaints");

        await Api.UpdateEventAsync(altered, 3, "data = data || '{\"dueAt\": \"2027-01-01T00:00:00Z\"}'");
        var broken = await HostCommand.EngineAsync(Api.ConnectionString, "audit", "verify");

        broken.ExitCode.ShouldBe(1, broken.ToString());
        broken.Output.ShouldContain($"ALTERED {altered} at version 3");
        broken.Output.ShouldNotContain(intact.ToString());
        broken.Output.ShouldContain("1 altered");
    }

    [Fact]
    public async Task An_export_loaded_into_an_empty_database_rebuilds_the_same_ledger_and_handling_reports()
    {
        await November.RecordAsync(Api);
        var export = await ExportFileAsync("/api/audit/export");
        var replay = await TestDatabases.EmptyAsync("complaints_replay_tests");

        var imported = await HostCommand.EngineAsync(replay, "audit", "import", "--file", export);

        imported.ExitCode.ShouldBe(0, imported.ToString());
        imported.Output.ShouldContain("4 complaints");
        (await SnapshotAsync(replay, "select count(*) from analytics.ledger")).ShouldBe("4");
        (await SnapshotAsync(replay, "select count(*) from complaints.mt_doc_handlingreport")).ShouldBe("4");
        foreach (var query in ReadModelQueries())
            (await SnapshotAsync(replay, query)).ShouldBe(await SnapshotAsync(Api.ConnectionString, query), query);
        var verified = await HostCommand.EngineAsync(replay, "audit", "verify");
        verified.ExitCode.ShouldBe(0, verified.ToString());

        var again = await HostCommand.EngineAsync(replay, "audit", "import", "--file", export);
        again.ExitCode.ShouldBe(1);
        again.Errors.ShouldContain("already holds complaints");
    }

    [Fact]
    public async Task An_altered_export_is_refused_and_nothing_is_imported()
    {
        var id = await Client.RegisterConfirmedAsync();
        var export = await ExportFileAsync($"/api/complaints/{id}/export");
        var lines = await File.ReadAllLinesAsync(export, TestContext.Current.CancellationToken);
        var confirmed = Array.FindIndex(lines, l => l.Contains("\"type\":\"ComplaintConfirmed\""));
        lines[confirmed] = lines[confirmed].Replace("\"by\":\"GM Wang\"", "\"by\":\"GM Zhao\"");
        lines[confirmed].ShouldContain("GM Zhao");
        await File.WriteAllLinesAsync(export, lines, TestContext.Current.CancellationToken);
        var replay = await TestDatabases.EmptyAsync("complaints_replay_tests");

        var refused = await HostCommand.EngineAsync(replay, "audit", "import", "--file", export);

        refused.ExitCode.ShouldBe(1);
        refused.Errors.ShouldContain($"Complaint {id} is altered at version {confirmed + 1}");
        (await SnapshotAsync(replay, "select count(*) from pg_tables where schemaname = 'complaints'")).ShouldBe("0");
    }

    [Fact]
    public async Task An_export_the_engine_could_not_have_written_is_refused_whole_even_with_matching_hashes()
    {
        var first = await Client.RegisterConfirmedAsync();
        var second = await Client.RegisterConfirmedAsync();
        var export = await ExportFileAsync("/api/audit/export");
        var lines = (await File.ReadAllLinesAsync(export, TestContext.Current.CancellationToken)).Select(l => JsonNode.Parse(l)!).ToList();
        // Someone adds a field to the last complaint's last event and reseals its chain with this guide's rules.
        var last = lines[^1];
        last["data"]!["note"] = "added later";
        Reseal(lines, last["streamId"]!.GetValue<Guid>());
        await File.WriteAllLinesAsync(export, lines.Select(l => l.ToJsonString()), TestContext.Current.CancellationToken);
        var replay = await TestDatabases.EmptyAsync("complaints_replay_tests");

        var refused = await HostCommand.EngineAsync(replay, "audit", "import", "--file", export);

        refused.ExitCode.ShouldBe(1);
        refused.Errors.ShouldContain($"version {last["version"]}");
        refused.Errors.ShouldNotContain("   at ");
        (await SnapshotAsync(replay, "select count(*) from pg_tables where schemaname = 'complaints'")).ShouldBe("0");
        new[] { first, second }.ShouldContain(last["streamId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Tombstones_of_failed_appends_are_neither_verified_nor_exported_as_complaints()
    {
        await Tombstones.LeaveAsync(Api, Client, complaints: 5);

        var verified = await HostCommand.EngineAsync(Api.ConnectionString, "audit", "verify");
        verified.ExitCode.ShouldBe(0, verified.ToString());
        verified.Output.ShouldContain("5 complaints");
        verified.Output.ShouldNotContain("ALTERED");

        var export = await ExportFileAsync("/api/audit/export");
        (await File.ReadAllTextAsync(export, TestContext.Current.CancellationToken)).ShouldNotContain("\"type\":\"tombstone\"");
        var replay = await TestDatabases.EmptyAsync("complaints_replay_tests");
        var imported = await HostCommand.EngineAsync(replay, "audit", "import", "--file", export);
        imported.ExitCode.ShouldBe(0, imported.ToString());
        imported.Output.ShouldContain("5 complaints");
    }

    [Fact]
    public async Task Verify_says_plainly_when_the_complaint_asked_for_is_unknown_or_not_an_id()
    {
        var unknown = await HostCommand.EngineAsync(Api.ConnectionString, "audit", "verify", "--complaint", Guid.CreateVersion7().ToString());
        unknown.ExitCode.ShouldBe(1);
        unknown.Output.ShouldContain("No complaint");

        var malformed = await HostCommand.EngineAsync(Api.ConnectionString, "audit", "verify", "--complaint", "nope");
        malformed.ExitCode.ShouldBe(1);
        malformed.Errors.ShouldContain("--complaint");
        (malformed.Output + malformed.Errors).ShouldNotContain("   at ");

        var unwritable = await HostCommand.EngineAsync(Api.ConnectionString, "audit", "export", "--file", "/nonexistent-dir/x.ndjson");
        unwritable.ExitCode.ShouldBe(1);
        (unwritable.Output + unwritable.Errors).ShouldNotContain("   at ");
    }

    private static void Reseal(List<JsonNode> lines, Guid stream)
    {
        var previous = EventSeal.Genesis;
        foreach (var line in lines.Where(l => l["streamId"]!.GetValue<Guid>() == stream))
        {
            var fields = new SealedFields(stream, line["version"]!.GetValue<long>(), line["type"]!.GetValue<string>(),
                EventSeal.TimestampPattern.Parse(line["timestamp"]!.GetValue<string>()).Value,
                line["actor"]?.GetValue<string>(), line["correlationId"]?.GetValue<string>(),
                line["causationId"]?.GetValue<string>(), JsonSerializer.SerializeToElement(line["data"]),
                line["personalDataKey"] is { } key ? Convert.FromBase64String(key.GetValue<string>()) : null);
            previous = EventSeal.Hash(previous, fields);
            line["hash"] = previous;
        }
    }

    /// <summary>Every read model the import rebuilds, as sorted JSON; global sequence numbers are new in a new database.</summary>
    private static IEnumerable<string> ReadModelQueries() =>
    [
        .. AnalyticsSchema.Tables.Select(t =>
            $"select coalesce(json_agg(r order by r::text), '[]')::text from (select to_jsonb(t) - 'last_sequence' as r from {t.QualifiedName} t) rows"),
        "select json_agg(data - 'lastSequence' order by id)::text from complaints.mt_doc_handlingreport",
        "select json_agg(data order by id)::text from complaints.mt_doc_complaintdetails"
    ];

    private static async Task<string> SnapshotAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))?.ToString() ?? "";
    }

    private async Task<string> ExportFileAsync(string path)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("export-").FullName, "export.ndjson");
        await File.WriteAllTextAsync(file, await Client.GetStringAsync(path, TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken);
        return file;
    }
}
