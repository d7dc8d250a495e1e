using Complaints.Domain;
using Complaints.Projections.Reporting;
using NodaTime;

namespace Complaints.Projections.Analytics;

/// <summary>
/// One step waiting for someone: whose department, whose person, and by when; <see cref="Role"/>: the role whose step it
/// is (the responsible department's, the GM office's, customer-service leadership's or intake's).
/// </summary>
public sealed record WorkItem(
    Severity Severity, string Step, string Department, string? Owner, string? Rule, Instant? DueAt, bool Missed,
    Instant ReceivedAt, string Role);

/// <summary>
/// The open steps of a complaint, for the worklists (procedure §9): its next step for whoever takes it, due at the
/// soonest running deadline; and an acknowledgement for each other department that must still sign, due
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
            .. RolesOf(report).Select(role => new WorkItem(intake.Severity, report.Status, intake.ResponsibleDepartment,
                owner, next?.Rule, next?.DueAt, next?.Missed ?? false, intake.ReceivedAt, role)),
            .. report.StillToSign
                .Where(d => !Departments.Same(d, intake.ResponsibleDepartment))
                .Select(d => new WorkItem(intake.Severity, Acknowledge, d, owner, signing?.Rule, signing?.DueAt,
                    signing?.Missed ?? false, intake.ReceivedAt, DepartmentRole))
        ];
    }

    public const string DepartmentRole = "department";
    public const string IntakeRole = "intake";

    /// <summary>
    /// Whose the step is, by the policy its command needs (docs/security.md); an approval waits for each approver who
    /// has not approved yet, so the GM office and leadership each find it in their list.
    /// </summary>
    private static IEnumerable<string> RolesOf(HandlingReport report) => report.Status switch
    {
        "awaiting-confirmation" => [WireNames.Of(Approver.GmOffice)],
        "awaiting-plan-approval" => StillToApprove(report.Plans.LastOrDefault()?.Approvals),
        "awaiting-execution-acceptance" => [WireNames.Of(Approver.CsLeadership)],
        "awaiting-report-approval" => StillToApprove(report.HandlingReports.LastOrDefault()?.Approvals),
        "awaiting-customer-response" or "awaiting-handling-report" or "ready-to-close" => [IntakeRole],
        _ => [DepartmentRole]
    };

    private static IEnumerable<string> StillToApprove(IReadOnlyList<ReportApproval>? approvals) =>
        Enum.GetValues<Approver>().Where(a => approvals?.Any(x => x.Approver == a && x.Approved) != true).Select(WireNames.Of);
}
