using Complaints.Domain.Deadlines;
using Complaints.Domain.Workflow;
using NodaTime;
using static Complaints.Domain.Tests.Workflow.WorkflowSpecification;

namespace Complaints.Domain.Tests.Workflow;

/// <summary>Whom each decision asks the engine to tell (procedure §8), decided with the events that cause it.</summary>
public sealed class NotificationTests
{
    private const string Department = Complaint.ResponsibleDepartment;
    private static readonly Instant Now = Complaint.Now;
    private static readonly ComplaintIntake WithEmail = Complaint.IntakeByCustomerService with
    {
        Customer = new Customer("Li Wei", null, "li.wei@example.com")
    };

    private static readonly Instant D3Due = Complaint.ReceivedAt + Duration.FromHours(1);

    [Fact]
    public void A_class_B_registration_asks_the_department_to_sign_and_tells_the_director() =>
        GivenWith(WarnedRules)
            .When(new RegisterComplaint(Complaint.Id, Complaint.Number, Complaint.IntakeByCustomerService, Now))
            .AndNotifies(
                $"registration to department-head of {Department} for ComplaintReceived",
                "registration to customer-service-director of customer-service for ComplaintReceived");

    [Fact]
    public void A_class_A_registration_also_tells_the_gm_office_and_its_immediate_escalation_reaches_it() =>
        Given()
            .When(new RegisterComplaint(Complaint.Id, Complaint.Number, Complaint.IntakeByCustomerService with { Severity = Severity.A }, Now))
            .AndNotifies([
                $"registration to department-head of {Department} for ComplaintReceived",
                "registration to customer-service-director of customer-service for ComplaintReceived",
                "registration to gm-office of gm-office for ComplaintReceived",
                "escalation to gm-office of gm-office for Escalated to level 4"]);

    [Fact]
    public void A_class_C_registration_tells_only_the_department_that_must_sign() =>
        Given()
            .When(new RegisterComplaint(Complaint.Id, Complaint.Number, Complaint.IntakeByCustomerService with { Severity = Severity.C }, Now))
            .Decision.Notifications.Where(n => n.Kind == NotificationKind.Registration)
            .Select(n => n.To).ShouldBe([new Recipient.Staff("East", Department, EscalationRole.DepartmentHead)]);

    [Fact]
    public void Every_department_the_intake_notifies_gets_the_registration_to_sign() =>
        Given()
            .When(new RegisterComplaint(Complaint.Id, Complaint.Number,
                Complaint.IntakeByCustomerService with { Severity = Severity.C, Notify = ["quality", "finance"] }, Now))
            .Decision.Notifications.Where(n => n.Kind == NotificationKind.Registration)
            .Select(n => n.To).ShouldBe([
                new Recipient.Staff("East", Department, EscalationRole.DepartmentHead),
                new Recipient.Staff("East", "quality", EscalationRole.DepartmentHead),
                new Recipient.Staff("East", "finance", EscalationRole.DepartmentHead)]);

    [Fact]
    public void A_registration_arms_each_clock_for_its_first_warning_at_half_its_time() =>
        GivenWith(WarnedRules)
            .When(new RegisterComplaint(Complaint.Id, Complaint.Number, Complaint.IntakeByCustomerService, Now))
            .AndArms(
                Warning("D3", 50, Complaint.ReceivedAt + Duration.FromMinutes(30)),
                Warning("D4", 50, Complaint.ReceivedAt + Duration.FromMinutes(60)),
                Warning("D6", 50, Complaint.ReceivedAt + Duration.FromHours(4)),
                Warning("D8", 50, Complaint.ReceivedAt + (RequestedDateEnds - Complaint.ReceivedAt) / 2));

    [Fact]
    public void A_warning_timer_records_the_warning_tells_the_owner_and_arms_the_next_warning() =>
        GivenWith(WarnedRules, History.AwaitingAcknowledgement)
            .WhenTimerFires(Warning("D3", 50, Complaint.ReceivedAt + Duration.FromMinutes(30)),
                Complaint.ReceivedAt + Duration.FromMinutes(30))
            .Then("DeadlineWarned D3#1 at 50 %")
            .AndNotifies($"deadline-warning to responsible-person of {Department} for DeadlineWarned D3#1 at 50 %")
            .AndArms(Warning("D3", 80, Complaint.ReceivedAt + Duration.FromMinutes(48)));

    [Fact]
    public void After_the_last_warning_the_clock_waits_for_its_first_escalation_at_the_due_instant() =>
        GivenWith(WarnedRules, [.. History.AwaitingAcknowledgement, Warned("D3", 50, D3Due)])
            .WhenTimerFires(Warning("D3", 80, Complaint.ReceivedAt + Duration.FromMinutes(48)),
                Complaint.ReceivedAt + Duration.FromMinutes(48))
            .Then("DeadlineWarned D3#1 at 80 %")
            .AndArms(Timer("D3", 1, D3Due));

    [Fact]
    public void A_warning_delivered_twice_warns_once() =>
        GivenWith(WarnedRules, [.. History.AwaitingAcknowledgement, Warned("D3", 50, D3Due)])
            .WhenTimerFires(Warning("D3", 50, Complaint.ReceivedAt + Duration.FromMinutes(30)),
                Complaint.ReceivedAt + Duration.FromMinutes(31))
            .Then().AndNotifies().AndArms();

    [Fact]
    public void A_warning_for_a_step_already_done_warns_nobody() =>
        GivenWith(WarnedRules, History.AwaitingVerification)
            .WhenTimerFires(Warning("D3", 50, Complaint.ReceivedAt + Duration.FromMinutes(30)),
                Complaint.ReceivedAt + Duration.FromMinutes(30))
            .Then().AndNotifies().AndArms();

    [Fact]
    public void A_warning_timer_that_fires_late_past_both_warnings_gives_the_later_one_only() =>
        GivenWith(WarnedRules, History.AwaitingAcknowledgement)
            .WhenTimerFires(Warning("D3", 50, Complaint.ReceivedAt + Duration.FromMinutes(30)),
                Complaint.ReceivedAt + Duration.FromMinutes(50))
            .Then("DeadlineWarned D3#1 at 80 %")
            .AndArms(Timer("D3", 1, D3Due));

    [Fact]
    public void A_warning_timer_that_fires_after_the_clock_ran_out_records_the_miss_and_escalates_instead() =>
        GivenWith(WarnedRules, History.AwaitingAcknowledgement)
            .WhenTimerFires(Warning("D3", 50, Complaint.ReceivedAt + Duration.FromMinutes(30)), D3Due)
            .Then("DeadlineMissed D3#1", "Escalated D3#1 to level 1")
            .AndNotifies($"escalation to responsible-person of {Department} for Escalated D3#1 to level 1")
            .AndArms(Timer("D3", 2, D3Due + Duration.FromHours(1)));

    [Fact]
    public void A_warning_timer_that_fires_early_is_armed_again_for_its_moment() =>
        GivenWith(WarnedRules, History.AwaitingAcknowledgement)
            .WhenTimerFires(Warning("D3", 50, Complaint.ReceivedAt + Duration.FromMinutes(30)),
                Complaint.ReceivedAt + Duration.FromMinutes(29))
            .Then()
            .AndArms(Warning("D3", 50, Complaint.ReceivedAt + Duration.FromMinutes(30)));

    [Fact]
    public void Each_escalation_level_goes_to_whoever_holds_it() =>
        Given(History.AwaitingAcknowledgement, Missed("D3", Complaint.ReceivedAt + Duration.FromHours(1)), Escalated("D3", 1),
                Escalated("D3", 2))
            .WhenTimerFires("D3", 3, Complaint.ReceivedAt + Duration.FromHours(3))
            .Then("Escalated D3#1 to level 3")
            .AndNotifies("escalation to customer-service-director of customer-service for Escalated D3#1 to level 3");

    [Fact]
    public void A_missed_clock_escalates_first_to_the_responsible_person_of_the_department() =>
        Given(History.AwaitingAcknowledgement)
            .WhenTimerFires("D3", 1, Complaint.ReceivedAt + Duration.FromHours(1))
            .AndNotifies($"escalation to responsible-person of {Department} for Escalated D3#1 to level 1");

    [Fact]
    public void A_first_contact_by_email_is_emailed_to_a_customer_with_an_address() =>
        Given(new ComplaintReceived(Complaint.Id, Complaint.Number, WithEmail, Complaint.ReceivedAt))
            .When(new RecordCustomerContact(Complaint.Id, Channel.Email, "We are on it", "Intake Zhao", Now, Now))
            .Then("CustomerContacted")
            .AndNotifies("first-contact to the customer for CustomerContacted");

    [Fact]
    public void A_first_contact_by_phone_records_the_call_and_sends_nothing() =>
        Given(new ComplaintReceived(Complaint.Id, Complaint.Number, WithEmail, Complaint.ReceivedAt))
            .When(new RecordCustomerContact(Complaint.Id, Channel.Phone, "Called back", "Intake Zhao", Now, Now))
            .Then("CustomerContacted")
            .AndNotifies();

    [Fact]
    public void A_progress_update_is_emailed_only_while_the_customer_has_an_address()
    {
        Given(History.AwaitingVerification)
            .When(new UpdateCustomer(Complaint.Id, "Parts are ordered", "Intake Zhao", Now))
            .Then("CustomerUpdated").AndNotifies();
        Given(new ComplaintReceived(Complaint.Id, Complaint.Number, WithEmail, Complaint.ReceivedAt))
            .When(new UpdateCustomer(Complaint.Id, "Parts are ordered", "Intake Zhao", Now))
            .AndNotifies("progress-update to the customer for CustomerUpdated");
        Given(new ComplaintReceived(Complaint.Id, Complaint.Number, WithEmail, Complaint.ReceivedAt),
                new PersonalDataErased(Complaint.Id, "Customer asked", "Admin Ma", Complaint.Earlier))
            .When(new UpdateCustomer(Complaint.Id, "Parts are ordered", "Intake Zhao", Now))
            .AndNotifies();
    }

    [Fact]
    public void The_invalidity_decision_and_the_approved_plan_go_to_a_customer_with_an_address()
    {
        Given(new ComplaintReceived(Complaint.Id, Complaint.Number, WithEmail, Complaint.ReceivedAt),
                Recorded.AcknowledgedBy(Department))
            .When(new VerifyComplaint(Complaint.Id, false, "Not our workshop", [], "Head Liu", Now))
            .AndNotifies("invalidity-decision to the customer for ComplaintRejectedAsInvalid");
        Given([new ComplaintReceived(Complaint.Id, Complaint.Number, WithEmail, Complaint.ReceivedAt), .. History.AwaitingPlanApproval[1..]],
                Recorded.PlanApproved(1, Approver.CsLeadership))
            .When(new ReviewActionPlan(Complaint.Id, 1, Approver.GmOffice, true, null, "GM Wang", Now))
            .AndNotifies("action-plan to the customer for ActionPlanSubmittedToCustomer");
    }

    [Fact]
    public void Closing_sends_the_handling_report_to_the_address_given_at_closure() =>
        Given(History.ReadyToClose)
            .When(new CloseComplaint(Complaint.Id, "li.wei@example.com", "Intake Zhao", Now))
            .AndNotifies("handling-report to li.wei@example.com for ComplaintClosed");

    [Fact]
    public void Contacting_the_customer_is_refused_once_the_complaint_is_closed() =>
        Given(History.Closed)
            .When(new RecordCustomerContact(Complaint.Id, Channel.Phone, "Called", "Intake Zhao", Now, Now))
            .ThenRefused().AllowedActions.ShouldBe([ComplaintActions.RecordSatisfaction, ComplaintActions.RecordFollowUp, ComplaintActions.Reopen]);

    [Fact]
    public void A_contact_before_the_complaint_was_received_is_invalid() =>
        Given(History.AwaitingAcknowledgement)
            .When(new RecordCustomerContact(Complaint.Id, Channel.Phone, "Called", "Intake Zhao",
                Complaint.ReceivedAt - Duration.FromMinutes(1), Now))
            .ThenInvalid().Errors.Keys.ShouldBe(["at"]);

    [Fact]
    public void Contacting_the_customer_leaves_the_procedure_where_it_was() =>
        ComplaintWorkflow.Evolve(ComplaintWorkflow.Fold(History.AwaitingAcknowledgement),
                new CustomerContacted(Complaint.Id, Channel.Phone, "Called", "Intake Zhao", Now))
            .Procedure.ShouldBeOfType<ComplaintState.AwaitingAcknowledgement>();

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void A_warning_outside_the_clock_is_not_a_policy(int percent) =>
        Should.Throw<DeadlinePolicyException>(() => DeadlinePolicy.Create("v", [
            new DeadlineRule("D3", "sign", [EventTrigger.Parse("ComplaintReceived")], [EventTrigger.Parse("ComplaintAcknowledged")],
                Duration.FromHours(1), TimeMeasure.ClockTime, false, false,
                [new EscalationStep(EscalationRole.ResponsiblePerson, Duration.Zero)], [percent])
        ], EscalationRole.GmOffice)).Message.ShouldContain("warnings");
}
