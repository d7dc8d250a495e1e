using System.Net;
using Complaints.Host.Security;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Security;

public sealed class ErasureTests(ComplaintsApi api) : ApiTest(api)
{
    private static readonly string[] PersonalValues =
        ["Ouyang Erasable", "+86 137 1234 9876", "ouyang.e@example.net", "li.wei@example.com"];

    [Fact]
    public async Task An_erased_customer_appears_nowhere_in_the_database_and_history_and_kpis_stay_valid()
    {
        var registration = Bodies.Registration();
        registration["customer"] = new { name = PersonalValues[0], phone = PersonalValues[1], email = PersonalValues[2] };
        var id = await Client.RegisterConfirmedAsync(registration);
        await Client.WalkFromPlanToClosureAsync(id, planVersion: 1); // sends the report to li.wei@example.com
        await Api.WaitForReportsAsync();
        (await Api.TablesHoldingAsync(PersonalValues)).ShouldNotBeEmpty(); // the search finds them before
        var kpis = (await Client.GetJsonAsync("/api/kpis?from=2026-11-01&to=2026-11-30")).Body!.ToJsonString();
        using var admin = Api.ClientFor("Admin Qian", Roles.Admin);

        var version = await Client.VersionAsync(id);
        (await admin.PostJsonAsync($"/api/complaints/{id}/personal-data/erasure", new { reason = "Customer's request of 2026-11-21" },
                Recorded.Header("If-Match", "\"1\""))).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        var erasure = (await admin.PostJsonAsync($"/api/complaints/{id}/personal-data/erasure", new { reason = "Customer's request of 2026-11-21" },
            Recorded.Header("If-Match", $"\"{version}\""))).ShouldBe(HttpStatusCode.OK);
        erasure.Version.ShouldBe(version + 1);
        (await Client.VersionAsync(id)).ShouldBe(erasure.Version);
        await Api.WaitForReportsAsync();

        (await Api.TablesHoldingAsync(PersonalValues)).ShouldBeEmpty();
        var integrity = await admin.GetJsonAsync($"/api/complaints/{id}/integrity");
        integrity.Body!["valid"]!.GetValue<bool>().ShouldBeTrue(integrity.Body.ToJsonString());
        var erased = (await Client.HistoryAsync(id)).Last()!;
        erased.Type().ShouldBe("PersonalDataErased");
        erased["actor"]!.GetValue<string>().ShouldBe("Admin Qian");
        erased["data"]!["reason"]!.GetValue<string>().ShouldBe("Customer's request of 2026-11-21");
        (await Client.GetJsonAsync($"/api/complaints/{id}")).Body!["customer"]!["name"]!.GetValue<string>().ShouldBe("[erased]");
        (await Client.GetJsonAsync($"/api/complaints/{id}/report")).Body!["report"]!["intake"]!["customer"]!["name"]!
            .GetValue<string>().ShouldBe("[erased]");
        using var analyst = Api.ClientFor("Analyst Wu", Roles.Analyst);
        (await analyst.GetJsonAsync($"/api/complaints/{id}/report")).Body!["report"]!["intake"]!["customer"]!["name"]!
            .GetValue<string>().ShouldBe("[erased]");
        (await Client.GetJsonAsync("/api/kpis?from=2026-11-01&to=2026-11-30")).Body!.ToJsonString().ShouldBe(kpis);
    }

    [Fact]
    public async Task An_erasure_blanks_the_notes_and_the_files_names_written_before_it_and_the_chain_still_holds()
    {
        const string phone = "13712349876";
        const string email = "ouyang.e@example.net";
        var registration = Bodies.Registration();
        registration["customer"] = new { name = "Ouyang Erasable", phone, email };
        var id = (await Client.PostJsonAsync("/api/complaints", registration)).ShouldBe(HttpStatusCode.Created).Id;
        await Client.Step(id, "notes", new { text = $"Called back on {phone}, wants the report at {email}", by = "Intake Zhao" });
        (await Client.UploadAsync(id, Uploads.Png, "image/png", $"licence-{phone}.png", $"Sent by {email}"))
            .ShouldBe(HttpStatusCode.OK);
        using var admin = Api.ClientFor("Admin Qian", Roles.Admin);
        (await admin.GetJsonAsync($"/api/complaints/{id}/integrity")).Body!["valid"]!.GetValue<bool>().ShouldBeTrue();

        await admin.Step(id, "personal-data/erasure", new { reason = "Customer's request" });
        await Client.Step(id, "notes", new { text = "Erased at the customer's request", by = "Intake Zhao" });
        await Api.WaitForReportsAsync();

        (await Api.TablesHoldingAsync([phone, email, "licence-"])).ShouldBeEmpty();
        var integrity = await admin.GetJsonAsync($"/api/complaints/{id}/integrity");
        integrity.Body!["valid"]!.GetValue<bool>().ShouldBeTrue(integrity.Body.ToJsonString());
        var complaint = (await Client.GetJsonAsync($"/api/complaints/{id}")).Body!;
        complaint["notes"]!.AsArray().Select(n => n!["text"]!.GetValue<string>())
            .ShouldBe(["[erased]", "Erased at the customer's request"]);
        var attachment = complaint["attachments"]![0]!;
        (attachment["fileName"]!.GetValue<string>(), attachment["description"]!.GetValue<string>()).ShouldBe(("[erased]", "[erased]"));
        var file = await Client.GetAsync($"/api/complaints/{id}/attachments/{attachment["attachmentId"]}", TestContext.Current.CancellationToken);
        (await file.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).ShouldBe(Uploads.Png);
        var report = (await Client.GetJsonAsync($"/api/complaints/{id}/report")).Body!["report"]!;
        report["notes"]![0]!["text"]!.GetValue<string>().ShouldBe("[erased]");
        report["steps"]!.AsArray().Single(s => s!["step"]!.GetValue<string>() == "attachment-added")!["detail"]!
            .GetValue<string>().ShouldStartWith("[erased] (image/png, 16 bytes, sha256 ");
    }

    [Fact]
    public async Task Erasing_twice_records_one_erasure_and_a_missing_reason_or_complaint_is_refused()
    {
        var id = await Client.RegisterAsync();
        using var admin = Api.ClientFor("Admin Qian", Roles.Admin);

        (await admin.PostJsonAsync($"/api/complaints/{id}/personal-data/erasure", new { reason = "Request" })).ShouldBe(HttpStatusCode.OK);
        (await admin.PostJsonAsync($"/api/complaints/{id}/personal-data/erasure", new { reason = "Request" })).ShouldBe(HttpStatusCode.OK);

        (await Client.HistoryAsync(id)).Count(e => e.Type() == "PersonalDataErased").ShouldBe(1);
        (await admin.PostJsonAsync($"/api/complaints/{id}/personal-data/erasure", new { }))
            .ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields().ShouldContain("reason");
        (await admin.PostJsonAsync($"/api/complaints/{Guid.CreateVersion7()}/personal-data/erasure", new { reason = "x" }))
            .ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_erasure_resent_with_its_idempotency_key_gets_its_first_answer_and_another_body_is_refused()
    {
        var id = await Client.RegisterAsync();
        using var admin = Api.ClientFor("Admin Qian", Roles.Admin);
        var key = Recorded.Header("Idempotency-Key", "erase-1");

        var first = (await admin.PostJsonAsync($"/api/complaints/{id}/personal-data/erasure", new { reason = "Request" }, key))
            .ShouldBe(HttpStatusCode.OK);
        await Client.Step(id, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });
        var again = (await admin.PostJsonAsync($"/api/complaints/{id}/personal-data/erasure", new { reason = "Request" }, key))
            .ShouldBe(HttpStatusCode.OK);

        again.Version.ShouldBe(first.Version);
        (await admin.PostJsonAsync($"/api/complaints/{id}/personal-data/erasure", new { reason = "Another" }, key))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        (await Client.HistoryAsync(id)).Count(e => e.Type() == "PersonalDataErased").ShouldBe(1);
    }
}
