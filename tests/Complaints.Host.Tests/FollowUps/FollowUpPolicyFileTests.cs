using System.Text.Json.Nodes;
using Complaints.Domain.Deadlines;
using Complaints.Host.Deadlines;
using Complaints.Host.FollowUps;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.FollowUps;

public sealed class FollowUpPolicyFileTests
{
    private static readonly string Shipped = Path.Combine(AppContext.BaseDirectory, "FollowUps", "policy.json");

    private static readonly DeadlinePolicy Deadlines =
        DeadlinePolicyFile.Load(Path.Combine(AppContext.BaseDirectory, "Deadlines", "policy.json"));

    [Fact]
    public void The_shipped_schedule_is_a_first_visit_then_monthly_for_a_year_then_quarterly_in_the_second()
    {
        var policy = FollowUpPolicyFile.Load(Shipped, Deadlines);

        policy.Contacts.Select(c => c.Rule).ShouldBe(["F1", .. Enumerable.Range(1, 12).Select(m => $"M{m}"), "Q1", "Q2", "Q3", "Q4"]);
        policy.Contacts[0].WorkingDaysAfterClosing.ShouldBe(3);
        policy.Contacts.Skip(1).Select(c => c.MonthsAfterClosing).ShouldBe([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 18, 21, 24]);
        policy.Contacts[12].Description.ShouldBe("Monthly follow-up in the first year (12 of 12)");
        policy.Version.ShouldMatch(@"^2026-12-02\.1#[0-9a-f]{8}$");
    }

    [Fact]
    public void Editing_the_schedule_without_raising_the_version_still_changes_the_recorded_version()
    {
        var edited = Edit(policy => policy["contacts"]![0]!["workingDaysAfterClosing"] = 2);

        FollowUpPolicyFile.Load(edited, Deadlines).Version.ShouldNotBe(FollowUpPolicyFile.Load(Shipped, Deadlines).Version);
    }

    [Theory]
    [InlineData("contacts", 0, "workingDaysAfterClosng", "3", "workingDaysAfterClosng")]
    [InlineData("contacts", 0, "id", "\"D3\"", "Contact D3 has the id of a deadline rule.")]
    [InlineData("contacts", 2, "monthsAfterClosing", "6", "Contact Q1: it must fall due after contact M12.")]
    [InlineData("contacts", 1, "repeat", "{\"everyMonths\":0,\"times\":12}", "Contact M: repeat needs everyMonths")]
    [InlineData("contacts", 0, "ladder", "[]", "Contact F1: its escalation ladder is empty.")]
    public void A_schedule_that_cannot_work_stops_the_start_naming_the_file_and_the_contact(
        string list, int index, string field, string value, string message)
    {
        var broken = Edit(policy => policy[list]![index]![field] = JsonNode.Parse(value));

        var failure = Should.Throw<DeadlinePolicyException>(() => FollowUpPolicyFile.Load(broken, Deadlines));

        failure.Message.ShouldStartWith($"Follow-up policy {broken}: ");
        failure.Message.ShouldContain(message);
    }

    private static string Edit(Action<JsonNode> change) => PolicyFiles.Edit(Shipped, change);
}
