using Complaints.Domain.Deadlines;
using NodaTime;

namespace Complaints.Domain.Workflow;

/// <summary>What a notification tells (procedure §8); each kind has its own template.</summary>
public enum NotificationKind
{
    Registration, DeadlineWarning, Escalation, FirstContact, ProgressUpdate, InvalidityDecision, ActionPlan, HandlingReport
}

/// <summary>Whom a notification is for. The set is closed.</summary>
public abstract record Recipient
{
    private Recipient() { }

    /// <summary>The people the directory lists for <paramref name="Role"/> of a department in a region.</summary>
    public sealed record Staff(string Region, string Department, EscalationRole Role) : Recipient;

    /// <summary>The customer: at <paramref name="Address"/> when one was given (closure), else at the registered email.</summary>
    public sealed record Customer(string? Address) : Recipient;
}

/// <summary>
/// A message to someone outside the engine that a decision asks for, caused by one of the decision's events
/// (<paramref name="Cause"/>): the host records it with that event and delivers it at once. <paramref name="Facts"/>
/// are what its template may show beyond the complaint.
/// </summary>
public sealed record Notification(
    NotificationKind Kind, Recipient To, IComplaintEvent Cause, IReadOnlyDictionary<string, string> Facts)
{
    /// <summary>Tells it apart from the other notifications of the same event.</summary>
    public string Key => To switch
    {
        Recipient.Staff s => $"{WireNames.Of(Kind)}:{s.Department}:{WireNames.Of(s.Role)}:{Facts.GetValueOrDefault(Notices.PercentFact)}",
        _ => WireNames.Of(Kind)
    };
}

/// <summary>Who must hear of a registration: the one place the intake's notify list and the class policy meet.</summary>
public static class Recipients
{
    public const string CustomerService = "customer-service";
    public const string GmOffice = "gm-office";

    /// <summary>
    /// The departments that must read and sign the registration (D3): the responsible department, then those the
    /// intake's notify list names, as the complaint's file counts them (<see cref="ComplaintFile.DepartmentsToSign"/>).
    /// </summary>
    public static IReadOnlyList<string> DepartmentsToSign(ComplaintIntake intake) =>
        [.. intake.NotifiedDepartments.Prepend(intake.ResponsibleDepartment).Distinct(Departments.Comparer)];

    /// <summary>The leaders told of every registration of a class (they read it; they do not sign it).</summary>
    public static IReadOnlyList<EscalationRole> LeadersToTell(Severity severity) => severity switch
    {
        Severity.A => [EscalationRole.CustomerServiceDirector, EscalationRole.GmOffice],
        Severity.B => [EscalationRole.CustomerServiceDirector],
        _ => []
    };

    /// <summary>Where a role sits: the director in customer service, the GM office in its own; the rest in the department.</summary>
    public static Recipient.Staff Holder(string region, string department, EscalationRole role) => role switch
    {
        EscalationRole.CustomerServiceDirector => new(region, CustomerService, role),
        EscalationRole.GmOffice => new(region, GmOffice, role),
        _ => new(region, department, role)
    };
}

/// <summary>The notifications that follow from recorded events: pure, like the rest of the workflow.</summary>
public static class Notices
{
    public const string PercentFact = "percent";

    public static IReadOnlyList<Notification> For(IReadOnlyList<IComplaintEvent> events, ClockTerms terms, DeadlineContext context) =>
        [.. events.SelectMany(e => Of(e, terms, context))];

    private static IEnumerable<Notification> Of(IComplaintEvent e, ClockTerms terms, DeadlineContext context)
    {
        var region = terms.Region;
        switch (e)
        {
            case ComplaintReceived received:
                foreach (var department in Recipients.DepartmentsToSign(received.Intake))
                    yield return new(NotificationKind.Registration, new Recipient.Staff(region, department, EscalationRole.DepartmentHead),
                        e, Facts(("department", department), ("sign", "true")));
                foreach (var leader in Recipients.LeadersToTell(received.Intake.Severity))
                    yield return new(NotificationKind.Registration, Recipients.Holder(region, terms.ResponsibleDepartment, leader),
                        e, Facts(("department", terms.ResponsibleDepartment), ("sign", "false")));
                break;
            case DeadlineWarned warned:
                yield return new(NotificationKind.DeadlineWarning,
                    new Recipient.Staff(region, terms.ResponsibleDepartment, EscalationRole.ResponsiblePerson), e,
                    Facts(("rule", warned.Rule), ("round", $"{warned.Round}"), (PercentFact, $"{warned.Percent}"),
                        ("description", context.Rule(warned.Rule)?.Description ?? warned.Rule), ("dueAt", $"{warned.DueAt}")));
                break;
            case Escalated escalated:
                yield return new(NotificationKind.Escalation,
                    Recipients.Holder(region, escalated.Department ?? terms.ResponsibleDepartment, escalated.To), e,
                    Facts(("rule", escalated.Rule ?? ""), ("level", $"{escalated.Level}"), ("role", WireNames.Of(escalated.To)),
                        ("reason", escalated.Reason)));
                break;
            case CustomerContacted { Channel: Channel.Email } contacted when terms.CustomerHasEmail:
                yield return ToCustomer(NotificationKind.FirstContact, e, ("summary", contacted.Summary));
                break;
            case CustomerUpdated updated when terms.CustomerHasEmail:
                yield return ToCustomer(NotificationKind.ProgressUpdate, e, ("message", updated.Message));
                break;
            case ComplaintRejectedAsInvalid invalid when terms.CustomerHasEmail:
                yield return ToCustomer(NotificationKind.InvalidityDecision, e, ("reason", invalid.Findings));
                break;
            case ActionPlanSubmittedToCustomer submitted when terms.CustomerHasEmail:
                yield return ToCustomer(NotificationKind.ActionPlan, e, ("planVersion", $"{submitted.PlanVersion}"));
                break;
            case ComplaintClosed closed:
                yield return new(NotificationKind.HandlingReport, new Recipient.Customer(closed.SentTo), e, Facts());
                break;
        }
    }

    private static Notification ToCustomer(NotificationKind kind, IComplaintEvent cause, params (string, string)[] facts) =>
        new(kind, new Recipient.Customer(null), cause, Facts(facts));

    private static Dictionary<string, string> Facts(params (string Name, string Value)[] facts) =>
        facts.ToDictionary(f => f.Name, f => f.Value);
}
