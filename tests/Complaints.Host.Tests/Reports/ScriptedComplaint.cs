using Complaints.Domain;
using Complaints.Domain.Deadlines;
using Complaints.Domain.Workflow;
using Complaints.Host.Complaints;
using Complaints.Host.Complaints.Writing;
using Complaints.Host.Deadlines;
using Marten;
using NodaTime;

namespace Complaints.Host.Tests.Reports;

/// <summary>
/// A complaint's history written at chosen instants by the engine's own decider and deadline tracker, as the
/// command pipeline would record it, with missed deadlines as the deadline watch would record them. Appended
/// straight to the store (sealed into its hash chain like every engine write), so no real timer can add to it while a test counts.
/// </summary>
public sealed class ScriptedComplaint
{
    private readonly DeadlineContext context;
    private ComplaintState state = ComplaintDecider.Initial;
    private DeadlineBook book = DeadlineBook.Empty;
    private readonly List<Recorded> events = [];

    private ScriptedComplaint(Guid id, DeadlineContext context)
    {
        Id = id;
        this.context = context;
    }

    public Guid Id { get; }

    public static ScriptedComplaint Received(DeadlineSettings settings, string number, Instant at, string severity = "B",
        string department = "maintenance", string category = "repair-workmanship", string region = "cn-east")
    {
        var id = Guid.CreateVersion7();
        var intake = new ComplaintIntake(WireNames.TryParse<Severity>(severity, out var s) ? s : throw new ArgumentException(severity),
            category, department, region, Channel.Phone, "Brake noise after repair", "Repair it again",
            new LocalDate(2026, 12, 31), new Customer("Li Wei", "+86 138 0000 0000", null),
            new Receiver("Zhang San", "customer-service", ReceiverKind.CustomerService), at, null, null, null);
        var complaint = new ScriptedComplaint(id, settings.Rules.ContextFor(id, ClockTerms.Of(intake)));
        return complaint.Do(new RegisterComplaint(id, number, intake, at));
    }

    public ScriptedComplaint Do(ComplaintCommand command)
    {
        var decided = ComplaintDecider.Decide(command, state);
        return Record([.. decided, .. DeadlineTracker.React(book, decided, context)],
            (command as IPerformedBy)?.By ?? CommandContext.Customer, command.At);
    }

    /// <summary>The deadline watch's first-level timer for the rule's open deadline fires at <paramref name="at"/>.</summary>
    public ScriptedComplaint Missed(string rule, Instant at)
    {
        var deadline = book.Open(rule) ?? throw new InvalidOperationException($"{rule} is not open");
        var escalation = DeadlineTracker.Escalate(book, rule, deadline.Round, 1, at, context);
        if (escalation.Count == 0) throw new InvalidOperationException($"{rule} is not due at {at}");
        return Record(escalation, DeadlineWatch.Actor, at);
    }

    public ScriptedComplaint Acknowledged(Instant at) => Do(new AcknowledgeComplaint(Id, context.ResponsibleDepartment, "Head Liu", at));

    public ScriptedComplaint Verified(Instant at, bool valid = true) =>
        Do(new VerifyComplaint(Id, valid, valid ? "Confirmed" : "Not our vehicle", ["Workshop 2"], "Head Liu", at));

    public ScriptedComplaint Confirmed(Instant at) => Do(new ConfirmComplaint(Id, "GM Wang", at));

    public ScriptedComplaint PlanProposed(Instant at) =>
        Do(new ProposeActionPlan(Id, "Worn pads", "Replace pads", "Check pads at every service", "Head Liu", at));

    /// <summary>Both approvals, so the plan goes to the customer at <paramref name="at"/>.</summary>
    public ScriptedComplaint PlanApproved(int version, Instant at) =>
        Do(new ReviewActionPlan(Id, version, Approver.CsLeadership, true, null, "Director Chen", at))
            .Do(new ReviewActionPlan(Id, version, Approver.GmOffice, true, null, "GM Wang", at));

    public ScriptedComplaint CustomerAnswered(int version, bool accepted, Instant at) =>
        Do(new RecordCustomerResponse(Id, version, accepted, accepted ? null : "Not enough", at));

    /// <summary>Executed, accepted, reported, the report approved, and closed, all at <paramref name="at"/>.</summary>
    public ScriptedComplaint Closed(Instant at) =>
        Do(new ReportExecution(Id, "Pads replaced", "Head Liu", at))
            .Do(new ReviewExecution(Id, true, null, "Director Chen", at))
            .Do(new CompileHandlingReport(Id, "Resolved", "Zhang San", at))
            .Do(new ReviewHandlingReport(Id, Approver.CsLeadership, true, null, "Director Chen", at))
            .Do(new ReviewHandlingReport(Id, Approver.GmOffice, true, null, "GM Wang", at))
            .Do(new CloseComplaint(Id, "li.wei@example.com", "Zhang San", at));

    public ScriptedComplaint Satisfied(int score, Instant at) => Do(new RecordSatisfaction(Id, score, null, at));

    public ScriptedComplaint Reopened(Instant at) => Do(new ReopenComplaint(Id, "Noise is back", "Zhang San", at));

    public async Task AppendAsync(IDocumentStore store)
    {
        await using var session = store.LightweightSession();
        ComplaintAppender.AppendSealed(session, new HeldStream(Id, 0, null, null), events);
        await session.SaveChangesAsync();
    }

    private ScriptedComplaint Record(IReadOnlyList<IComplaintEvent> happened, string actor, Instant at)
    {
        foreach (var e in happened)
        {
            state = ComplaintDecider.Evolve(state, e);
            book = book.Evolve(e);
        }
        events.AddRange(happened.Select(e => new Recorded(e, actor, at)));
        return this;
    }
}
