using System.Net;
using System.Text.Json.Nodes;
using Complaints.Host.Reports.Ledger;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Reports;

public sealed class LedgerTests(ComplaintsApi api) : ApiTest(api)
{
    private async Task<JsonNode> PageAsync(string query) =>
        (await Client.GetJsonAsync($"/api/ledger?{query}")).ShouldBe(HttpStatusCode.OK).Body!;

    private static List<string> Numbers(JsonNode page) =>
        page["rows"]!.AsArray().Select(r => r!["number"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task A_registered_complaint_appears_with_its_current_step_and_due_instant()
    {
        Api.Clock.Set(November.At(23, 9));
        var id = await Client.RegisterAsync();
        await Api.WaitForReportsAsync();

        var row = (await PageAsync(""))["rows"]!.AsArray().ShouldHaveSingleItem()!;

        row["id"]!.GetValue<Guid>().ShouldBe(id);
        row["number"]!.GetValue<string>().ShouldStartWith("CP-2026-");
        row["severity"]!.GetValue<string>().ShouldBe("B");
        row["department"]!.GetValue<string>().ShouldBe("maintenance");
        row["status"]!.GetValue<string>().ShouldBe("awaiting-acknowledgement");
        row["currentDeadline"]!.GetValue<string>().ShouldBe("D3");
        row["currentDueAt"]!.GetValue<string>().ShouldBe("2026-11-23T02:00:00Z"); // one working hour: 10:00 Shanghai
        row["overdue"]!.GetValue<bool>().ShouldBeFalse();
        row["customerDueDate"]!.GetValue<string>().ShouldBe("2026-11-30");
    }

    [Theory]
    [InlineData("", new[] { "CP-2026-000001", "CP-2026-000002", "CP-2026-000003", "CP-2026-000004" })]
    [InlineData("status=closed", new[] { "CP-2026-000001", "CP-2026-000002" })]
    [InlineData("status=closed-as-invalid,awaiting-verification", new[] { "CP-2026-000003", "CP-2026-000004" })]
    [InlineData("severity=C", new[] { "CP-2026-000003" })]
    [InlineData("department=SALES", new[] { "CP-2026-000003" })]
    [InlineData("category=repair-workmanship&region=cn-east", new[] { "CP-2026-000001", "CP-2026-000002", "CP-2026-000003", "CP-2026-000004" })]
    [InlineData("category=billing", new string[0])]
    [InlineData("overdue=true", new[] { "CP-2026-000003" })]
    [InlineData("overdue=false", new[] { "CP-2026-000001", "CP-2026-000002", "CP-2026-000004" })]
    [InlineData("receivedFrom=2026-11-10", new[] { "CP-2026-000003", "CP-2026-000004" })]
    [InlineData("receivedTo=2026-11-09", new[] { "CP-2026-000001", "CP-2026-000002" })]
    [InlineData("receivedFrom=2026-11-09T06:00:00Z&receivedTo=2026-11-10T01:00:00Z", new[] { "CP-2026-000002", "CP-2026-000003" })]
    public async Task Each_filter_selects_the_matching_complaints(string query, string[] numbers)
    {
        await November.RecordAsync(Api);

        var page = await PageAsync(query);

        Numbers(page).ShouldBe(numbers);
        page["total"]!.GetValue<long>().ShouldBe(numbers.Length);
    }

    [Fact]
    public async Task The_ledger_and_its_csv_show_the_owner_now_and_filter_by_owner()
    {
        var registration = Bodies.Registration();
        registration["owner"] = new { name = "Zhou Lei" };
        var owned = (await Client.PostJsonAsync("/api/complaints", registration)).ShouldBe(HttpStatusCode.Created).Id;
        await Client.Step(owned, "assignment", new { owner = new { name = "Wang Fang" }, by = "Intake Zhao" });
        var nobodys = await Client.RegisterAsync();
        await Api.WaitForReportsAsync();

        var rows = (await PageAsync(""))["rows"]!.AsArray();
        rows.Single(r => r!["id"]!.GetValue<Guid>() == owned)!["owner"]!.GetValue<string>().ShouldBe("Wang Fang");
        rows.Single(r => r!["id"]!.GetValue<Guid>() == nobodys)!["owner"].ShouldBeNull();
        var wangs = (await PageAsync("owner=wang%20fang"))["rows"]!.AsArray();
        wangs.Select(r => r!["id"]!.GetValue<Guid>()).ShouldBe([owned]);
        (await PageAsync("owner=Zhou%20Lei"))["total"]!.GetValue<long>().ShouldBe(0);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/ledger?owner=Wang%20Fang");
        request.Headers.Accept.ParseAdd("text/csv");
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2);
        lines[1].Split(',')[Array.IndexOf(LedgerEndpoint.CsvHeader, "owner")].ShouldBe("Wang Fang");
    }

    [Fact]
    public async Task Pages_follow_a_stable_order_and_report_the_total()
    {
        await November.RecordAsync(Api);

        var first = await PageAsync("pageSize=3&page=1");
        var second = await PageAsync("pageSize=3&page=2");
        var beyond = await PageAsync("pageSize=3&page=3");

        Numbers(first).ShouldBe(["CP-2026-000001", "CP-2026-000002", "CP-2026-000003"]);
        Numbers(second).ShouldBe(["CP-2026-000004"]);
        Numbers(beyond).ShouldBeEmpty();
        new[] { first, second, beyond }.ShouldAllBe(p => p["total"]!.GetValue<long>() == 4);
        second["page"]!.GetValue<int>().ShouldBe(2);
        second["pageSize"]!.GetValue<int>().ShouldBe(3);
    }

    [Fact]
    public async Task Csv_export_has_a_header_and_one_quoted_row_per_complaint()
    {
        await November.RecordAsync(Api);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/ledger?department=maintenance");
        request.Headers.Accept.ParseAdd("text/csv");

        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        lines[0].ShouldBe(string.Join(",", LedgerEndpoint.CsvHeader));
        lines.Length.ShouldBe(4);
        var closed = lines[1].Split(',');
        closed.Length.ShouldBe(LedgerEndpoint.CsvHeader.Length);
        closed[Array.IndexOf(LedgerEndpoint.CsvHeader, "number")].ShouldBe("CP-2026-000001");
        closed[Array.IndexOf(LedgerEndpoint.CsvHeader, "status")].ShouldBe("closed");
        closed[Array.IndexOf(LedgerEndpoint.CsvHeader, "closedAt")].ShouldBe("2026-11-11T02:00:00Z");
        closed[Array.IndexOf(LedgerEndpoint.CsvHeader, "satisfactionScore")].ShouldBe("5");
    }

    [Theory]
    [InlineData("text/csv", "text/csv")]
    [InlineData("text/csv, application/json", "text/csv")]
    [InlineData("application/json;q=0.5, text/csv", "text/csv")]
    [InlineData("text/csv;q=0.1, application/json", "application/json")]
    [InlineData("text/csv;q=0.2, */*;q=0.5", "application/json")]
    [InlineData("text/csv;q=0", "application/json")]
    [InlineData("application/json", "application/json")]
    [InlineData("*/*", "application/json")]
    public async Task The_answer_is_csv_only_when_the_client_prefers_it(string accept, string answered)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/ledger");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(answered);
    }

    [Fact]
    public async Task Csv_fields_with_commas_or_quotes_are_quoted()
    {
        var body = Bodies.Registration();
        body["category"] = "other";
        body["responsibleDepartment"] = "sales, \"east\"";
        (await Client.PostJsonAsync("/api/complaints", body)).ShouldBe(HttpStatusCode.Created);
        await Api.WaitForReportsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/ledger");
        request.Headers.Accept.ParseAdd("text/csv");

        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);

        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .ShouldContain(",\"sales, \"\"east\"\"\",");
    }

    [Fact]
    public async Task Csv_fields_a_spreadsheet_would_run_as_formulas_are_defused()
    {
        var body = Bodies.Registration();
        body["responsibleDepartment"] = "=HYPERLINK(\"http://evil\",\"x\")";
        (await Client.PostJsonAsync("/api/complaints", body)).ShouldBe(HttpStatusCode.Created);
        await Api.WaitForReportsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/ledger");
        request.Headers.Accept.ParseAdd("text/csv");

        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);

        var csv = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        csv.ShouldContain(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",");
        csv.ShouldNotContain(",\"=HYPERLINK");
    }

    [Theory]
    [InlineData("status=lost", "status")]
    [InlineData("severity=Z", "severity")]
    [InlineData("overdue=maybe", "overdue")]
    [InlineData("receivedFrom=yesterday", "receivedFrom")]
    [InlineData("owner=Wang%0AFang", "owner")]
    [InlineData("owner=Wang%07Fang", "owner")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=501", "pageSize")]
    public async Task Bad_filters_are_refused_naming_the_parameter(string query, string field)
    {
        var answer = await Client.GetJsonAsync($"/api/ledger?{query}");

        answer.ShouldBeProblem(HttpStatusCode.BadRequest);
        answer.ErrorFields().ShouldContain(field);
    }

    [Fact]
    public async Task A_page_that_is_not_a_number_is_refused()
    {
        var answer = await Client.GetJsonAsync("/api/ledger?page=abc");

        answer.ShouldBeProblem(HttpStatusCode.BadRequest);
        answer.Body!.ToJsonString().ShouldContain("page");
    }
}
