using System.Net;
using System.Text;
using System.Text.Json;
using Complaints.Domain;
using Complaints.Host.Tests.Infrastructure;
using static Complaints.Host.Tests.Infrastructure.Recorded;

namespace Complaints.Host.Tests.Errors;

/// <summary>
/// Input no command can be read from, at every layer of the request (body, content type, path, query, headers), is a
/// 4xx in the project's problem shape naming what to fix, and records nothing: never a 500, never a framework's answer.
/// </summary>
public sealed class UnreadableInputTests(ComplaintsApi api) : ApiTest(api)
{
    [Theory]
    [InlineData("""{"score":1e400}""")]
    [InlineData("""{"score":99999999999999999999}""")]
    [InlineData("""{"score":-99999999999999999999}""")]
    [InlineData("""{"score":1.0}""")]
    [InlineData("""{"score":2.5}""")]
    [InlineData("""{"score":"3"}""")]
    [InlineData("""{"score":[3]}""")]
    [InlineData("""{"score":{"value":3}}""")]
    [InlineData("""{"score":true}""")]
    [InlineData("""{"score":-0}""")]
    public async Task A_number_out_of_range_or_of_the_wrong_kind_is_400_naming_the_field(string json)
    {
        var id = await Client.RegisterAsync();
        var before = await Client.VersionAsync(id);

        var answer = (await Client.SendJsonAsync($"/api/complaints/{id}/satisfaction", json))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldBe(["score"]);
        (await Client.VersionAsync(id)).ShouldBe(before);
    }

    [Theory]
    [InlineData("customer", "\"Li Wei\"")]
    [InlineData("customer", "[]")]
    [InlineData("customer.name", "{\"first\":\"Li\"}")]
    [InlineData("customer.phone", "138")]
    [InlineData("receivedBy", "42")]
    [InlineData("receivedBy.kind", "[\"regional\"]")]
    [InlineData("severity", "false")]
    [InlineData("requestedResolutionDate", "20261130")]
    public async Task A_value_of_the_wrong_type_at_any_level_is_400_naming_its_path(string path, string value)
    {
        var body = JsonSerializer.SerializeToNode(Bodies.Registration())!.AsObject();
        var names = path.Split('.');
        var parent = names[..^1].Aggregate(body, (node, name) => node[name]!.AsObject());
        parent[names[^1]] = System.Text.Json.Nodes.JsonNode.Parse(value);

        var answer = (await Client.SendJsonAsync("/api/complaints", body.ToJsonString()))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldBe([path]);
        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_list_item_of_the_wrong_type_is_400_naming_its_index()
    {
        var id = await Client.RegisterAsync();

        var answer = (await Client.SendJsonAsync($"/api/complaints/{id}/verification",
            """{"valid":true,"findings":"ok","responsibleParties":["Workshop 2",7],"by":"Head Liu"}"""))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldBe(["responsibleParties[1]"]);
        (await Client.StatusAsync(id)).ShouldBe("awaiting-acknowledgement");
    }

    [Fact]
    public async Task A_body_nested_deeper_than_64_levels_is_400_saying_so()
    {
        var id = await Client.RegisterAsync();
        var before = await Client.VersionAsync(id);

        var answer = (await Client.SendJsonAsync($"/api/complaints/{id}/satisfaction",
            """{"score":3,"comment":""" + new string('[', 64) + new string(']', 64) + "}"))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.Text("detail").ShouldContain("64 levels");
        answer.ErrorFields().ShouldBe(["body"]);
        (await Client.VersionAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task An_array_of_more_than_1000_items_is_400_naming_it()
    {
        var id = await Client.RegisterAsync();
        var parties = Enumerable.Repeat("Workshop 2", 1001);

        var answer = (await Client.PostJsonAsync($"/api/complaints/{id}/verification",
            new { valid = true, findings = "ok", responsibleParties = parties, by = "Head Liu" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldBe(["responsibleParties"]);
        answer.Body!["errors"]!["responsibleParties"]![0]!.GetValue<string>().ShouldContain("1000");
        (await Client.StatusAsync(id)).ShouldBe("awaiting-acknowledgement");
    }

    [Fact]
    public async Task An_empty_body_with_a_json_content_type_is_400_saying_the_body_is_required()
    {
        var answer = (await Client.SendJsonAsync("/api/complaints", "")).ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.Body!["errors"]!["body"]![0]!.GetValue<string>().ShouldBe("is required");
        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    [Theory]
    [InlineData("application/json; charset=latin1")]
    [InlineData("application/json; charset=ISO-8859-1")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/problem+json; charset=windows-1252")]
    public async Task A_body_declared_in_another_charset_than_utf8_is_415(string contentType)
    {
        var json = JsonSerializer.Serialize(Bodies.Registration());

        var answer = (await Client.SendJsonAsync("/api/complaints", json, contentType: contentType))
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);

        answer.Text("detail").ShouldContain("UTF-8");
        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    [InlineData("Application/JSON")]
    public async Task Json_declared_as_utf8_or_without_a_charset_is_read(string contentType) =>
        (await Client.SendJsonAsync("/api/complaints", JsonSerializer.Serialize(Bodies.Registration()), contentType: contentType))
            .ShouldBe(HttpStatusCode.Created);

    [Theory]
    [InlineData("application/jsonx")]
    [InlineData("application/json-patch")]
    [InlineData("text/json")]
    [InlineData("application/x-json")]
    public async Task A_content_type_that_only_looks_like_json_is_415_in_our_shape(string contentType)
    {
        (await Client.SendJsonAsync("/api/complaints", JsonSerializer.Serialize(Bodies.Registration()), contentType: contentType))
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);

        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    [Theory]
    [InlineData("/api/ledger?page=abc", "page")]
    [InlineData("/api/ledger?pageSize=99999999999", "pageSize")]
    [InlineData("/api/ledger?page=1.5", "page")]
    [InlineData("/api/complaints/{id}?version=abc", "version")]
    [InlineData("/api/complaints/{id}?version=1&version=2", "version")]
    public async Task A_query_value_that_does_not_parse_is_400_naming_the_parameter(string path, string parameter)
    {
        var id = await Client.RegisterAsync();

        var answer = (await Client.GetJsonAsync(path.Replace("{id}", id.ToString()))).ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldBe([parameter]);
        answer.Body!["errors"]![parameter]![0]!.GetValue<string>().ShouldStartWith("must be a whole number");
        answer.Body.AsObject().ContainsKey("parameter").ShouldBeFalse("Wolverine's own member is not part of our shape");
    }

    // Whether it does not parse or lies outside, the answer says what the list takes (outside review).
    [Theory]
    [InlineData("/api/ledger?pageSize=abc")]
    [InlineData("/api/ledger?pageSize=99999999999")]
    [InlineData("/api/ledger?pageSize=501")]
    [InlineData("/api/work?pageSize=abc")]
    [InlineData("/api/work?pageSize=0")]
    public async Task A_page_size_the_list_does_not_take_is_400_stating_the_range(string path)
    {
        var answer = (await Client.GetJsonAsync(path)).ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.Body!["errors"]!["pageSize"]![0]!.GetValue<string>().ShouldBe("must be a whole number from 1 to 500");
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("-1x")]
    public async Task A_plan_version_in_the_path_that_is_no_int_is_404_and_records_nothing(string planVersion)
    {
        var id = await Client.RegisterConfirmedAsync();
        var before = await Client.VersionAsync(id);

        (await Client.PostJsonAsync($"/api/complaints/{id}/action-plans/{planVersion}/approvals",
            Bodies.Review("gm-office", approved: true))).ShouldBeProblem(HttpStatusCode.NotFound);

        (await Client.VersionAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task A_method_the_address_does_not_take_is_405_in_our_shape()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/complaints");

        (await Client.AnswerAsync(request)).ShouldBeProblem(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task A_client_that_accepts_no_json_still_gets_its_refusal_as_problem_json_not_a_500()
    {
        var id = await Client.RegisterAsync();
        var html = Header("Accept", "text/html");
        using var anonymous = Api.CreateClient();
        anonymous.DefaultRequestHeaders.Add("Accept", "text/html");
        Client.DefaultRequestHeaders.Add("Accept", "text/csv");

        (await Client.GetJsonAsync($"/api/complaints/{Guid.NewGuid()}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await Client.GetJsonAsync("/api/ledger?page=0")).ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields().ShouldBe(["page"]);
        (await Client.GetJsonAsync("/api/ledger?page=abc")).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await anonymous.GetJsonAsync($"/api/complaints/{id}")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await Client.SendJsonAsync($"/api/complaints/{id}/satisfaction", """{"score":"x"}""", html))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        // The endpoint answers JSON only, so a command that would succeed is refused before it runs.
        (await Client.PostJsonAsync($"/api/complaints/{id}/acknowledgements",
            new { department = Bodies.Department, by = "Head Liu" }, html)).ShouldBeProblem(HttpStatusCode.NotAcceptable);

        (await Api.EventCountAsync<ComplaintAcknowledged>()).ShouldBe(0);
    }

    [Theory]
    [InlineData("\"99999999999999999999\"")]
    [InlineData("\"1\", \"2\"")]
    [InlineData("W/")]
    public async Task A_garbled_if_match_is_400_naming_it(string ifMatch)
    {
        var id = await Client.RegisterAsync();
        var before = await Client.VersionAsync(id);

        (await Client.PostJsonAsync($"/api/complaints/{id}/acknowledgements",
                new { department = Bodies.Department, by = "Head Liu" }, Header("If-Match", ifMatch)))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields().ShouldBe(["If-Match"]);

        (await Client.VersionAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task An_if_match_of_thousands_of_characters_is_400_naming_it()
    {
        var id = await Client.RegisterAsync();

        (await Client.PostJsonAsync($"/api/complaints/{id}/acknowledgements",
                new { department = Bodies.Department, by = "Head Liu" }, Header("If-Match", "\"" + new string('7', 8000) + "\"")))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields().ShouldBe(["If-Match"]);

        (await Client.StatusAsync(id)).ShouldBe("awaiting-acknowledgement");
    }

    [Theory]
    [InlineData("key\u0001one")]
    [InlineData("key\tone")]
    [InlineData("ключ")]
    [InlineData("key\u007f")]
    public async Task An_idempotency_key_with_anything_but_printable_ascii_is_400_and_stores_nothing(string key)
    {
        var answer = (await Client.PostJsonAsync("/api/complaints", Bodies.Registration(), Header("Idempotency-Key", key)))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldBe(["Idempotency-Key"]);
        (await Api.ComplaintCountAsync()).ShouldBe(0);
        (await Api.IdempotencyRecordCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Two_idempotency_key_headers_are_400_and_store_nothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/complaints")
        {
            Content = new StringContent(JsonSerializer.Serialize(Bodies.Registration()), Encoding.UTF8, "application/json")
        };
        request.Headers.Add("Idempotency-Key", ["first", "second"]);

        (await Client.AnswerAsync(request)).ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields().ShouldBe(["Idempotency-Key"]);
        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_correlation_id_too_long_to_echo_is_replaced_and_the_command_recorded_under_the_new_one()
    {
        var answer = (await Client.PostJsonAsync("/api/complaints", Bodies.Registration(),
            Header("X-Correlation-Id", new string('c', 5000)))).ShouldBe(HttpStatusCode.Created);

        var echoed = answer.Headers.GetValues("X-Correlation-Id").Single();
        echoed.Length.ShouldBeLessThanOrEqualTo(200);
        (await Client.HistoryAsync(answer.Id))[0]!["correlationId"]!.GetValue<string>().ShouldBe(echoed);
    }
}
