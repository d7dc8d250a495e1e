using System.Net;
using System.Text;
using System.Text.Json;
using Complaints.Host.Tests.Infrastructure;
using Complaints.Host.Tests.Notifications;

namespace Complaints.Host.Tests.Errors;

/// <summary>
/// Bodies the serializer would take but whose meaning is unclear (a member named twice, text that is not Unicode,
/// bytes that are not UTF-8) are refused with 400 before any command runs; anonymous callers are refused unread.
/// </summary>
public sealed class StrictBodyTests(ComplaintsApi api) : ApiTest(api)
{
    [Theory]
    [InlineData("/api/complaints")]
    [InlineData("/api/nothing-here")]
    public async Task An_anonymous_body_is_refused_with_401_without_being_read(string path)
    {
        using var anonymous = Api.CreateClient();

        (await anonymous.SendJsonAsync(path, """{"a":"\ud800"}""")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await anonymous.SendBytesAsync(path, [0x7B, 0xFF, 0xFE, 0x7D])).ShouldBeProblem(HttpStatusCode.Unauthorized);

        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    // Members bind without regard to case, so "SEVERITY" after "severity" would silently win as well.
    [Theory]
    [InlineData("severity")]
    [InlineData("SEVERITY")]
    [InlineData("Severity")]
    public async Task A_member_named_twice_is_400_naming_it_and_records_nothing(string again)
    {
        var json = JsonSerializer.Serialize(Bodies.Registration());
        var twice = json.Insert(json.Length - 1, $",\"{again}\":\"D\"");

        (await Client.SendJsonAsync("/api/complaints", twice)).ShouldBeProblem(HttpStatusCode.BadRequest)
            .ErrorFields().ShouldBe([again]);

        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_registration_with_a_member_it_does_not_take_is_400_naming_each_and_records_nothing()
    {
        var body = Bodies.Registration();
        body["summaryy"] = "Brake noise";
        body["customer"] = new { name = "Li Wei", phone = "+86 138 0000 0000", nmae = "Li" };

        var answer = (await Client.PostJsonAsync("/api/complaints", body)).ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldBe(["summaryy", "customer.nmae"], ignoreOrder: true);
        answer.Body!["errors"]!["summaryy"]!.AsArray().Single()!.GetValue<string>().ShouldBe("is not a field of this request");
        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_step_with_a_member_it_does_not_take_is_400_and_changes_nothing()
    {
        var id = await Client.RegisterAsync();
        var before = await Client.VersionAsync(id);

        (await Client.PostJsonAsync($"/api/complaints/{id}/acknowledgements",
                new { department = Bodies.Department, by = "Head Liu", comment = "on it" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields().ShouldBe(["comment"]);
        (await Client.PostJsonAsync($"/api/complaints/{id}/assignment",
                new { owner = new { name = "Wang Fang", phone = "123" }, by = "Intake Zhao" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields().ShouldBe(["owner.phone"]);

        (await Client.VersionAsync(id)).ShouldBe(before);
        (await Client.GetJsonAsync($"/api/complaints/{id}")).Body!["owner"].ShouldBeNull();
    }

    [Fact]
    public async Task A_what_if_or_directory_body_with_a_member_it_does_not_take_is_400_naming_it()
    {
        (await Client.SendJsonAsync("/api/policies/what-if", """{"pollicy": {}, "from": "2026-11-01", "to": "2026-11-30"}"""))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields().ShouldBe(["pollicy"]);
        using var admin = Api.ClientFor("Admin Ma", "admin");
        (await Mail.PutAsync(admin, "cn-east/maintenance/department-head",
                new { people = new[] { new { name = "Head Liu", email = "head.liu@example.com", langauge = "en" } } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields().ShouldBe(["people[0].langauge"]);

        (await admin.GetJsonAsync("/api/directory")).Body!["entries"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_nested_member_named_twice_is_400_naming_its_path()
    {
        var json = JsonSerializer.Serialize(Bodies.Registration()).Replace("\"customer\":{", "\"customer\":{\"name\":\"X\",");

        (await Client.SendJsonAsync("/api/complaints", json)).ShouldBeProblem(HttpStatusCode.BadRequest)
            .ErrorFields().ShouldBe(["customer.name"]);

        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_400_and_record_nothing()
    {
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Bodies.Registration()).Replace("Li Wei", "Li #Wei"));
        json[Array.IndexOf(json, (byte)'#')] = 0xC3; // a lead byte followed by an ASCII letter: not UTF-8

        var answer = (await Client.SendBytesAsync("/api/complaints", json)).ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.Text("detail").ShouldContain("UTF-8");
        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task An_unpaired_surrogate_in_a_member_name_or_a_nested_value_is_400()
    {
        var id = await Client.RegisterAsync();
        var before = await Client.VersionAsync(id);

        (await Client.SendJsonAsync($"/api/complaints/{id}/acknowledgements",
                """{"department":"maintenance","by":"Head Liu","\udc00":1}"""))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        (await Client.SendJsonAsync($"/api/complaints/{id}/verification",
                """{"valid":true,"findings":"ok","responsibleParties":["W \ud800"],"by":"Head Liu"}"""))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields().ShouldBe(["responsibleParties[0]"]);

        (await Client.VersionAsync(id)).ShouldBe(before);
    }
}
