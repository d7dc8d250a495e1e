using static Complaints.Domain.Tests.DeciderSpecification;

namespace Complaints.Domain.Tests;

/// <summary>Owners, notify lists, notes and evidence, changes of course and the short path (procedure §9).</summary>
public sealed partial class ComplaintDeciderTests
{
    private static readonly StaffMember Owner = new("Wang Fang", "wang.fang@example.com");

    [Fact]
    public void Assigning_an_open_complaint_records_its_owner() =>
        Given(History.AwaitingActionPlan)
            .When(new AssignComplaint(Complaint.Id, Owner, "Intake Specialist", Complaint.Now))
            .Then(new ComplaintAssigned(Complaint.Id, Owner, "Intake Specialist", Complaint.Now))
            .AndStatus("awaiting-action-plan");

    [Fact]
    public void Reassigning_to_another_person_replaces_the_owner()
    {
        var state = History.Fold([.. History.AwaitingVerification, Recorded.AssignedTo("Zhou Lei"),
            new ComplaintAssigned(Complaint.Id, Owner, "Intake Specialist", Complaint.Now)]);

        ComplaintDecider.FileOf(state)!.Owner.ShouldBe(Owner);
    }

    [Fact]
    public void Assigning_the_owner_it_already_has_is_refused() =>
        Given([.. History.AwaitingVerification, Recorded.AssignedTo("Wang Fang")])
            .When(new AssignComplaint(Complaint.Id, new StaffMember("WANG FANG", null), "Intake Specialist", Complaint.Now))
            .ThenRefused("awaiting-verification", ComplaintActions.Acknowledge, ComplaintActions.Verify)
            .Message.ShouldContain("already owns");

    [Fact]
    public void Assigning_a_closed_complaint_is_refused() =>
        Given(History.Closed)
            .When(new AssignComplaint(Complaint.Id, Owner, "Intake Specialist", Complaint.Now))
            .ThenRefused("closed", ComplaintActions.RecordSatisfaction, ComplaintActions.RecordFollowUp, ComplaintActions.Reopen);

    [Fact]
    public void The_owner_named_at_registration_owns_the_complaint() =>
        ComplaintDecider.FileOf(History.Fold([Recorded.ReceivedByCustomerService with
        {
            Intake = Complaint.IntakeByCustomerService with { Owner = Owner }
        }]))!.Owner.ShouldBe(Owner);

    [Fact]
    public void Notified_departments_must_sign_besides_the_responsible_one()
    {
        var file = ComplaintDecider.FileOf(History.Fold([Recorded.ReceivedNotifying(Complaint.OtherDepartment, "Finance")]))!;

        file.DepartmentsToSign.ShouldBe([Complaint.ResponsibleDepartment, Complaint.OtherDepartment, "Finance"]);
        file.StillToSign.ShouldBe([Complaint.ResponsibleDepartment, Complaint.OtherDepartment, "Finance"]);
    }

    [Fact]
    public void The_responsible_department_signing_opens_verification_while_a_notified_one_still_has_to_sign() =>
        Given(Recorded.ReceivedNotifying(Complaint.OtherDepartment))
            .When(new AcknowledgeComplaint(Complaint.Id, Complaint.ResponsibleDepartment, "Head of After-Sales", Complaint.Now))
            .Then(new ComplaintAcknowledged(Complaint.Id, Complaint.ResponsibleDepartment, "Head of After-Sales", Complaint.Now,
                new[] { Complaint.OtherDepartment }))
            .AndStatus("awaiting-verification");

    [Fact]
    public void The_last_notified_department_signing_leaves_nobody_to_sign() =>
        Given(Recorded.ReceivedNotifying(Complaint.OtherDepartment), Recorded.AcknowledgedBy(Complaint.ResponsibleDepartment))
            .When(new AcknowledgeComplaint(Complaint.Id, Complaint.OtherDepartment, "Head of Quality", Complaint.Now))
            .Then(new ComplaintAcknowledged(Complaint.Id, Complaint.OtherDepartment, "Head of Quality", Complaint.Now, []))
            .AndStatus("awaiting-verification");

    [Fact]
    public void A_notified_department_may_still_sign_after_verification() =>
        Given(Recorded.ReceivedNotifying(Complaint.OtherDepartment), Recorded.AcknowledgedBy(Complaint.ResponsibleDepartment),
                Recorded.Verified, Recorded.Confirmed)
            .When(new AcknowledgeComplaint(Complaint.Id, Complaint.OtherDepartment, "Head of Quality", Complaint.Now))
            .Then(new ComplaintAcknowledged(Complaint.Id, Complaint.OtherDepartment, "Head of Quality", Complaint.Now, []))
            .AndStatus("awaiting-action-plan");

    [Fact]
    public void A_department_not_asked_to_sign_cannot_sign_after_verification() =>
        Given(History.AwaitingActionPlan)
            .When(new AcknowledgeComplaint(Complaint.Id, "Finance", "Head of Finance", Complaint.Now))
            .ThenRefused("awaiting-action-plan", ComplaintActions.ProposeActionPlan);

    [Fact]
    public void A_note_is_added_to_an_open_complaint() =>
        Given(History.AwaitingExecution)
            .When(new AddNote(Complaint.Id, "Customer asked for a courtesy car", "Intake Specialist", Complaint.Now))
            .Then(new NoteAdded(Complaint.Id, "Customer asked for a courtesy car", "Intake Specialist", Complaint.Now))
            .AndStatus("awaiting-execution");

    [Fact]
    public void A_note_on_a_closed_complaint_is_refused() =>
        Given(History.ClosedAsInvalid)
            .When(new AddNote(Complaint.Id, "Too late", "Intake Specialist", Complaint.Now))
            .ThenRefused("closed-as-invalid", ComplaintActions.Reopen);

    [Fact]
    public void An_attachment_records_its_name_type_size_and_hash()
    {
        var id = Guid.Parse("0193a000-0000-7000-8000-000000000002");
        Given(History.AwaitingVerification)
            .When(new AddAttachment(Complaint.Id, id, "pads.jpg", "image/jpeg", 2048, new string('b', 64), "Worn pads",
                "Head of After-Sales", Complaint.Now))
            .Then(new AttachmentAdded(Complaint.Id, id, "pads.jpg", "image/jpeg", 2048, new string('b', 64), "Worn pads",
                "Head of After-Sales", Complaint.Now));
    }

    [Fact]
    public void An_attachment_beyond_the_limit_per_complaint_is_refused()
    {
        var full = Enumerable.Range(0, ComplaintDecider.MaxAttachments).Select(i => (IComplaintEvent)new AttachmentAdded(
            Complaint.Id, Guid.NewGuid(), $"{i}.jpg", "image/jpeg", 1, new string('c', 64), null, "Intake", Complaint.Earlier));
        var refusal = Should.Throw<CommandNotAllowedException>(() => ComplaintDecider.Decide(
            new AddAttachment(Complaint.Id, Guid.NewGuid(), "one-more.jpg", "image/jpeg", 1, new string('d', 64), null,
                "Intake", Complaint.Now),
            ComplaintDecider.Fold([.. History.AwaitingVerification, .. full])));

        refusal.Message.ShouldContain($"{ComplaintDecider.MaxAttachments} attachments");
        refusal.Status.ShouldBe("awaiting-verification");
        refusal.AllowedActions.ShouldBe([ComplaintActions.Acknowledge, ComplaintActions.Verify, ComplaintActions.Assign,
            ComplaintActions.Reclassify, ComplaintActions.AddNote]);
    }

    [Theory]
    [InlineData(ComplaintDecider.MaxAttachments - 1, true)]
    [InlineData(ComplaintDecider.MaxAttachments, false)]
    public void Adding_a_file_is_offered_only_while_the_complaint_holds_fewer_than_it_may(int held, bool offered)
    {
        var files = Enumerable.Range(0, held).Select(i => (IComplaintEvent)new AttachmentAdded(
            Complaint.Id, Guid.NewGuid(), $"{i}.jpg", "image/jpeg", 1, new string('c', 64), null, "Intake", Complaint.Earlier));

        var allowed = ComplaintDecider.AllowedActions(ComplaintDecider.Fold([.. History.AwaitingVerification, .. files]));

        allowed.Contains(ComplaintActions.AddAttachment).ShouldBe(offered);
        allowed.ShouldContain(ComplaintActions.AddNote);
    }

    [Fact]
    public void Reclassifying_records_the_old_and_the_new_classification() =>
        Given(History.AwaitingVerification)
            .When(new ReclassifyComplaint(Complaint.Id, Severity.A, "product-quality", null, "Injury reported", "Intake", Complaint.Now))
            .Then(new ComplaintReclassified(Complaint.Id,
                new Classification(Severity.B, "repair-workmanship", Complaint.ResponsibleDepartment),
                new Classification(Severity.A, "product-quality", Complaint.ResponsibleDepartment), "Injury reported", "Intake",
                Complaint.Now, []))
            .AndStatus("awaiting-verification");

    [Fact]
    public void A_new_responsible_department_must_sign_afresh()
    {
        var file = ComplaintDecider.FileOf(History.Fold([.. History.AwaitingActionPlan, Recorded.MovedTo(Complaint.OtherDepartment)]))!;

        file.ResponsibleDepartment.ShouldBe(Complaint.OtherDepartment);
        file.StillToSign.ShouldBe([Complaint.OtherDepartment]);
        ComplaintDecider.AllowedActions(History.Fold([.. History.AwaitingActionPlan, Recorded.MovedTo(Complaint.OtherDepartment)]))
            [0].ShouldBe(ComplaintActions.Acknowledge);
    }

    [Fact]
    public void Moving_a_complaint_awaiting_acknowledgement_waits_for_the_new_department() =>
        Given(History.AwaitingAcknowledgement)
            .When(new ReclassifyComplaint(Complaint.Id, null, null, Complaint.OtherDepartment, "Wrong department", "Intake", Complaint.Now))
            .Then(new ComplaintReclassified(Complaint.Id,
                new Classification(Severity.B, "repair-workmanship", Complaint.ResponsibleDepartment),
                new Classification(Severity.B, "repair-workmanship", Complaint.OtherDepartment), "Wrong department", "Intake",
                Complaint.Now, new[] { Complaint.OtherDepartment }))
            .AndStatus("awaiting-acknowledgement");

    [Fact]
    public void A_reclassification_that_changes_nothing_is_invalid_and_names_the_fields() =>
        Given(History.AwaitingVerification)
            .When(new ReclassifyComplaint(Complaint.Id, Severity.B, "REPAIR-WORKMANSHIP", null, "Same", "Intake", Complaint.Now))
            .ThenInvalid().Errors.Keys.ShouldBe(["severity", "category"], ignoreOrder: true);

    [Fact]
    public void Reclassifying_a_closed_complaint_is_refused() =>
        Given(History.Closed)
            .When(new ReclassifyComplaint(Complaint.Id, Severity.A, null, null, "Late", "Intake", Complaint.Now))
            .ThenRefused("closed", ComplaintActions.RecordSatisfaction, ComplaintActions.RecordFollowUp, ComplaintActions.Reopen);

    [Fact]
    public void A_class_D_complaint_settled_at_first_contact_is_closed_at_once() =>
        Given(Recorded.ReceivedAsClassD)
            .When(new SettleAtFirstContact(Complaint.Id, "Apologised and refunded the fee", "Intake", Complaint.Now))
            .Then(new ComplaintSettledAtFirstContact(Complaint.Id, "Apologised and refunded the fee", "Intake", Complaint.Now))
            .AndStatus("closed");

    [Fact]
    public void A_class_B_complaint_cannot_be_settled_at_first_contact() =>
        Given(History.AwaitingAcknowledgement)
            .When(new SettleAtFirstContact(Complaint.Id, "Refunded", "Intake", Complaint.Now))
            .ThenRefused("awaiting-acknowledgement", ComplaintActions.Acknowledge)
            .Message.ShouldContain("class C and D");

    [Fact]
    public void Settling_after_verification_is_refused() =>
        Given(Recorded.ReceivedAsClassD, Recorded.AcknowledgedBy(Complaint.ResponsibleDepartment), Recorded.Verified)
            .When(new SettleAtFirstContact(Complaint.Id, "Refunded", "Intake", Complaint.Now))
            .ThenRefused("awaiting-confirmation", ComplaintActions.Confirm);

    [Fact]
    public void A_class_D_complaint_offers_settling_before_verification() =>
        ComplaintDecider.AllowedActions(History.Fold([Recorded.ReceivedAsClassD]))
            .ShouldBe([ComplaintActions.Acknowledge, ComplaintActions.SettleAtFirstContact, .. ComplaintActions.StaffWork]);
}
