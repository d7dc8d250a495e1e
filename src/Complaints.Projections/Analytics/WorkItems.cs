using Complaints.Domain;
using Complaints.Projections.Reporting;
using NodaTime;

namespace Complaints.Projections.Analytics;

/// <summary>One step waiting for someone: whose department, whose person, and by when.</summary>
public sealed record WorkItem(
    Severity Severity, string Step, string Department, string? Owner, string? Rule, Instant? DueAt, bool Missed,
    Instant ReceivedAt);

/// <summary>
/// The open steps of a complaint, for the worklists (procedure §9): its next step for the responsible department,
/// due at the soonest running deadline; and an acknowledgement for each other department that must still sign, due
/// with D3. A closed complaint waits for nobody.
/// </summary>
public static class WorkItems
{
    public const string Acknowledge = "acknowledge";

    public static IReadOnlyList<WorkItem> Of(HandlingReport report)
    {
        if (report.Intake is not { } intake || report.Status is "closed" or "closed-as-invalid") return [];
        var running = report.Deadlines.Where(d => d.MetAt is null && d.WithdrawnAt is null).OrderBy(d => d.DueAt).ToList();
        var next = running.FirstOrDefault();
        var owner = report.Owner?.Name;
        var signing = running.FirstOrDefault(d => d.Rule == "D3");
        return
        [
            new(intake.Severity, report.Status, intake.ResponsibleDepartment, owner, next?.Rule, next?.DueAt,
                next?.Missed ?? false, intake.ReceivedAt),
            .. report.StillToSign
                .Where(d => !Departments.Same(d, intake.ResponsibleDepartment))
                .Select(d => new WorkItem(intake.Severity, Acknowledge, d, owner, signing?.Rule, signing?.DueAt,
                    signing?.Missed ?? false, intake.ReceivedAt))
        ];
    }
}
