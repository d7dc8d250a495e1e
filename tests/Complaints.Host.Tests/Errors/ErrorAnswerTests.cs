using Complaints.Host.Security;
using System.Net;
using System.Text.Json;
using Complaints.Host.Tests.Infrastructure;
using static Complaints.Host.Tests.Infrastructure.Recorded;

namespace Complaints.Host.Tests.Errors;

public sealed class ErrorAnswerTests(ComplaintsApi api) : ApiTest(api)
{
    [Fact]
    public async Task A_registration_missing_fields_is_400_naming_each_missing_field()
    {
        var body = Bodies.Registration();
        body.Remove("severity");
        body.Remove("customer");
        body.Remove("receivedBy");

        var answer = (await Client.PostJsonAsync("/api/complaints", body)).ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldBe(["severity", "customer", "receivedBy"], ignoreOrder: true);
        (await Api.ComplaintCountAsync()).ShouldBe(0);
        (await Api.EventCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task An_empty_registration_names_every_required_field()
    {
        var answer = (await Client.PostJsonAsync("/api/complaints", new { })).ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldBe([
            "severity", "category", "responsibleDepartment", "region", "channel", "description",
            "customerExpectation", "requestedResolutionDate", "customer", "receivedBy"
        ], ignoreOrder: true);
        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_field_of_the_wrong_json_type_is_400_naming_the_field()
    {
        var id = await Client.RegisterAsync();
        var before = await Client.VersionAsync(id);

        var answer = (await Client.SendJsonAsync($"/api/complaints/{id}/satisfaction", """{"score":"abc"}"""))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldBe(["score"]);
        (await Client.VersionAsync(id)).ShouldBe(before);
    }

    [Theory]
    [InlineData("""{"to": "customer service", "by": """)]
    [InlineData("""{to: 'customer service'}""")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1, 2]")]
    [InlineData("\"customer service\"")]
    [InlineData("5")]
    [InlineData("true")]
    public async Task A_malformed_empty_or_non_object_body_is_400(string json)
    {
        var id = await RegisterRegionalAsync();
        var before = (await Client.HistoryAsync(id)).Count;

        var answer = (await Client.SendJsonAsync($"/api/complaints/{id}/forward", json)).ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldNotBeEmpty();
        (await Client.HistoryAsync(id)).Count.ShouldBe(before);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("\"two\"")]
    [InlineData("\"-1\"")]
    public async Task An_invalid_if_match_value_is_400(string ifMatch)
    {
        var id = await RegisterRegionalAsync();
        var before = await Client.VersionAsync(id);

        var answer = (await Client.PostJsonAsync($"/api/complaints/{id}/forward", Forward(), Header("If-Match", ifMatch)))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldBe(["If-Match"], Case.Insensitive);
        (await Client.VersionAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task An_idempotency_key_longer_than_200_characters_is_400()
    {
        var answer = (await Client.PostJsonAsync("/api/complaints", Bodies.Registration(),
            Header("Idempotency-Key", new string('k', 201)))).ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldBe(["Idempotency-Key"], Case.Insensitive);
        (await Api.ComplaintCountAsync()).ShouldBe(0);
        (await Api.IdempotencyRecordCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_refused_header_is_named_as_the_client_spells_it()
    {
        var id = await RegisterRegionalAsync();

        var badIfMatch = await Client.PostJsonAsync($"/api/complaints/{id}/forward", Forward(), Header("If-Match", "abc"));
        var longKey = await Client.PostJsonAsync($"/api/complaints/{id}/forward", Forward(),
            Header("Idempotency-Key", new string('k', 201)));

        badIfMatch.ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields().ShouldBe(["If-Match"]);
        longKey.ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields().ShouldBe(["Idempotency-Key"]);
    }

    [Fact]
    public async Task An_idempotency_key_of_exactly_200_characters_is_accepted() =>
        (await Client.PostJsonAsync("/api/complaints", Bodies.Registration(), Header("Idempotency-Key", new string('k', 200))))
            .ShouldBe(HttpStatusCode.Created);

    [Fact]
    public async Task A_command_for_an_unknown_complaint_is_404()
    {
        var answer = (await Client.PostJsonAsync($"/api/complaints/{Guid.NewGuid()}/forward", Forward()))
            .ShouldBeProblem(HttpStatusCode.NotFound);

        answer.Text("title").ShouldBe("Complaint not found");
        (await Api.EventCountAsync()).ShouldBe(0);
        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/history")]
    public async Task A_query_for_an_unknown_complaint_is_404(string suffix)
    {
        await Client.RegisterAsync();

        (await Client.GetJsonAsync($"/api/complaints/{Guid.NewGuid()}{suffix}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("GET", "/api/complaints/not-a-guid")]
    [InlineData("POST", "/api/complaints/not-a-guid/forward")]
    public async Task An_id_that_is_not_a_guid_is_404_problem(string method, string path)
    {
        var answer = method == "GET"
            ? await Client.GetJsonAsync(path)
            : await Client.PostJsonAsync(path, Forward());

        answer.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_command_not_allowed_in_the_current_state_is_409_naming_the_status_and_allowed_actions()
    {
        var id = await Client.RegisterAsync();
        var before = await Client.GetJsonAsync($"/api/complaints/{id}");

        var answer = (await Client.PostJsonAsync($"/api/complaints/{id}/confirmation", new { by = "GM Wang" }))
            .ShouldBeProblem(HttpStatusCode.Conflict);

        answer.Long("status").ShouldBe(409);
        answer.Text("currentStatus").ShouldBe("awaiting-acknowledgement");
        answer.Body!["complaint"]!["status"]!.GetValue<string>().ShouldBe("awaiting-acknowledgement");
        var allowed = before.Body!["allowedActions"].Strings();
        allowed.ShouldBe(["acknowledge", "assign", "reclassify", "add-note", "add-attachment"]);
        answer.Body["allowedActions"].Strings().ShouldBe(allowed);
        answer.Body["complaint"]!["allowedActions"].Strings().ShouldBe(allowed);
        (await Client.VersionAsync(id)).ShouldBe(before.Version);
        (await Client.HistoryAsync(id)).Count.ShouldBe((int)before.Version);
    }

    [Fact]
    public async Task Approving_a_superseded_plan_version_is_409_and_records_nothing()
    {
        var id = await Client.RegisterConfirmedAsync();
        await Client.Step(id, "action-plans", Plan());
        await Client.Step(id, "action-plans/1/approvals", Bodies.Review("cs-leadership", approved: false, "Too vague"));
        (await Client.Step(id, "action-plans", Plan())).Long("planVersion").ShouldBe(2);
        var version = await Client.VersionAsync(id);

        var answer = (await Client.PostJsonAsync($"/api/complaints/{id}/action-plans/1/approvals",
            Bodies.Review("gm-office", approved: true))).ShouldBeProblem(HttpStatusCode.Conflict);

        answer.Text("currentStatus").ShouldBe("awaiting-plan-approval");
        answer.Body!["allowedActions"].Strings().ShouldBe(["review-action-plan", "assign", "reclassify", "add-note", "add-attachment"]);
        answer.Text("detail").ShouldContain("version 2");
        (await Client.VersionAsync(id)).ShouldBe(version);
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_records_nothing()
    {
        var id = await Client.RegisterAsync();
        var stale = (await Client.GetJsonAsync($"/api/complaints/{id}")).Headers.ETag!.Tag;
        var acknowledged = await Client.Step(id, "acknowledgements", new { department = "finance", by = "Head Qian" });
        acknowledged.Headers.ETag!.Tag.ShouldNotBe(stale);

        var answer = (await Client.PostJsonAsync($"/api/complaints/{id}/acknowledgements",
            new { department = Bodies.Department, by = "Head Liu" }, Header("If-Match", stale)))
            .ShouldBeProblem(HttpStatusCode.PreconditionFailed);

        answer.Long("currentVersion").ShouldBe(acknowledged.Version);
        (await Client.VersionAsync(id)).ShouldBe(acknowledged.Version);
        var history = await Client.HistoryAsync(id);
        history.Count.ShouldBe((int)acknowledged.Version);
        history.LifecycleTypes().ShouldBe(["ComplaintReceived", "ComplaintAcknowledged"]);
        (await Client.StatusAsync(id)).ShouldBe("awaiting-acknowledgement");
    }

    [Fact]
    public async Task A_matching_if_match_succeeds_and_answers_the_new_etag()
    {
        var id = await Client.RegisterAsync();
        var current = await Client.GetJsonAsync($"/api/complaints/{id}");

        var answer = (await Client.PostJsonAsync($"/api/complaints/{id}/acknowledgements",
            new { department = Bodies.Department, by = "Head Liu" }, Header("If-Match", current.Headers.ETag!.Tag)))
            .ShouldBe(HttpStatusCode.OK);

        answer.Version.ShouldBeGreaterThan(current.Version);
        answer.Headers.ETag!.Tag.ShouldBe($"\"{answer.Version}\"");
        var after = await Client.GetJsonAsync($"/api/complaints/{id}");
        after.Version.ShouldBe(answer.Version);
        after.Headers.ETag!.Tag.ShouldBe($"\"{answer.Version}\"");
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_413_and_records_nothing()
    {
        var body = Bodies.Registration();
        body["description"] = new string('x', 100_000);

        (await Client.PostJsonAsync("/api/complaints", body)).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);

        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Text_with_an_unpaired_surrogate_escape_is_400_and_records_nothing()
    {
        var id = await Client.RegisterAsync();
        var before = await Client.VersionAsync(id);

        (await Client.SendJsonAsync($"/api/complaints/{id}/acknowledgements",
                """{"department":"maintenance","by":"GM \ud800 Wang"}"""))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        (await Client.VersionAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415_and_records_nothing()
    {
        var json = JsonSerializer.Serialize(Bodies.Registration());

        (await Client.SendJsonAsync("/api/complaints", json, contentType: "text/plain"))
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);

        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_command_echoes_the_callers_correlation_id_and_records_it_with_causation_and_actor()
    {
        var id = await RegisterRegionalAsync();
        var before = await Client.VersionAsync(id);

        using var zhou = Api.ClientFor("Regional manager Zhou", Roles.Department);
        var answer = (await zhou.PostJsonAsync($"/api/complaints/{id}/forward", Forward(),
            Header("X-Correlation-Id", "corr-123"))).ShouldBe(HttpStatusCode.OK);

        answer.Headers.GetValues("X-Correlation-Id").ShouldBe(["corr-123"]);
        var recorded = (await Client.HistoryAsync(id)).Lifecycle()
            .Where(e => e.Version() > before && e.Version() <= answer.Version).ToList();
        var forwarded = recorded.ShouldHaveSingleItem();
        forwarded.Type().ShouldBe("ComplaintForwarded");
        forwarded["correlationId"]!.GetValue<string>().ShouldBe("corr-123");
        forwarded["causationId"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        forwarded["causationId"]!.GetValue<string>().ShouldBe(answer.Headers.GetValues("X-Request-Id").Single());
        forwarded["actor"]!.GetValue<string>().ShouldBe("Regional manager Zhou");
    }

    [Fact]
    public async Task A_command_without_a_correlation_id_gets_a_generated_one_echoed_and_recorded()
    {
        var id = await RegisterRegionalAsync();

        var answer = (await Client.PostJsonAsync($"/api/complaints/{id}/forward", Forward())).ShouldBe(HttpStatusCode.OK);

        var generated = answer.Headers.GetValues("X-Correlation-Id").Single();
        generated.ShouldNotBeNullOrWhiteSpace();
        var forwarded = (await Client.HistoryAsync(id)).Lifecycle()[^1];
        forwarded.Type().ShouldBe("ComplaintForwarded");
        forwarded["correlationId"]!.GetValue<string>().ShouldBe(generated);
    }

    [Fact]
    public async Task Two_commands_without_a_correlation_id_get_different_ones()
    {
        var first = (await Client.PostJsonAsync("/api/complaints", Bodies.Registration())).ShouldBe(HttpStatusCode.Created);
        var second = (await Client.PostJsonAsync("/api/complaints", Bodies.Registration())).ShouldBe(HttpStatusCode.Created);

        first.Headers.GetValues("X-Correlation-Id").Single()
            .ShouldNotBe(second.Headers.GetValues("X-Correlation-Id").Single());
    }

    [Fact]
    public async Task A_refusal_names_the_correlation_id_in_its_body()
    {
        var answer = (await Client.PostJsonAsync($"/api/complaints/{Guid.NewGuid()}/forward", Forward(),
            Header("X-Correlation-Id", "corr-404"))).ShouldBeProblem(HttpStatusCode.NotFound);

        answer.Text("correlationId").ShouldBe("corr-404");
    }

    [Fact]
    public async Task A_refusal_echoes_the_correlation_id_header()
    {
        var answer = (await Client.PostJsonAsync($"/api/complaints/{Guid.NewGuid()}/forward", Forward(),
            Header("X-Correlation-Id", "corr-404"))).ShouldBeProblem(HttpStatusCode.NotFound);

        answer.Headers.TryGetValues("X-Correlation-Id", out var echoed).ShouldBeTrue("no X-Correlation-Id on the 404");
        echoed.ShouldBe(["corr-404"]);
    }

    private async Task<Guid> RegisterRegionalAsync() => await Client.RegisterAsync("regional");

    private static object Forward() => new { to = "customer service", by = "Regional manager Zhou" };

    private static object Plan() => new
    {
        rootCause = "Pads fitted without torque check",
        correctiveActions = "Refit pads, road test",
        preventiveActions = "Torque checklist in workshop 2",
        by = "Head Liu"
    };
}
