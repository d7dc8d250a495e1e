using System.Net;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Complaints.Host.Tests.Notifications;

/// <summary>What a mail server's refusals and outages do to notifications: delay them, never duplicate or lose them.</summary>
[Collection(CodegenCollection.Name)]
public sealed class DeliveryFaultTests
{
    [Fact]
    public async Task A_server_that_refuses_then_is_down_then_accepts_gets_each_message_exactly_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var smtp = TestSmtpServer.Start();
        smtp.RefuseForNow = true;
        await using var host = await Mail.HostAsync("complaints_mail_faults", new TestClock(ComplaintsApi.Start), smtp);
        await Mail.FillDirectoryAsync(host);
        using var staff = host.StaffClient();
        Guid[] complaints = [await staff.RegisterAsync(), await staff.RegisterAsync()];

        // Refused (452): each registration notice is tried, deferred with the reason, and tried again.
        await AllAsync(staff, complaints, n => n.Status() == "queued" && n["attempts"]!.GetValue<int>() >= 2 && n.Reason().Contains("452"));
        smtp.Received.ShouldBeEmpty();
        // Down: the connection is refused, and they keep waiting.
        await smtp.StopAsync();
        var down = await AllAsync(staff, complaints, n => n.Status() == "queued" && n.Reason().Contains("did not take it")
                                                          && !n.Reason().Contains("452"));
        // Up and accepting: each arrives, once.
        smtp.RefuseForNow = false;
        smtp.Listen();
        var sent = await AllAsync(staff, complaints, n => n.Status() == "sent");
        await Task.Delay(TimeSpan.FromSeconds(3), ct); // room for a duplicate to show up

        sent.Count.ShouldBe(4);
        smtp.Received.Count.ShouldBe(4);
        smtp.Received.Select(m => m.MessageId).Distinct().Count().ShouldBe(4);
        sent.Select(n => n["messageId"]!.GetValue<string>()).ShouldBe(smtp.Received.Select(m => m.MessageId), ignoreOrder: true);
        sent.ShouldAllBe(n => n["attempts"]!.GetValue<int>() >= 4);
        smtp.Refused.ShouldBeGreaterThanOrEqualTo(8);
        down.Count.ShouldBe(4);
    }

    [Fact]
    public async Task Notifications_queued_while_the_server_is_down_survive_a_restart_of_the_engine_and_arrive_once()
    {
        await using var smtp = TestSmtpServer.Start();
        await smtp.StopAsync();
        var clock = new TestClock(ComplaintsApi.Start);
        var connectionString = await TestDatabases.EmptyAsync("complaints_mail_restart");
        Guid id;
        await using (var first = Mail.HostOn(connectionString, clock, smtp))
        {
            await Mail.FillDirectoryAsync(first);
            using var staff = first.StaffClient();
            id = await staff.RegisterAsync();
            await staff.SettledAsync(id, n => n.OfKind("registration").All(r => r["attempts"]!.GetValue<int>() >= 1));
        }

        smtp.Listen();
        await using var second = Mail.HostOn(connectionString, clock, smtp);
        using var again = second.StaffClient();
        var notices = (await again.SettledAsync(id, n => n.OfKind("registration").All(r => r.Status() == "sent"), seconds: 60))
            .OfKind("registration").ToList();
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        notices.ShouldAllBe(n => n.Status() == "sent");
        smtp.Received.Count.ShouldBe(2);
        smtp.Received.Select(m => m.MessageId).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task A_notification_that_cannot_be_delivered_fails_with_its_reason_and_the_command_stands()
    {
        await using var smtp = TestSmtpServer.Start();
        var templates = BrokenEnglishRegistration();
        await using var host = await Mail.HostAsync("complaints_mail_failures", new TestClock(ComplaintsApi.Start), smtp,
            builder => builder.UseSetting("Notifications:TemplateDirectory", templates));
        await Mail.FillDirectoryAsync(host);
        using var staff = host.StaffClient();

        // The closure's address does not exist at the server (550), or is no address at all.
        var refused = await staff.RegisterConfirmedAsync();
        await staff.WalkFromPlanToClosureAsync(refused, planVersion: 1, sentTo: "nobody@example.com");
        var notAnAddress = await staff.RegisterConfirmedAsync();
        await staff.WalkFromPlanToClosureAsync(notAnAddress, planVersion: 1, sentTo: "by registered post");
        // Nobody holds the sales department's head in the directory.
        var registration = Bodies.Registration();
        registration["responsibleDepartment"] = "sales";
        var unstaffed = (await staff.PostJsonAsync("/api/complaints", registration)).ShouldBe(HttpStatusCode.Created).Id;

        (await staff.StatusAsync(refused)).ShouldBe("closed");
        (await staff.StatusAsync(notAnAddress)).ShouldBe("closed");
        var report = (await staff.SettledAsync(refused, Settled("handling-report"))).OfKind("handling-report").Single();
        report.Status().ShouldBe("failed");
        report.Reason().ShouldContain("550");
        (await staff.SettledAsync(notAnAddress, Settled("handling-report"))).OfKind("handling-report").Single()
            .Reason().ShouldBe("the address given at closure (sentTo) is not an email address");
        var notices = (await staff.SettledAsync(unstaffed, Settled("registration"))).OfKind("registration").ToList();
        notices.Single(n => n["addressee"]!.GetValue<string>() == "cn-east/sales/department-head").Reason()
            .ShouldContain("nobody in the directory for cn-east/sales/department-head");
        // The director reads English, whose registration template names something no message has; the head reads Chinese.
        var director = notices.Single(n => n["addressee"]!.GetValue<string>() == "cn-east/customer-service/customer-service-director");
        director.Status().ShouldBe("failed");
        director.Reason().ShouldStartWith("the registration template (en) failed: Undefined variable");
        (await staff.NotificationsAsync(refused)).OfKind("registration")
            .Single(n => n["to"]!.GetValue<string>() == Mail.HeadLiu).Status().ShouldBe("sent");

        // Readiness names the empty entry until an administrator fills it; the engine stays ready meanwhile.
        using var anonymous = host.CreateClient();
        var ready = (await anonymous.GetJsonAsync("/health/ready")).ShouldBe(HttpStatusCode.OK).Body!;
        ready["directoryGaps"]!.AsArray().Select(g => g!.GetValue<string>()).ShouldBe(["cn-east/sales/department-head"]);
        using var admin = host.ClientFor("Admin Ma", "admin");
        await Mail.PutAsync(admin, "cn-east/sales/department-head", new { people = new[] { new { name = "Head Zhou", email = "zhou@example.com" } } });
        (await anonymous.GetJsonAsync("/health/ready")).Body!["directoryGaps"]!.AsArray().ShouldBeEmpty();
    }

    private static Func<System.Text.Json.Nodes.JsonArray, bool> Settled(string kind) =>
        items => items.OfKind(kind).Any() && items.OfKind(kind).All(n => n.Status() != "queued");

    private static async Task<List<System.Text.Json.Nodes.JsonNode>> AllAsync(HttpClient staff, Guid[] complaints,
        Func<System.Text.Json.Nodes.JsonNode, bool> condition)
    {
        var patience = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (true)
        {
            var notices = new List<System.Text.Json.Nodes.JsonNode>();
            foreach (var id in complaints) notices.AddRange((await staff.NotificationsAsync(id)).OfKind("registration"));
            if (notices.All(condition) || DateTime.UtcNow > patience)
            {
                notices.ShouldAllBe(n => condition(n), string.Join("; ", notices.Select(n => n.ToJsonString())));
                return notices;
            }
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The shipped templates, with the English registration notice naming a value no message has.</summary>
    private static string BrokenEnglishRegistration()
    {
        var directory = Directory.CreateTempSubdirectory("complaints-templates-").FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Notifications", "Templates"), "*.liquid",
                     SearchOption.AllDirectories))
        {
            var copy = Path.Combine(directory, Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "Notifications", "Templates"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        var english = Path.Combine(directory, "en", "registration.liquid");
        File.WriteAllText(english, File.ReadAllText(english).Replace("Dear {{ recipients }},", "Dear {{ undefinedThing }},"));
        return directory;
    }
}
