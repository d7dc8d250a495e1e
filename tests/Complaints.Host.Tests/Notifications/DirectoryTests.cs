using System.Net;
using Complaints.Host.Infrastructure;
using Complaints.Host.Notifications;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Notifications;

/// <summary>The directory is data with a history; what it refuses is named by field and stores nothing.</summary>
public sealed class DirectoryTests(ComplaintsApi api) : ApiTest(api)
{
    private static readonly object Liu = new { people = new[] { new { name = "Head Liu", email = Mail.HeadLiu, language = "zh-CN" } } };

    [Fact]
    public async Task An_administrators_change_is_read_back_with_its_history()
    {
        using var admin = Api.ClientFor("Admin Ma", "admin");

        var first = (await Mail.PutAsync(admin, "cn-east/maintenance/department-head", Liu)).ShouldBe(HttpStatusCode.OK);
        first.Headers.ETag!.Tag.ShouldBe("\"1\"");
        (await Mail.PutAsync(admin, "CN-East/Maintenance/department-head",
            new { people = new[] { new { name = "Head Wu", email = "wu@example.com", language = "en" } } }, ifMatch: "\"1\""))
            .ShouldBe(HttpStatusCode.OK).Long("revision").ShouldBe(2);

        var entry = (await Client.GetJsonAsync("/api/directory")).ShouldBe(HttpStatusCode.OK).Body!["entries"]!.AsArray().Single()!;
        entry["id"]!.GetValue<string>().ShouldBe("cn-east/maintenance/department-head");
        entry["people"]![0]!["email"]!.GetValue<string>().ShouldBe("wu@example.com");
        entry["changedBy"]!.GetValue<string>().ShouldBe("Admin Ma");
        var history = (await Client.GetJsonAsync("/api/directory/history")).Body!["changes"]!.AsArray();
        history.Select(c => c!["people"]![0]!["name"]!.GetValue<string>()).ShouldBe(["Head Wu", "Head Liu"]);
    }

    [Fact]
    public async Task A_stale_revision_is_refused_and_changes_nothing()
    {
        using var admin = Api.ClientFor("Admin Ma", "admin");
        await Mail.PutAsync(admin, "cn-east/maintenance/department-head", Liu);

        (await Mail.PutAsync(admin, "cn-east/maintenance/department-head",
                new { people = Array.Empty<object>() }, ifMatch: "\"0\""))
            .ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        (await Client.GetJsonAsync("/api/directory")).Body!["entries"]![0]!["people"]!.AsArray().Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("cn-mars/maintenance/department-head", "{\"people\":[]}", "region")]
    [InlineData("cn-east/catering/department-head", "{\"people\":[]}", "department")]
    [InlineData("cn-east/maintenance/chief-of-everything", "{\"people\":[]}", "role")]
    [InlineData("cn-east/maintenance/department-head", "{}", "people")]
    [InlineData("cn-east/maintenance/department-head", "{\"people\":[{\"name\":\"Liu\",\"email\":\"not-an-address\"}]}", "people[0].email")]
    [InlineData("cn-east/maintenance/department-head", "{\"people\":[{\"name\":\"Liu\",\"email\":\"Liu <liu@example.com>\"}]}", "people[0].email")]
    [InlineData("cn-east/maintenance/department-head", "{\"people\":[{\"name\":\"Liu\",\"email\":\"liu@example.com\",\"language\":\"fr\"}]}", "people[0].language")]
    [InlineData("cn-east/maintenance/department-head", "{\"people\":[{\"name\":\"\",\"email\":\"liu@example.com\"}]}", "people[0].name")]
    [InlineData("cn-east/maintenance/department-head", "{\"people\":[{\"name\":\"Liu\\nWu\",\"email\":\"liu@example.com\"}]}", "people[0].name")]
    [InlineData("cn-east/maintenance/department-head",
        "{\"people\":[{\"name\":\"Liu\",\"email\":\"liu@example.com\"},{\"name\":\"Liu 2\",\"email\":\"LIU@example.com\"}]}", "people[1].email")]
    [InlineData("cn-east/maintenance/department-head", "{\"people\":[null]}", "people[0]")]
    public async Task A_bad_entry_is_400_naming_the_field_and_nothing_is_stored(string entry, string body, string field)
    {
        using var admin = Api.ClientFor("Admin Ma", "admin");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/directory/{entry}")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json")
        };

        var refused = await admin.AnswerAsync(request);

        refused.ShouldBeProblem(HttpStatusCode.BadRequest).Body!["errors"]!.AsObject().Select(e => e.Key).ShouldContain(field);
        (await Client.GetJsonAsync("/api/directory")).Body!["entries"]!.AsArray().ShouldBeEmpty();
        (await Client.GetJsonAsync("/api/directory/history")).Body!["changes"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_an_administrator_changes_the_directory()
    {
        (await Mail.PutAsync(Client, "cn-east/maintenance/department-head", Liu)).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await Client.GetJsonAsync("/api/directory")).Body!["entries"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public void An_empty_template_part_or_one_that_does_not_parse_stops_the_engine_naming_it()
    {
        Should.Throw<StartupFailure>(() => MailTemplates.Read("en/registration.liquid", "--- subject\nHi\n--- text\n\n--- html\n<p>x</p>"))
            .Message.ShouldBe("Notification template en/registration.liquid: the text part is empty or missing.");
        Should.Throw<StartupFailure>(() => MailTemplates.Read("en/escalation.liquid", "--- subject\n{{ x \n--- text\nT\n--- html\nH"))
            .Message.ShouldStartWith("Notification template en/escalation.liquid: the subject part does not parse");
    }
}
