using System.Net;
using Complaints.Host.Security;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Errors;

/// <summary>Inputs an outside review found answered wrongly: 500s (one after recording the command), misleading codes.</summary>
public sealed class HostileInputTests(ComplaintsApi api) : ApiTest(api)
{
    [Fact]
    public async Task A_correlation_id_that_cannot_be_echoed_is_replaced_and_the_command_answers_normally()
    {
        var id = await Client.RegisterAsync();
        var before = await Client.VersionAsync(id);

        var answer = await Client.PostJsonAsync($"/api/complaints/{id}/acknowledgements",
            new { department = "finance", by = "Head Qian" }, new Dictionary<string, string> { ["X-Correlation-Id"] = "投诉-é" });

        answer.ShouldBe(HttpStatusCode.OK);
        var echoed = answer.Headers.GetValues("X-Correlation-Id").Single();
        echoed.ShouldNotBe("投诉-é");
        (await Client.HistoryAsync(id)).Last()!["correlationId"]!.GetValue<string>().ShouldBe(echoed);
        (await Client.VersionAsync(id)).ShouldBe(before + 1);
    }

    [Theory]
    [InlineData("text/csv")]
    [InlineData("application/x-unknown")]
    public async Task A_refusal_is_problem_json_whatever_the_caller_accepts(string accept)
    {
        using var anonymous = Api.CreateClient();
        anonymous.DefaultRequestHeaders.TryAddWithoutValidation("Accept", accept);
        Client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", accept);

        (await anonymous.GetJsonAsync("/api/kpis")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await Client.GetJsonAsync("/api/ledger?pageSize=A")).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await Client.GetJsonAsync($"/api/complaints/{Guid.NewGuid()}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Control_characters_in_text_are_400_naming_the_field_and_record_nothing()
    {
        var body = Bodies.Registration();
        body["description"] = "brake\u0000noise";
        (await Client.PostJsonAsync("/api/complaints", body)).ShouldBeProblem(HttpStatusCode.BadRequest)
            .ErrorFields().ShouldContain("description");

        var id = await Client.RegisterAsync();
        var before = await Client.VersionAsync(id);
        (await Client.PostJsonAsync($"/api/complaints/{id}/acknowledgements", new { department = "finance", by = "H\u0000" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields().ShouldContain("by");
        (await Client.VersionAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task Concurrent_retries_with_one_idempotency_key_all_get_the_first_answer()
    {
        var id = await Client.RegisterAsync();
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "ack-" + id };

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Client.PostJsonAsync(
            $"/api/complaints/{id}/acknowledgements", new { department = Bodies.Department, by = "Head Liu" }, headers)));

        answers.Select(a => a.Status).Distinct().ShouldBe([HttpStatusCode.OK],
            string.Join("\n", answers.Select(a => a.Body?.ToJsonString())));
        answers.Select(a => a.Version).Distinct().Count().ShouldBe(1);
        (await Client.HistoryAsync(id)).Count(e => e!["type"]!.GetValue<string>() == "ComplaintAcknowledged").ShouldBe(1);
    }

    [Fact]
    public async Task A_conditional_command_on_an_unknown_complaint_is_404_not_412()
    {
        var answer = await Client.PostJsonAsync($"/api/complaints/{Guid.NewGuid()}/forward", new { to = "cs", by = "Zhou" },
            new Dictionary<string, string> { ["If-Match"] = "\"3\"" });

        answer.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_retry_with_the_same_json_written_differently_replays_the_first_answer()
    {
        var id = await Client.RegisterAsync();
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "spacing-" + id };

        var first = await Client.SendJsonAsync($"/api/complaints/{id}/acknowledgements",
            """{"department":"finance","by":"Head Qian"}""", headers);
        var retry = await Client.SendJsonAsync($"/api/complaints/{id}/acknowledgements",
            "{ \"department\" : \"finance\",\n  \"by\" : \"Head Qian\" }", headers);

        retry.ShouldBe(HttpStatusCode.OK).Version.ShouldBe(first.ShouldBe(HttpStatusCode.OK).Version);
        (await Client.HistoryAsync(id)).Count(e => e!["type"]!.GetValue<string>() == "ComplaintAcknowledged").ShouldBe(1);
    }

    [Fact]
    public async Task History_answers_the_complaint_version_as_its_etag()
    {
        var id = await Client.RegisterAsync();

        var history = await Client.GetJsonAsync($"/api/complaints/{id}/history");

        history.Headers.ETag!.Tag.ShouldBe($"\"{await Client.VersionAsync(id)}\"");
    }

    [Fact]
    public async Task The_empty_id_names_no_complaint_for_reads_and_writes()
    {
        var none = Guid.Empty;
        using var admin = Api.ClientFor("Admin Qian", Roles.Admin);

        (await Client.PostJsonAsync($"/api/complaints/{none}/forward", new { to = "cs", by = "Zhou" }))
            .ShouldBeProblem(HttpStatusCode.NotFound);
        (await Client.PostJsonAsync($"/api/complaints/{none}/notes", new { text = "Called back", by = "Intake Zhao" }))
            .ShouldBeProblem(HttpStatusCode.NotFound);
        (await admin.PostJsonAsync($"/api/complaints/{none}/personal-data/erasure", new { reason = "Request" }))
            .ShouldBeProblem(HttpStatusCode.NotFound);
        foreach (var read in new[] { "", "/history", "/integrity", "/notifications", "/report" })
            (await Client.GetJsonAsync($"/api/complaints/{none}{read}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    [Theory]
    [InlineData("to=9999-12-31", "to")]
    [InlineData("from=0001-01-01", "from")]
    [InlineData("from=2026-12-01&to=2026-11-01", "from")]
    public async Task Scheduled_deliveries_refuse_dates_outside_the_window_naming_the_parameter(string query, string field)
    {
        (await Client.GetJsonAsync($"/api/reports/deliveries?{query}")).ShouldBeProblem(HttpStatusCode.BadRequest)
            .ErrorFields().ShouldBe([field]);
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\uFEFF")]
    [InlineData("Wang\u202EFang")]
    public async Task Invisible_formatting_characters_in_text_are_400_naming_the_field(string text)
    {
        var body = Bodies.Registration();
        body["description"] = text;
        body["customer"] = new { name = text, phone = "+86 138 0000 0000" };

        var refused = (await Client.PostJsonAsync("/api/complaints", body)).ShouldBeProblem(HttpStatusCode.BadRequest);

        refused.ErrorFields().ShouldContain("description");
        refused.ErrorFields().ShouldContain("customer.name");
        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Joiners_real_text_needs_are_kept()
    {
        var body = Bodies.Registration();
        body["description"] = "The dashboard shows 👨\u200D🔧 and the engine stalls";

        var id = (await Client.PostJsonAsync("/api/complaints", body)).ShouldBe(HttpStatusCode.Created).Id;

        (await Client.GetJsonAsync($"/api/complaints/{id}")).Text("description").ShouldContain("\u200D");
    }
}
