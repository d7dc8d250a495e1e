using System.Net;
using Npgsql;
using Complaints.Host.Security;
using Complaints.Host.Tests.Infrastructure;
using Complaints.Host.Tests.Notifications;

namespace Complaints.Host.Tests.Security;

/// <summary>Issue 16's "done when": a customer is found by phone, and no read model or index holds the number (ADR 0040).</summary>
public sealed class SealedReadModelTests(ComplaintsApi api) : ApiTest(api)
{
    private const string Name = "Ouyang Sealed";
    private const string PhoneDigits = "13712349876";
    private const string Email = "ouyang.sealed@example.net";
    private const string SentTo = "ouyang.report@example.net";

    [Fact]
    public async Task Only_the_event_store_holds_the_customer_readably_while_allowed_roles_see_it_and_search_by_phone_finds_it()
    {
        var registration = Bodies.Registration();
        registration["customer"] = new { name = Name, phone = "+86 137 1234 9876", email = Email };
        var id = await Client.RegisterConfirmedAsync(registration);
        await Client.WalkFromPlanToClosureAsync(id, planVersion: 1, sentTo: SentTo);
        var mailed = await Client.SettledAsync(id, n => n.OfKind("handling-report").All(m => m.Status() != "queued"));
        await Api.WaitForReportsAsync();

        (await Api.TablesHoldingAsync([Name, PhoneDigits, "137 1234 9876", Email, SentTo])).ShouldBe(["complaints.mt_events"]);

        var complaint = (await Client.GetJsonAsync($"/api/complaints/{id}")).ShouldBe(HttpStatusCode.OK).Body!;
        complaint["customer"]!["name"]!.GetValue<string>().ShouldBe(Name);
        complaint["customer"]!["phone"]!.GetValue<string>().ShouldBe("+86 137 1234 9876");
        complaint["customer"]!["email"]!.GetValue<string>().ShouldBe(Email);
        var report = (await Client.GetJsonAsync($"/api/complaints/{id}/report")).Body!["report"]!;
        report["intake"]!["customer"]!["phone"]!.GetValue<string>().ShouldBe("+86 137 1234 9876");
        report["closures"]![0]!["sentTo"]!.GetValue<string>().ShouldBe(SentTo);
        report["steps"]!.AsArray().Single(s => s!["step"]!.GetValue<string>() == "closed")!["detail"]!.GetValue<string>()
            .ShouldBe($"report sent to {SentTo}");
        mailed.OfKind("handling-report").Single()["recipients"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe([SentTo]);
        (await Client.GetJsonAsync($"/api/complaints/{id}?version=1")).Body!["customer"]!["email"]!.GetValue<string>().ShouldBe(Email);

        using var analyst = Api.ClientFor("Analyst Wu", Roles.Analyst);
        var masked = (await analyst.GetJsonAsync($"/api/complaints/{id}/report")).Body!["report"]!;
        masked["intake"]!["customer"]!["name"]!.GetValue<string>().ShouldBe("O*****");
        masked["intake"]!["customer"]!["phone"]!.GetValue<string>().ShouldBe("*****9876");
        masked["closures"]![0]!["sentTo"]!.GetValue<string>().ShouldBe("o*****@example.net");

        (await Client.GetJsonAsync($"/api/complaints?phone={PhoneDigits}")).Body!["items"]!.AsArray()
            .Select(i => Guid.Parse(i!["id"]!.GetValue<string>())).ShouldBe([id]);
        (await Client.GetJsonAsync($"/api/complaints?email={Email.ToUpperInvariant()}")).Body!["items"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_view_whose_sealed_contact_cannot_be_opened_is_refused_with_a_problem_not_a_server_error()
    {
        var id = await Client.RegisterAsync();
        await using (var connection = new NpgsqlConnection(Api.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            // As if sealed under another secret: the same prefix, other bytes.
            await using var tamper = new NpgsqlCommand(
                "update complaints.mt_doc_complaintdetails set data = regexp_replace(data::text, " +
                "'sealed:v1:[A-Za-z0-9+/_-]{8}', 'sealed:v1:AAAAAAAA', 'g')::jsonb where id = @id", connection);
            tamper.Parameters.AddWithValue("id", id);
            (await tamper.ExecuteNonQueryAsync(TestContext.Current.CancellationToken)).ShouldBe(1);
        }

        var refused = await Client.GetJsonAsync($"/api/complaints/{id}");

        refused.ShouldBeProblem(HttpStatusCode.Conflict);
        refused.Text("type").ShouldBe(Recorded.ProblemTypes + "personal-data-unreadable");
        refused.Text("detail").ShouldContain("projections rebuild -p ComplaintDetails");
    }
}
