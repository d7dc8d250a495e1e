using Complaints.Host.Deadlines;
using Complaints.Host.Tests.Infrastructure;
using Complaints.Host.Tests.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Host.Tests.WebConsole;

/// <summary>
/// The month the console's tests and screenshots look at: <see cref="November"/>'s four complaints and a dozen more
/// across departments, classes and regions, written with the engine's decider and deadline tracker. It stands in for
/// the planned demo-data command (issue 18, item 5): once that command exists, this becomes a call to it for November 2026.
/// </summary>
public static class ConsoleMonth
{
    public const string MaskedCustomer = "Li Wei";

    public static IReadOnlyList<ScriptedComplaint> All(DeadlineSettings settings)
    {
        var month = new List<ScriptedComplaint>(November.All(settings));
        string[] departments = ["maintenance", "sales", "parts", "finance"];
        string[] regions = ["cn-east", "cn-north", "cn-south"];
        string[] severities = ["A", "B", "C", "D"];
        for (var i = 0; i < 12; i++)
        {
            var (day, hour) = (2 + i * 2 % 17, 9 + i % 4);
            var complaint = ScriptedComplaint.Received(settings, $"CP-2026-{month.Count + 1:D6}", November.At(day, hour),
                severity: severities[i % 4], department: departments[i % 4], region: regions[i % 3],
                category: i % 2 == 0 ? "repair-workmanship" : "service-attitude");
            // Every fifth is acknowledged only after D3 fell due and escalated.
            complaint = i % 5 == 4
                ? complaint.Missed("D3", November.At(day, hour + 1)).Acknowledged(November.At(day, hour + 1, 15))
                : complaint.Acknowledged(November.At(day, hour, 30));
            if (i % 3 != 2)
                complaint = complaint.Verified(November.At(day, hour + 1, 30)).Confirmed(November.At(day, hour + 2))
                    .PlanProposed(November.At(day, hour + 3)).PlanApproved(1, November.At(day + 1, 9))
                    .CustomerAnswered(1, accepted: true, November.At(day + 1, 10));
            if (i % 3 == 0)
                complaint = complaint.Closed(November.At(day + 2 + i % 3, 10)).Satisfied(3 + i % 3, November.At(day + 3 + i % 3, 9));
            month.Add(complaint);
        }
        return month;
    }

    /// <summary>Appends the month to the host's store and waits until the reports show it.</summary>
    public static Task RecordAsync(ComplaintsApi api) =>
        November.RecordAsync(api, All(api.Services.GetRequiredService<DeadlineSettings>()));
}
