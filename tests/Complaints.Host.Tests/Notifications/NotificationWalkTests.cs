using System.Net;
using System.Text.Json.Nodes;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Faults;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using MimeKit;
using NodaTime;

namespace Complaints.Host.Tests.Notifications;

/// <summary>The people a complaint concerns hear of it by email, through a real SMTP server, each message once.</summary>
[Collection(CodegenCollection.Name)]
public sealed class NotificationWalkTests
{
    [Fact]
    public async Task A_class_B_complaint_notifies_its_departments_warns_then_escalates_a_missed_D3_and_emails_the_handling_report()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var smtp = TestSmtpServer.Start();
        var clock = new TestClock(ComplaintsApi.Start);
        await using var host = await Mail.HostAsync("complaints_mail_walk", clock, smtp,
            builder => builder.UseSetting("Deadlines:PolicyFile", ShortAcknowledgement()));
        await Mail.FillDirectoryAsync(host);
        using var staff = host.StaffClient();

        var registration = Bodies.Registration();
        registration["customer"] = new { name = "Li Wei", phone = "+86 138 0000 0000", email = Mail.Customer };
        var id = (await staff.PostJsonAsync("/api/complaints", registration)).ShouldBe(HttpStatusCode.Created).Id;
        var number = (await staff.GetJsonAsync($"/api/complaints/{id}")).Text("number");
        // The engine's clock is past 80 % of D3, not past D3: the warning timer finds the warning due when it fires
        // after its real seconds. Then the clock moves past D3 and its escalations.
        clock.Advance(Duration.FromSeconds(5));
        await staff.SettledAsync(id, n => n.OfKind("deadline-warning").Any(w => w.Status() == "sent"));
        clock.Advance(Duration.FromSeconds(25));

        // The responsible department's head is asked to sign; the customer-service director (class B) is told.
        var items = await staff.SettledAsync(id, n => n.OfKind("escalation").Count(e => e.Status() == "sent") == 2);
        var registrationNotices = items.OfKind("registration").ToList();
        registrationNotices.Select(n => n["to"]!.GetValue<string>()).ShouldBe([Mail.HeadLiu, Mail.DirectorChen], ignoreOrder: true);
        registrationNotices.ShouldAllBe(n => n.Status() == "sent" && n["attempts"]!.GetValue<int>() == 1);
        var toHead = smtp.To(Mail.HeadLiu);
        toHead[0].Subject!.ShouldContain(number);
        toHead[0].TextBody!.ShouldContain("签字");
        toHead[0].HtmlBody!.ShouldContain("<b>");

        // The owner is warned at 80 % of D3, and only after that does the escalation reach him and then the head.
        var warning = items.OfKind("deadline-warning").Single(n => n["to"]!.GetValue<string>() == Mail.EngineerSun);
        warning.Status().ShouldBe("sent");
        var toSun = smtp.To(Mail.EngineerSun);
        toSun.Select(Kind).ShouldBe(["deadline-warning", "escalation"]);
        toSun[0].TextBody!.ShouldContain("80 %");
        var escalations = smtp.Received.Where(m => Kind(m) == "escalation").ToList();
        escalations.Select(m => m.To.Mailboxes.Single().Address).ShouldBe([Mail.EngineerSun, Mail.HeadLiu]);
        escalations[1].Subject!.ShouldContain(number);
        Array.IndexOf([.. smtp.Received], toSun[0]).ShouldBeLessThan(Array.IndexOf([.. smtp.Received], escalations[0]));

        // Walked to closure: the plan goes to the customer, and the handling report to the closure's address.
        await staff.Step(id, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });
        await staff.Step(id, "verification", new { valid = true, findings = "Confirmed", responsibleParties = new[] { "Workshop 2" }, by = "Head Liu" });
        await staff.Step(id, "confirmation", new { by = "GM Wang" });
        await staff.WalkFromPlanToClosureAsync(id, planVersion: 1);
        items = await staff.SettledAsync(id, n => n.OfKind("handling-report").Any(r => r.Status() != "queued"));

        var report = items.OfKind("handling-report").Single();
        report.Status().ShouldBe("sent", report.ToJsonString());
        report["messageId"]!.GetValue<string>().ShouldNotBeEmpty();
        var reportMail = smtp.To(Mail.Customer).Single(m => Kind(m) == "handling-report");
        reportMail.Subject!.ShouldContain(number);
        var attachment = reportMail.Attachments.OfType<MimePart>().Single();
        attachment.FileName.ShouldBe($"handling-report-{number}.html");
        using (var html = new MemoryStream())
        {
            await attachment.Content!.DecodeToAsync(html, ct);
            var text = System.Text.Encoding.UTF8.GetString(html.ToArray());
            text.ShouldContain(number);
            text.ShouldContain("Refit pads, road test");
            text.ShouldNotContain("<script");
            text.ShouldNotContain("http");
        }
        smtp.To(Mail.Customer).Select(Kind).ShouldContain("action-plan");
        smtp.Received.GroupBy(m => m.MessageId).ShouldAllBe(g => g.Count() == 1);
    }

    private static string Kind(MimeMessage message) => message.Headers["X-Notification-Kind"] ?? "";

    /// <summary>
    /// The shipped policy with D3 six seconds long, warned at 80 %, escalated to the responsible person two seconds
    /// after it falls due and to the department head a second later.
    /// </summary>
    private static string ShortAcknowledgement()
    {
        var policy = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Deadlines", "policy.json")))!;
        var d3 = policy["rules"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == "D3")!;
        d3["length"] = "PT6S";
        d3["measure"] = "clock-time";
        d3["warnAt"] = new JsonArray(80);
        d3["ladder"] = new JsonArray(
            new JsonObject { ["to"] = "responsible-person", ["after"] = "PT2S" },
            new JsonObject { ["to"] = "department-head", ["after"] = "PT3S" });
        var path = Path.Combine(Path.GetTempPath(), $"complaints-policy-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, policy.ToJsonString());
        return path;
    }
}
