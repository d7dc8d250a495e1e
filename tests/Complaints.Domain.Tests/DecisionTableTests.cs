namespace Complaints.Domain.Tests;

/// <summary>Every command in every reachable state: decided exactly when the state lists it as allowed.</summary>
public sealed class DecisionTableTests
{
    private static readonly IReadOnlyDictionary<string, IComplaintEvent[]> States = new Dictionary<string, IComplaintEvent[]>
    {
        ["unregistered"] = [],
        ["awaiting-forward"] = History.AwaitingForward,
        ["awaiting-acknowledgement"] = History.AwaitingAcknowledgement,
        ["awaiting-acknowledgement after forward"] = [.. History.AwaitingForward, Recorded.Forwarded],
        ["awaiting-acknowledgement after another department"] =
            [.. History.AwaitingAcknowledgement, Recorded.AcknowledgedBy(Complaint.OtherDepartment)],
        ["awaiting-verification"] = History.AwaitingVerification,
        ["awaiting-verification after customer rejection"] =
            [.. History.AwaitingCustomerResponse, Recorded.CustomerRejectedPlan(1)],
        ["awaiting-confirmation"] = History.AwaitingConfirmation,
        ["closed-as-invalid"] = History.ClosedAsInvalid,
        ["awaiting-action-plan"] = History.AwaitingActionPlan,
        ["awaiting-action-plan after plan rejection"] =
            [.. History.AwaitingPlanApproval, Recorded.PlanRejected(1, Approver.CsLeadership)],
        ["awaiting-plan-approval"] = History.AwaitingPlanApproval,
        ["awaiting-plan-approval after cs-leadership approved"] =
            [.. History.AwaitingPlanApproval, Recorded.PlanApproved(1, Approver.CsLeadership)],
        ["awaiting-plan-approval after gm-office approved"] =
            [.. History.AwaitingPlanApproval, Recorded.PlanApproved(1, Approver.GmOffice)],
        ["awaiting-plan-approval of a revision"] =
        [
            .. History.AwaitingPlanApproval,
            Recorded.PlanRejected(1, Approver.GmOffice),
            Recorded.PlanProposed(2)
        ],
        ["awaiting-customer-response"] = History.AwaitingCustomerResponse,
        ["awaiting-execution"] = History.AwaitingExecution,
        ["awaiting-execution after execution rejection"] =
            [.. History.AwaitingExecutionAcceptance, Recorded.ExecutionRejectedByDirector],
        ["awaiting-execution-acceptance"] = History.AwaitingExecutionAcceptance,
        ["awaiting-handling-report"] = History.AwaitingHandlingReport,
        ["awaiting-handling-report after report rejection"] =
            [.. History.AwaitingReportApproval, Recorded.ReportRejected(Approver.GmOffice)],
        ["awaiting-report-approval"] = History.AwaitingReportApproval,
        ["awaiting-report-approval after gm-office approved"] =
            [.. History.AwaitingReportApproval, Recorded.ReportApproved(Approver.GmOffice)],
        ["ready-to-close"] = History.ReadyToClose,
        ["closed"] = History.Closed,
        ["closed with satisfaction recorded"] = History.ClosedWithSatisfaction,
        ["closed with a follow-up that reports recurrence"] = [.. History.Closed, Recorded.FollowedUp(recurred: true)],
        ["awaiting-verification after reopen"] = [.. History.ClosedWithSatisfaction, Recorded.Reopened],
        ["awaiting-verification after reopen of an invalid complaint"] = [.. History.ClosedAsInvalid, Recorded.Reopened],
        ["closed again after reopen"] = History.ClosedAgainAfterReopen,
        ["awaiting-acknowledgement of a class D complaint"] = [Recorded.ReceivedAsClassD],
        ["awaiting-verification of a class D complaint"] =
            [Recorded.ReceivedAsClassD, Recorded.AcknowledgedBy(Complaint.ResponsibleDepartment)],
        ["closed after settling at first contact"] =
            [Recorded.ReceivedAsClassD, new ComplaintSettledAtFirstContact(Complaint.Id, "Refunded", "Intake", Complaint.Earlier)],
        ["awaiting-verification while a notified department has not signed"] =
            [Recorded.ReceivedNotifying(Complaint.OtherDepartment), Recorded.AcknowledgedBy(Complaint.ResponsibleDepartment)],
        ["awaiting-action-plan with an owner"] = [.. History.AwaitingActionPlan, Recorded.AssignedTo("Wang Fang")],
        ["awaiting-action-plan after moving to another department"] =
            [.. History.AwaitingActionPlan, Recorded.MovedTo(Complaint.OtherDepartment)]
    };

    private static readonly IReadOnlyDictionary<string, Func<ComplaintState, ComplaintCommand>> Commands =
        new Dictionary<string, Func<ComplaintState, ComplaintCommand>>
        {
            [ComplaintActions.Register] = _ =>
                new RegisterComplaint(Complaint.Id, Complaint.Number, Complaint.IntakeByCustomerService, Complaint.Now),
            [ComplaintActions.Forward] = _ =>
                new ForwardComplaint(Complaint.Id, "Customer Service", "Regional Manager East", Complaint.Now),
            [ComplaintActions.Acknowledge] = state =>
                new AcknowledgeComplaint(Complaint.Id, DepartmentYetToAcknowledge(state), "Department Head", Complaint.Now),
            [ComplaintActions.Verify] = _ =>
                new VerifyComplaint(Complaint.Id, true, "Facts checked", ["Workshop Hangzhou"], "Head of After-Sales",
                    Complaint.Now),
            [ComplaintActions.Confirm] = _ => new ConfirmComplaint(Complaint.Id, "GM Office", Complaint.Now),
            [ComplaintActions.ProposeActionPlan] = _ =>
                new ProposeActionPlan(Complaint.Id, "Root cause", "Correct", "Prevent", "Head of After-Sales", Complaint.Now),
            [ComplaintActions.ReviewActionPlan] = state =>
                new ReviewActionPlan(Complaint.Id, PlanVersionOf(state), PlanApproverYetToApprove(state), true, null,
                    "Approver", Complaint.Now),
            [ComplaintActions.RespondToActionPlan] = state =>
                new RecordCustomerResponse(Complaint.Id, PlanVersionOf(state), true, null, Complaint.Now),
            [ComplaintActions.ReportExecution] = _ =>
                new ReportExecution(Complaint.Id, "Done", "Head of After-Sales", Complaint.Now),
            [ComplaintActions.ReviewExecution] = _ =>
                new ReviewExecution(Complaint.Id, true, null, "Customer Service Director", Complaint.Now),
            [ComplaintActions.CompileHandlingReport] = _ =>
                new CompileHandlingReport(Complaint.Id, "Report", "Intake Specialist", Complaint.Now),
            [ComplaintActions.ReviewHandlingReport] = state =>
                new ReviewHandlingReport(Complaint.Id, ReportApproverYetToApprove(state), true, null, "Approver",
                    Complaint.Now),
            [ComplaintActions.Close] = _ =>
                new CloseComplaint(Complaint.Id, "li.wei@example.com", "Intake Specialist", Complaint.Now),
            [ComplaintActions.RecordSatisfaction] = _ => new RecordSatisfaction(Complaint.Id, 4, null, Complaint.Now),
            [ComplaintActions.Reopen] = _ => new ReopenComplaint(Complaint.Id, "Recurred", "Intake Specialist", Complaint.Now),
            [ComplaintActions.SettleAtFirstContact] = _ =>
                new SettleAtFirstContact(Complaint.Id, "Replaced the wiper on the spot", "Intake Specialist", Complaint.Now),
            [ComplaintActions.Assign] = _ =>
                new AssignComplaint(Complaint.Id, new StaffMember("Zhou Lei", "zhou.lei@example.com"), "Intake Specialist", Complaint.Now),
            [ComplaintActions.Reclassify] = _ =>
                new ReclassifyComplaint(Complaint.Id, Severity.A, null, null, "Injury reported", "Intake Specialist", Complaint.Now),
            [ComplaintActions.AddNote] = _ => new AddNote(Complaint.Id, "Customer called back", "Intake Specialist", Complaint.Now),
            [ComplaintActions.AddAttachment] = _ => new AddAttachment(Complaint.Id, Guid.Parse("0193a000-0000-7000-8000-000000000001"),
                "brakes.jpg", "image/jpeg", 1024, new string('a', 64), null, "Intake Specialist", Complaint.Now),
            [ComplaintActions.RecordFollowUp] = _ => new RecordFollowUp(Complaint.Id, FollowUpOutcome.Unreachable, null, false,
                null, "Intake Specialist", Complaint.Now)
        };

    public static TheoryData<string, string> StatesAndCommands => Table(allowedOnly: false);

    public static TheoryData<string, string> AllowedStatesAndCommands => Table(allowedOnly: true);

    [Fact]
    public void Table_covers_every_published_status()
    {
        var statuses = States.Values.Select(events => ComplaintDecider.StatusOf(History.Fold(events))).Distinct();

        // The ledger filter accepts exactly the published statuses, so they must be exactly the reachable ones.
        statuses.ShouldBe(ComplaintDecider.Statuses, ignoreOrder: true);
    }

    [Fact]
    public void Table_covers_every_command_kind()
    {
        var actions = typeof(ComplaintActions)
            .GetFields()
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!);

        Commands.Keys.ShouldBe(actions, ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(StatesAndCommands))]
    public void Command_is_decided_exactly_when_the_state_allows_it(string stateName, string commandName)
    {
        var state = History.Fold(States[stateName]);
        var command = Commands[commandName](state);
        var allowed = ComplaintDecider.AllowedActions(state);

        ComplaintActions.Of(command).ShouldBe(commandName);
        if (allowed.Contains(commandName))
        {
            ComplaintDecider.Decide(command, state).ShouldNotBeEmpty();
            return;
        }
        var refusal = Should.Throw<CommandNotAllowedException>(() => ComplaintDecider.Decide(command, state));
        refusal.Status.ShouldBe(ComplaintDecider.StatusOf(state));
        refusal.AllowedActions.ShouldBe(allowed);
    }

    [Theory]
    [MemberData(nameof(AllowedStatesAndCommands))]
    public void Every_decided_event_moves_the_state(string stateName, string commandName)
    {
        var state = History.Fold(States[stateName]);

        foreach (var @event in ComplaintDecider.Decide(Commands[commandName](state), state))
        {
            var next = ComplaintDecider.Evolve(state, @event);
            next.ShouldNotBeSameAs(state, $"{@event.GetType().Name} was ignored in {ComplaintDecider.StatusOf(state)}");
            state = next;
        }
    }

    private static TheoryData<string, string> Table(bool allowedOnly)
    {
        var rows = new TheoryData<string, string>();
        foreach (var (stateName, events) in States)
        {
            var allowed = ComplaintDecider.AllowedActions(History.Fold(events));
            foreach (var commandName in Commands.Keys.Where(name => !allowedOnly || allowed.Contains(name)))
                rows.Add(stateName, commandName);
        }
        return rows;
    }

    /// <summary>A department that must still sign; else a department no history has signed for.</summary>
    private static string DepartmentYetToAcknowledge(ComplaintState state) =>
        ComplaintDecider.FileOf(state)?.StillToSign is [var department, ..] ? department : "Finance";

    private static int PlanVersionOf(ComplaintState state) => state switch
    {
        ComplaintState.AwaitingPlanApproval s => s.PlanVersion,
        ComplaintState.AwaitingCustomerResponse s => s.PlanVersion,
        _ => 1
    };

    private static Approver PlanApproverYetToApprove(ComplaintState state) =>
        state is ComplaintState.AwaitingPlanApproval s && s.ApprovedBy.Contains(Approver.CsLeadership)
            ? Approver.GmOffice
            : Approver.CsLeadership;

    private static Approver ReportApproverYetToApprove(ComplaintState state) =>
        state is ComplaintState.AwaitingReportApproval s && s.ApprovedBy.Contains(Approver.CsLeadership)
            ? Approver.GmOffice
            : Approver.CsLeadership;
}
