using Complaints.Domain.Deadlines;
using NodaTime;

namespace Complaints.Domain.Workflow;

/// <summary>The intake facts a complaint's clocks are counted on; the rest of the intake no decision needs.</summary>
public sealed record ClockTerms(string Region, Severity Severity, LocalDate RequestedResolutionDate, string ResponsibleDepartment)
{
    public static ClockTerms Of(ComplaintIntake intake) =>
        new(intake.Region, intake.Severity, intake.RequestedResolutionDate, intake.ResponsibleDepartment);

    /// <summary>The terms after <paramref name="event"/>: a reclassification moves the class and the department.</summary>
    public static ClockTerms? After(ClockTerms? terms, IComplaintEvent @event) => @event switch
    {
        ComplaintReceived received => Of(received.Intake),
        ComplaintReclassified reclassified when terms is not null => terms with
        {
            Severity = reclassified.To.Severity, ResponsibleDepartment = reclassified.To.ResponsibleDepartment
        },
        _ => terms
    };
}

/// <summary>
/// Everything the next decision about one complaint needs, and nothing a client is shown for its own sake: where it
/// stands in the procedure, its clocks, the terms they are counted on, and whether its personal data is gone.
/// </summary>
public sealed record WriteState(ComplaintState Procedure, DeadlineBook Deadlines, ClockTerms? Terms, bool PersonalDataErased)
{
    public static WriteState Initial { get; } = new(ComplaintDecider.Initial, DeadlineBook.Empty, null, false);

    public bool IsRegistered => Terms is not null;
}
