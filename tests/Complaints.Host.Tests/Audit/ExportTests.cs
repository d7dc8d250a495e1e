using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Complaints.Host.Tests.Infrastructure;
using NodaTime;

namespace Complaints.Host.Tests.Audit;

public sealed partial class ExportTests(ComplaintsApi api) : ApiTest(api)
{
    [Fact]
    public async Task A_complaints_export_is_its_whole_history_one_event_per_line()
    {
        var id = await Client.RegisterConfirmedAsync();

        var (contentType, lines) = await ExportAsync($"/api/complaints/{id}/export");

        contentType.ShouldBe("application/x-ndjson");
        var history = await Client.HistoryAsync(id);
        lines.Select(l => l["version"]!.GetValue<long>()).ShouldBe(history.Select(e => e.Version()));
        lines.Select(l => l["hash"]!.GetValue<string>()).ShouldBe(history.Select(e => e!["hash"]!.GetValue<string>()));
        lines.Select(l => l["type"]!.GetValue<string>()).ShouldBe(history.Select(e => e.Type()));
        lines.ShouldAllBe(l => l["streamId"]!.GetValue<Guid>() == id);
        lines[0]["timestamp"]!.GetValue<string>().ShouldBe("2026-11-20T01:00:00.000000Z");
        lines[0]["personalDataKey"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        lines.Skip(1).ShouldAllBe(l => l["personalDataKey"] == null); // no closure yet
        lines[0]["data"]!["intake"]!["customer"]!["name"]!.GetValue<string>().ShouldBe("Li Wei");
    }

    [Fact]
    public async Task A_period_exports_the_whole_histories_of_the_complaints_registered_in_it()
    {
        var friday = await Client.RegisterAsync(); // 2026-11-20 09:00 Shanghai
        Api.Clock.Advance(Duration.FromDays(3));
        var monday = await Client.RegisterAsync();
        Api.Clock.Advance(Duration.FromHours(1));
        await Client.Step(friday, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });

        (await StreamsIn("/api/audit/export?from=2026-11-21&to=2026-11-30")).ShouldBe([monday]);
        (await StreamsIn("/api/audit/export?to=2026-11-20")).ShouldBe([friday]);
        (await StreamsIn("/api/audit/export")).Order().ShouldBe(new[] { friday, monday }.Order());
        // The acknowledgement came later, but belongs to the Friday complaint's whole history.
        (await ExportAsync("/api/audit/export?to=2026-11-20")).Lines.Count.ShouldBe((await Client.HistoryAsync(friday)).Count);
    }

    [Fact]
    public async Task A_bad_period_or_an_unknown_complaint_is_refused()
    {
        (await Client.GetJsonAsync("/api/audit/export?from=2026-11-30&to=2026-11-01"))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields().ShouldContain("to");
        (await Client.GetJsonAsync("/api/audit/export?from=last-week"))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields().ShouldContain("from");
        (await Client.GetJsonAsync($"/api/complaints/{Guid.CreateVersion7()}/export"))
            .ShouldBeProblem(HttpStatusCode.NotFound);
        foreach (var bound in new[] { "to=9999-12-31", "from=0001-01-01", "to=-0001-01-01", "from=2026-11-24&to=2026-11-23" })
            (await Client.GetJsonAsync($"/api/audit/export?{bound}")).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await Client.GetJsonAsync("/api/ledger?receivedFrom=0001-01-01")).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_period_with_no_complaints_is_an_empty_file()
    {
        var response = await Client.GetAsync("/api/audit/export?from=2030-01-01", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/x-ndjson");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_guides_script_verifies_an_export_by_hand_and_finds_a_changed_line()
    {
        var id = await Client.RegisterConfirmedAsync();
        await Client.WalkFromPlanToClosureAsync(id, planVersion: 1); // the closure's sentTo is a commitment too
        var head = (await Client.HistoryAsync(id)).Last()!["hash"]!.GetValue<string>();
        var directory = Directory.CreateTempSubdirectory("audit-");
        var script = Path.Combine(directory.FullName, "verify_chain.py");
        await File.WriteAllTextAsync(script, GuideScript(), TestContext.Current.CancellationToken);
        var export = Path.Combine(directory.FullName, "complaint.ndjson");
        var text = await Client.GetStringAsync($"/api/complaints/{id}/export", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(export, text, TestContext.Current.CancellationToken);

        var intact = await HostCommand.RunAsync("python3", [script, export]);
        intact.ExitCode.ShouldBe(0, intact.ToString());
        intact.Output.ShouldContain(head);

        await File.WriteAllTextAsync(export, text.Replace("\"findings\":\"Confirmed\"", "\"findings\":\"Not our fault\""),
            TestContext.Current.CancellationToken);
        var altered = await HostCommand.RunAsync("python3", [script, export]);
        altered.ExitCode.ShouldNotBe(0);
        altered.Errors.ShouldContain("altered");
        directory.Delete(recursive: true);
    }

    private static string GuideScript()
    {
        var guide = File.ReadAllText(Path.Combine(Repository.Root, "docs", "audit.md"));
        return ScriptBlock().Match(guide) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("docs/audit.md has no marked verification script");
    }

    [GeneratedRegex(@"<!-- audit-verify-script -->\s*```python\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ScriptBlock();

    private async Task<Guid[]> StreamsIn(string path) =>
        [.. (await ExportAsync(path)).Lines.Select(l => l["streamId"]!.GetValue<Guid>()).Distinct()];

    private async Task<(string? ContentType, List<JsonNode> Lines)> ExportAsync(string path)
    {
        var response = await Client.GetAsync(path, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.Content.Headers.ContentType?.MediaType,
            [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)]);
    }
}
