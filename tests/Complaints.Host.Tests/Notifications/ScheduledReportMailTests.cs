using System.Text;
using System.Text.Json.Nodes;
using Complaints.Host.Reports.Scheduled;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Faults;
using Complaints.Host.Tests.Infrastructure;
using Complaints.Host.Tests.Reports;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;

namespace Complaints.Host.Tests.Notifications;

/// <summary>Scheduled reports are mailed to the directory's people for them, through a real SMTP server.</summary>
[Collection(CodegenCollection.Name)]
public sealed class ScheduledReportMailTests
{
    private const string GmWang = "wang.gm@hq.example.com";

    [Fact]
    public async Task Each_report_is_mailed_once_to_its_people_and_the_deliveries_show_sent_or_failed_with_the_reason()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var smtp = TestSmtpServer.Start();
        var clock = new TestClock(Instant.FromUtc(2026, 11, 30, 16, 0)); // 1 December 00:00 in Shanghai
        await using var host = await Mail.HostAsync("complaints_report_mail", clock, smtp);
        using var admin = host.ClientFor("Admin Ma", "admin");
        await Mail.PutAsync(admin, "cn-east/gm-office/gm-office", new { people = new[] { new { name = "GM Wang", email = GmWang, language = "en" } } });
        using var staff = host.StaffClient();

        var made = await host.Services.GetRequiredService<ScheduledReports>().RunDueAsync(ct);
        made.Select(d => d.Id).ShouldBe(["supervision:2026-11", "weekly-summary:2026-W48", "quarterly-evaluation:2026-Q3"]);
        var items = await Poll.UntilAsync(() => ScheduledReportTests.DeliveriesAsync(staff),
            found => found.All(i => i["status"]!.GetValue<string>() != "queued"), TimeSpan.FromSeconds(20));

        // The GM office has the supervision report (and the quarterly evaluation); nobody holds the customer-service
        // director's entry, so the weekly summary fails naming it and the evaluation failed for one of its two.
        var byReport = items.ToDictionary(i => i["report"]!.GetValue<string>());
        Summary(byReport["supervision"]).ShouldBe(("sent", GmWang));
        Summary(byReport["weekly-summary"]).ShouldBe(("failed", ""));
        byReport["weekly-summary"]["recipients"]![0]!["reason"]!.GetValue<string>()
            .ShouldStartWith("nobody in the directory for cn-east/customer-service/customer-service-director");
        Summary(byReport["quarterly-evaluation"]).ShouldBe(("failed", GmWang));

        var mail = smtp.To(GmWang);
        mail.Count.ShouldBe(2);
        var supervision = mail.Single(m => m.Headers["X-Report"] == "supervision:2026-11");
        supervision.Subject.ShouldBe("monthly service supervision report 2026-11");
        var attachment = supervision.Attachments.OfType<MimePart>().ShouldHaveSingleItem();
        attachment.FileName.ShouldBe("supervision-2026-11.json");
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content, ct);
        await using var query = host.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
        var stored = await query.LoadAsync<ReportDelivery>("supervision:2026-11", ct);
        Encoding.UTF8.GetString(content.ToArray()).ShouldBe(stored!.Content);

        // Checked again later (another node, a restart): nothing is made or mailed twice.
        (await host.Services.GetRequiredService<ScheduledReports>().RunDueAsync(ct)).ShouldBeEmpty();
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        smtp.To(GmWang).Count.ShouldBe(2);

        // Once someone holds the director's entry, the reports that found it empty go to them, once.
        await Mail.PutAsync(admin, "cn-east/customer-service/customer-service-director",
            new { people = new[] { new { name = "Director Chen", email = Director, language = "en" } } });
        items = await Poll.UntilAsync(() => ScheduledReportTests.DeliveriesAsync(staff),
            found => found.All(i => i["status"]!.GetValue<string>() == "sent"), TimeSpan.FromSeconds(20));
        byReport = items.ToDictionary(i => i["report"]!.GetValue<string>());
        Summary(byReport["weekly-summary"]).ShouldBe(("sent", Director));
        Summary(byReport["quarterly-evaluation"]).ShouldBe(("sent", $"{GmWang}, {Director}"));
        smtp.To(Director).Select(m => m.Headers["X-Report"]).Order().ShouldBe(["quarterly-evaluation:2026-Q3", "weekly-summary:2026-W48"]);
        smtp.To(GmWang).Count.ShouldBe(2);
    }

    private const string Director = "chen.director@hq.example.com";

    /// <summary>The status and the addresses it was sent to.</summary>
    private static (string, string) Summary(JsonNode item) =>
        (item["status"]!.GetValue<string>(), string.Join(", ", item["sentTo"]!.AsArray().Select(a => a!.GetValue<string>())));
}
