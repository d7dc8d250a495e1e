using System.Net;
using System.Text;
using System.Text.Json;
using Complaints.Host.Tests.Infrastructure;

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
