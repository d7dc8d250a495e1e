using System.Net;
using Complaints.Host.Tests.Infrastructure;
using MimeKit;
using NodaTime;

namespace Complaints.Host.Tests.Notifications;

/// <summary>First contact and progress updates are commands; with no SMTP server their mail lands in the pickup folder.</summary>
public sealed class ReachingCustomerTests(ComplaintsApi api) : ApiTest(api)
{
    private static readonly string PickupFolder = Path.Combine(Path.GetTempPath(), "complaints-test-mail");

    [Fact]
    public async Task A_first_contact_meets_D7_and_by_email_is_written_to_the_pickup_folder()
    {
        var id = await RegisterWithEmailAsync();
        Api.Clock.Advance(Duration.FromHours(3));

        var contacted = await Client.Step(id, "customer-contacts",
            new { channel = "email", summary = "We have your complaint and call you tomorrow.", by = "Intake Zhao" });

        contacted.Version.ShouldBeGreaterThan(1);
        var complaint = (await Client.GetJsonAsync($"/api/complaints/{id}")).Body!;
        complaint["status"]!.GetValue<string>().ShouldBe("awaiting-acknowledgement");
        var d7 = complaint["deadlines"]!.AsArray().Single(d => d!["rule"]!.GetValue<string>() == "D7")!;
        d7["metAt"]!.GetValue<string>().ShouldBe((ComplaintsApi.Start + Duration.FromHours(3)).ToString());
        var mail = await PickedUpAsync(id, "first-contact");
        mail.To.Mailboxes.Single().Address.ShouldBe(Mail.Customer);
        mail.TextBody!.ShouldContain("call you tomorrow");
    }

    [Fact]
    public async Task A_progress_update_is_recorded_and_emailed_when_the_customer_has_an_address()
    {
        var withEmail = await RegisterWithEmailAsync();
        var phoneOnly = await Client.RegisterAsync();

        await Client.Step(withEmail, "progress-updates", new { message = "The parts arrive on Monday.", by = "Intake Zhao" });
        await Client.Step(phoneOnly, "progress-updates", new { message = "The parts arrive on Monday.", by = "Intake Zhao" });

        (await PickedUpAsync(withEmail, "progress-update")).TextBody!.ShouldContain("The parts arrive on Monday.");
        (await Client.NotificationsAsync(phoneOnly)).OfKind("progress-update").ShouldBeEmpty();
        (await Client.HistoryAsync(phoneOnly)).Select(e => e!["type"]!.GetValue<string>()).ShouldContain("CustomerUpdated");
    }

    [Theory]
    [InlineData("{\"channel\":\"pigeon\",\"summary\":\"s\",\"by\":\"Zhao\"}", "channel")]
    [InlineData("{\"channel\":\"phone\",\"by\":\"Zhao\"}", "summary")]
    [InlineData("{\"channel\":\"phone\",\"summary\":\"s\"}", "by")]
    [InlineData("{\"channel\":\"phone\",\"summary\":\"s\",\"by\":\"Zhao\",\"at\":\"tomorrow\"}", "at")]
    [InlineData("{\"channel\":\"phone\",\"summary\":\"s\",\"by\":\"Zhao\",\"at\":\"2026-11-21T01:00:00Z\"}", "at")]
    [InlineData("{\"channel\":\"phone\",\"summary\":\"s\",\"by\":\"Zhao\",\"at\":\"2026-11-19T01:00:00Z\"}", "at")]
    public async Task A_bad_contact_is_400_naming_the_field_and_records_nothing(string body, string field)
    {
        var id = await Client.RegisterAsync();
        var before = await Client.VersionAsync(id);

        (await Client.SendJsonAsync($"/api/complaints/{id}/customer-contacts", body))
            .ShouldBeProblem(HttpStatusCode.BadRequest).Body!["errors"]![field].ShouldNotBeNull();
        (await Client.VersionAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task A_closed_complaint_takes_no_contact_and_says_what_it_allows()
    {
        var id = await Client.RegisterConfirmedAsync();
        await Client.WalkFromPlanToClosureAsync(id, planVersion: 1);

        var refused = await Client.PostJsonAsync($"/api/complaints/{id}/progress-updates", new { message = "Hello", by = "Intake Zhao" });

        refused.ShouldBeProblem(HttpStatusCode.Conflict).Body!["allowedActions"]!.AsArray()
            .Select(a => a!.GetValue<string>()).ShouldBe(["record-satisfaction", "record-follow-up", "reopen"]);
    }

    private async Task<Guid> RegisterWithEmailAsync()
    {
        var registration = Bodies.Registration();
        registration["customer"] = new { name = "Li Wei", email = Mail.Customer };
        return (await Client.PostJsonAsync("/api/complaints", registration)).ShouldBe(HttpStatusCode.Created).Id;
    }

    /// <summary>The .eml file of the complaint's notification of this kind, once its delivery wrote it.</summary>
    private async Task<MimeMessage> PickedUpAsync(Guid id, string kind)
    {
        var sent = (await Client.SettledAsync(id, items => items.OfKind(kind).Any(n => n.Status() != "queued"))).OfKind(kind).Single();
        sent.Status().ShouldBe("sent", sent.ToJsonString());
        var number = (await Client.GetJsonAsync($"/api/complaints/{id}")).Text("number");
        var file = Directory.GetFiles(PickupFolder, $"{number}-{kind}-*.eml").OrderByDescending(File.GetLastWriteTimeUtc).First();
        var message = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
        message.MessageId.ShouldBe(sent["messageId"]!.GetValue<string>());
        return message;
    }
}
