using Complaints.Domain.Calendars;
using Complaints.Domain.Workflow;

namespace Complaints.Domain.Deadlines;

/// <summary>
/// The deadline policy in force, the follow-up schedule after closing (none: no follow-up clocks) and the business
/// calendar of each region: what every clock is counted with.
/// </summary>
public sealed record DeadlineRules(DeadlinePolicy Policy, Func<string, BusinessCalendar> CalendarFor, FollowUpPolicy? FollowUps = null)
{
    public DeadlineContext ContextFor(Guid complaintId, ClockTerms terms) =>
        new(complaintId, Policy, CalendarFor(terms.Region), terms.Severity, terms.RequestedResolutionDate,
            terms.ResponsibleDepartment, FollowUps);
}
