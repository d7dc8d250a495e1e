using NodaTime;
using static Complaints.Domain.Tests.Workflow.WorkflowSpecification;

namespace Complaints.Domain.Tests.Workflow;

/// <summary>Every command through the workflow: what it records besides the procedure's event, and its timers.</summary>
public sealed class ComplaintWorkflowTests
{
    private static readonly Instant Received = Complaint.ReceivedAt;
    private static readonly Instant Now = Complaint.Now;

    [Fact]
    public void Registration_by_customer_service_starts_its_clocks_and_arms_their_first_timers() =>
        Given()
            .When(new RegisterComplaint(Complaint.Id, Complaint.Number, Complaint.IntakeByCustomerService, Now))
            .Then("ComplaintReceived", "DeadlineSet D3#1", "DeadlineSet D4#1", "DeadlineSet D6#1", "DeadlineSet D8#1")
            .AndArms(
                Timer("D3", 1, Received + Duration.FromHours(1)), Timer("D4", 1, Received + Duration.FromHours(2)),
                Timer("D6", 1, Received + Duration.FromHours(8)), Timer("D8", 1, RequestedDateEnds))
            .AndCancels()
            .AndClocksRunning(true);

    [Fact]
    public void Registration_by_a_regional_receiver_also_arms_the_fifteen_minute_forwarding_timer() =>
        Given()
            .When(new RegisterComplaint(Complaint.Id, Complaint.Number, Complaint.IntakeByRegion, Now))
            .Then("ComplaintReceived", "DeadlineSet D1#1", "DeadlineSet D3#1", "DeadlineSet D4#1", "DeadlineSet D6#1",
                "DeadlineSet D8#1")
            .Decision.Timers.Arm.ShouldContain(Timer("D1", 1, Received + Duration.FromMinutes(15)));

    [Fact]
    public void A_class_A_registration_reaches_the_gm_office_at_once()
    {
        var intake = Complaint.IntakeByCustomerService with { Severity = Severity.A };
        Given()
            .When(new RegisterComplaint(Complaint.Id, Complaint.Number, intake, Now))
            .Then("ComplaintReceived", "DeadlineSet D3#1", "DeadlineSet D4#1", "DeadlineSet D6#1", "DeadlineSet D8#1",
                "Escalated to level 4");
    }

    // 11:59 UTC is 19:59 on 1 December in Shanghai: the customer's 30 November has passed there, though not at UTC-12.
    [Fact]
    public void A_requested_date_before_the_receipt_day_in_the_complaints_region_is_refused()
    {
        var receivedInTheEvening = Complaint.IntakeByCustomerService with { ReceivedAt = Instant.FromUtc(2026, 12, 1, 11, 59) };

        Given()
            .When(new RegisterComplaint(Complaint.Id, Complaint.Number,
                receivedInTheEvening with { RequestedResolutionDate = new LocalDate(2026, 11, 30) }, Now))
            .ThenInvalid().Errors.Keys.ShouldBe(["requestedResolutionDate"]);
        Given()
            .When(new RegisterComplaint(Complaint.Id, Complaint.Number,
                receivedInTheEvening with { RequestedResolutionDate = new LocalDate(2026, 12, 1) }, Now))
            .Then("ComplaintReceived", "DeadlineSet D3#1", "DeadlineSet D4#1", "DeadlineSet D6#1", "DeadlineSet D8#1");
    }

    [Fact]
    public void A_refused_command_decides_nothing() =>
        Given(History.AwaitingAcknowledgement)
            .When(new ConfirmComplaint(Complaint.Id, "GM Wang", Now))
            .ThenRefused().Status.ShouldBe("awaiting-acknowledgement");

    [Fact]
    public void Forwarding_meets_the_forwarding_clock_and_cancels_its_timer()
    {
        var given = Given(History.AwaitingForward);
        given.When(new ForwardComplaint(Complaint.Id, "Customer Service", "Regional Manager", Now))
            .Then("ComplaintForwarded", "DeadlineMet D1#1")
            .AndArms()
            .AndCancels(given.Timer("D1", 1))
            .AndClocksRunning(true);
    }

    [Fact]
    public void The_responsible_departments_acknowledgement_meets_its_clock_and_cancels_its_timer()
    {
        var given = Given(History.AwaitingAcknowledgement);
        given.When(new AcknowledgeComplaint(Complaint.Id, Complaint.ResponsibleDepartment, "Head Liu", Now))
            .Then("ComplaintAcknowledged", "DeadlineMet D3#1")
            .AndArms()
            .AndCancels(given.Timer("D3", 1));
    }

    [Fact]
    public void Another_departments_acknowledgement_leaves_the_timers_alone() =>
        Given(History.AwaitingAcknowledgement)
            .When(new AcknowledgeComplaint(Complaint.Id, Complaint.OtherDepartment, "Head Qian", Now))
            .Then("ComplaintAcknowledged")
            .AndArms()
            .AndCancels();

    [Fact]
    public void Verification_meets_the_verification_clock()
    {
        var given = Given(History.AwaitingVerification);
        given.When(new VerifyComplaint(Complaint.Id, true, "Pads fitted without torque check", ["Workshop 2"], "Head Liu", Now))
            .Then("ComplaintVerified", "DeadlineMet D4#1")
            .AndCancels(given.Timer("D4", 1));
    }

    [Fact]
    public void Finding_the_complaint_invalid_stops_every_clock_and_cancels_every_timer()
    {
        var given = Given(History.AwaitingVerification);
        given.When(new VerifyComplaint(Complaint.Id, false, "Within specification", [], "Head Liu", Now))
            .Then("ComplaintRejectedAsInvalid", "DeadlineMet D4#1", "DeadlineWithdrawn D6#1", "DeadlineMet D8#1")
            .AndArms()
            .AndCancels(given.Timer("D4", 1), given.Timer("D6", 1), given.Timer("D8", 1))
            .AndClocksRunning(false);
    }

    [Fact]
    public void Confirmation_leaves_the_timers_alone() =>
        Given(History.AwaitingConfirmation)
            .When(new ConfirmComplaint(Complaint.Id, "GM Wang", Now))
            .Then("ComplaintConfirmed")
            .AndArms()
            .AndCancels()
            .AndClocksRunning(true);

    [Fact]
    public void Proposing_a_plan_leaves_the_timers_alone() =>
        Given(History.AwaitingActionPlan)
            .When(new ProposeActionPlan(Complaint.Id, "No torque check", "Refit", "Checklist", "Head Liu", Now))
            .Then("CorrectiveActionProposed")
            .AndArms()
            .AndCancels();

    [Fact]
    public void The_first_approval_leaves_the_timers_alone() =>
        Given(History.AwaitingPlanApproval)
            .When(new ReviewActionPlan(Complaint.Id, 1, Approver.CsLeadership, true, null, "Director Chen", Now))
            .Then("ActionPlanApproved")
            .AndArms()
            .AndCancels();

    [Fact]
    public void The_second_approval_puts_the_plan_to_the_customer_and_pauses_the_completion_clock()
    {
        var given = Given(History.AwaitingPlanApproval, Recorded.PlanApproved(1, Approver.CsLeadership));
        given.When(new ReviewActionPlan(Complaint.Id, 1, Approver.GmOffice, true, null, "GM Wang", Now))
            .Then("ActionPlanApproved", "ActionPlanSubmittedToCustomer", "DeadlineMet D6#1", "DeadlineClockPaused D8#1")
            .AndArms()
            .AndCancels(given.Timer("D6", 1), given.Timer("D8", 1))
            .AndClocksRunning(false);
    }

    [Fact]
    public void The_customers_acceptance_resumes_the_completion_clock_and_arms_its_later_timer()
    {
        var given = Given(History.AwaitingCustomerResponse);
        var decision = given.When(new RecordCustomerResponse(Complaint.Id, 1, true, null, Now))
            .Then("CustomerAccepted", "DeadlineClockResumed D8#1")
            .AndCancels()
            .Decision;
        var resumed = decision.Events.OfType<Domain.Deadlines.DeadlineClockResumed>().Single();
        decision.Timers.Arm.ShouldBe([Timer("D8", 1, resumed.DueAt)]);
        resumed.DueAt.ShouldBeGreaterThan(RequestedDateEnds);
    }

    [Fact]
    public void The_customers_rejection_starts_verification_and_planning_again_with_new_timers() =>
        Given(History.AwaitingCustomerResponse)
            .When(new RecordCustomerResponse(Complaint.Id, 1, false, "Not enough", Now))
            .Then("CustomerRejected", "DeadlineClockResumed D8#1", "DeadlineSet D4#2", "DeadlineSet D6#2")
            .Decision.Timers.Arm.ShouldContain(Timer("D4", 1, Now + Duration.FromHours(2), round: 2));

    [Fact]
    public void Reporting_execution_leaves_the_timers_alone() =>
        Given(History.AwaitingExecution)
            .When(new ReportExecution(Complaint.Id, "Pads refitted", "Head Liu", Now))
            .Then("CorrectiveActionsExecuted")
            .AndArms()
            .AndCancels();

    [Fact]
    public void Reviewing_execution_leaves_the_timers_alone() =>
        Given(History.AwaitingExecutionAcceptance)
            .When(new ReviewExecution(Complaint.Id, true, null, "Director Chen", Now))
            .Then("ExecutionAccepted")
            .AndArms()
            .AndCancels();

    [Fact]
    public void Compiling_the_handling_report_leaves_the_timers_alone() =>
        Given(History.AwaitingHandlingReport)
            .When(new CompileHandlingReport(Complaint.Id, "Cause, actions, prevention", "Intake Zhao", Now))
            .Then("HandlingReportCompiled")
            .AndArms()
            .AndCancels();

    [Fact]
    public void Reviewing_the_handling_report_leaves_the_timers_alone() =>
        Given(History.AwaitingReportApproval)
            .When(new ReviewHandlingReport(Complaint.Id, Approver.GmOffice, true, null, "GM Wang", Now))
            .Then("HandlingReportApproved")
            .AndArms()
            .AndCancels();

    [Fact]
    public void Closing_meets_the_completion_clock_and_leaves_no_clock_running()
    {
        var given = Given(History.ReadyToClose);
        given.When(new CloseComplaint(Complaint.Id, "li.wei@example.com", "Intake Zhao", Now))
            .Then("ComplaintClosed", "DeadlineMet D8#1")
            .AndCancels(given.Timer("D8", 1))
            .AndClocksRunning(false);
    }

    [Fact]
    public void Recording_satisfaction_starts_no_clock() =>
        Given(History.Closed)
            .When(new RecordSatisfaction(Complaint.Id, 5, null, Now))
            .Then("SatisfactionRecorded")
            .AndArms()
            .AndCancels()
            .AndClocksRunning(false);

    [Fact]
    public void Reopening_starts_verification_and_planning_again_with_new_timers() =>
        Given(History.Closed)
            .When(new ReopenComplaint(Complaint.Id, "Squeal is back", "Intake Zhao", Now))
            .Then("ComplaintReopened", "DeadlineSet D4#2", "DeadlineSet D6#2")
            .AndArms(Timer("D4", 1, Now + Duration.FromHours(2), round: 2), Timer("D6", 1, Now + Duration.FromHours(8), round: 2))
            .AndCancels()
            .AndClocksRunning(true);

    [Fact]
    public void Erasing_personal_data_is_recorded_once_and_touches_no_clock()
    {
        var erase = new ErasePersonalData(Complaint.Id, "Customer asked", "admin", Now);
        Given(History.AwaitingVerification)
            .When(erase)
            .Then("PersonalDataErased")
            .AndArms()
            .AndCancels()
            .AndClocksRunning(true);
        Given(History.AwaitingVerification, new PersonalDataErased(Complaint.Id, "Customer asked", "admin", Complaint.Earlier))
            .When(erase)
            .Then();
    }
}
