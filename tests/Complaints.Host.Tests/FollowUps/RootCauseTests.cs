using System.Net;
using Complaints.Host.Tests.Infrastructure;
using Npgsql;

namespace Complaints.Host.Tests.FollowUps;

/// <summary>Root-cause categories from the configured list on verification and plan; the free text stays the detail.</summary>
public sealed class RootCauseTests(ComplaintsApi api) : ApiTest(api)
{
    private static object Verification(string? category) => new
    {
        valid = true, findings = "Pads fitted without torque check", responsibleParties = new[] { "Workshop 2" },
        by = "Head Liu", rootCauseCategory = category
    };

    [Fact]
    public async Task The_category_is_stored_in_the_configured_spelling_and_the_plans_wins_in_the_ledger()
    {
        var id = await Client.RegisterAsync();
        await Client.Step(id, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });
        await Client.Step(id, "verification", Verification("Workmanship"));
        await Client.Step(id, "confirmation", new { by = "GM Wang" });
        await Client.Step(id, "action-plans", new
        {
            rootCause = "The checklist skipped the torque step", correctiveActions = "Refit", preventiveActions = "Checklist",
            by = "Head Liu", rootCauseCategory = "process"
        });

        var history = await Client.HistoryAsync(id);
        history.Single(e => e!["type"]!.GetValue<string>() == "ComplaintVerified")!["data"]!["rootCauseCategory"]!
            .GetValue<string>().ShouldBe("workmanship");
        await Api.WaitForReportsAsync();
        var report = (await Client.GetJsonAsync($"/api/complaints/{id}/report")).Body!["report"]!;
        report["plans"]![0]!["rootCauseCategory"]!.GetValue<string>().ShouldBe("process");
        report["plans"]![0]!["rootCause"]!.GetValue<string>().ShouldBe("The checklist skipped the torque step");
        (await LedgerRootCauseAsync(id)).ShouldBe("process");
    }

    [Fact]
    public async Task Without_a_category_the_step_is_recorded_as_before_and_the_ledger_has_none()
    {
        var id = await Client.RegisterAsync();
        await Client.Step(id, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });
        await Client.Step(id, "verification", Verification(null));

        await Api.WaitForReportsAsync();
        (await LedgerRootCauseAsync(id)).ShouldBeNull();
    }

    [Theory]
    [InlineData("verification")]
    [InlineData("action-plans")]
    public async Task A_category_outside_the_list_is_refused_naming_the_field(string step)
    {
        var id = await Client.RegisterConfirmedAsync();
        if (step == "verification") id = await Client.RegisterAsync();
        if (step == "verification") await Client.Step(id, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });
        object body = step == "verification"
            ? Verification("bad luck")
            : new { rootCause = "x", correctiveActions = "y", preventiveActions = "z", by = "Head Liu", rootCauseCategory = "bad luck" };

        var answer = await Client.PostJsonAsync($"/api/complaints/{id}/{step}", body);

        answer.ShouldBe(HttpStatusCode.BadRequest);
        answer.Body!["errors"]!["rootCauseCategory"]![0]!.GetValue<string>().ShouldStartWith("must be one of: workmanship, ");
    }

    private async Task<string?> LedgerRootCauseAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(Api.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var query = new NpgsqlCommand("select root_cause from analytics.ledger where complaint_id = @id", connection);
        query.Parameters.AddWithValue("id", id);
        return await query.ExecuteScalarAsync(TestContext.Current.CancellationToken) as string;
    }
}
