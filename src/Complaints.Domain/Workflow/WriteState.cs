using Complaints.Domain.Deadlines;
using NodaTime;

namespace Complaints.Domain.Workflow;

/// <summary>
/// The intake facts a complaint's clocks are counted on and its notifications addressed by; the rest of the intake no
/// decision needs. Whether the customer gave an email address decides which customer notifications are sent; the
/// address itself stays out of the write state.
/// </summary>
public sealed record ClockTerms(
    string Region, Severity Severity, LocalDate RequestedResolutionDate, string ResponsibleDepartment, Instant ReceivedAt,
    bool CustomerHasEmail)
{
    public static ClockTerms Of(ComplaintIntake intake) =>
        new(intake.Region, intake.Severity, intake.RequestedResolutionDate, intake.ResponsibleDepartment,
            intake.ReceivedAt, intake.Customer.Email is not null);

    /// <summary>
    /// The terms after <paramref name="event"/>: a reclassification moves the class and the department; an erasure
    /// leaves no address to write to.
    /// </summary>
    public static ClockTerms? After(ClockTerms? terms, IComplaintEvent @event) => @event switch
    {
        ComplaintReceived received => Of(received.Intake),
        ComplaintReclassified reclassified when terms is not null => terms with
        {
            Severity = reclassified.To.Severity,
            ResponsibleDepartment = reclassified.To.ResponsibleDepartment
        },
        PersonalDataErased when terms is not null => terms with { CustomerHasEmail = false },
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
