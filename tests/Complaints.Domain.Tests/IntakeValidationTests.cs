using NodaTime;
using NodaTime.Text;

namespace Complaints.Domain.Tests;

public sealed class IntakeValidationTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 2, 0);

    private static readonly IntakeForm CompleteForm = new(
        Severity: "A",
        Category: "product-quality",
        ResponsibleDepartment: "After-Sales Service",
        Region: "East",
        Channel: "in-person",
        Description: "Battery caught fire while charging.",
        CustomerExpectation: "Replace the vehicle.",
        RequestedResolutionDate: "2026-11-30",
        Customer: new CustomerForm("Li Wei", "+86 138 0000 0000", "li.wei@example.com"),
        ReceivedBy: new ReceiverForm("Zhang Min", "Region East", "regional"),
        ReceivedAt: "2026-11-22T01:30:00Z",
        OccurredAt: "2026-11-21T20:15:00+08:00",
        Location: "Hangzhou depot",
        AssetReference: "ZJ-A12345");

    private static readonly IntakeForm EmptyForm =
        new(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    [Fact]
    public void Complete_form_becomes_an_intake()
    {
        var intake = IntakeValidation.Validate(CompleteForm, Categories.Default, Now);

        intake.ShouldBe(new ComplaintIntake(
            Severity.A,
            "product-quality",
            "After-Sales Service",
            "East",
            Channel.InPerson,
            "Battery caught fire while charging.",
            "Replace the vehicle.",
            new LocalDate(2026, 11, 30),
            new Customer("Li Wei", "+86 138 0000 0000", "li.wei@example.com"),
            new Receiver("Zhang Min", "Region East", ReceiverKind.Regional),
            Instant.FromUtc(2026, 11, 22, 1, 30),
            Instant.FromUtc(2026, 11, 21, 12, 15),
            "Hangzhou depot",
            "ZJ-A12345"));
    }

    [Fact]
    public void Empty_form_names_every_mandatory_field() =>
        ErrorsFor(EmptyForm).Keys.ShouldBe(
            [
                "severity", "category", "responsibleDepartment", "region", "channel", "description",
                "customerExpectation", "requestedResolutionDate", "customer", "receivedBy"
            ],
            ignoreOrder: true);

    [Fact]
    public void Unknown_severity_lists_the_severity_classes()
    {
        var errors = ErrorsFor(CompleteForm with { Severity = "E" });

        errors.Keys.ShouldBe(["severity"]);
        errors["severity"].ShouldBe(["must be one of: A, B, C, D"]);
    }

    [Fact]
    public void Unknown_channel_lists_the_channels_by_their_wire_names()
    {
        var errors = ErrorsFor(CompleteForm with { Channel = "pigeon" });

        errors.Keys.ShouldBe(["channel"]);
        errors["channel"].ShouldBe(
            ["must be one of: phone, email, letter, fax, in-person, sms, instant-message, web, social-media"]);
    }

    [Fact]
    public void Customer_without_phone_or_email_is_refused()
    {
        var errors = ErrorsFor(CompleteForm with { Customer = new CustomerForm("Li Wei", " ", null) });

        errors.Keys.ShouldBe(["customer"]);
        errors["customer"].ShouldBe(["needs a phone number or an email address"]);
    }

    [Fact]
    public void Receipt_more_than_five_minutes_in_the_future_is_refused()
    {
        var tooLate = Now + IntakeValidation.AllowedClockSkew + Duration.FromSeconds(1);

        var errors = ErrorsFor(CompleteForm with { ReceivedAt = InstantPattern.ExtendedIso.Format(tooLate), OccurredAt = null });

        errors.Keys.ShouldBe(["receivedAt"]);
        errors["receivedAt"].ShouldBe(["lies in the future"]);
    }

    [Fact]
    public void Receipt_within_the_allowed_clock_skew_is_accepted()
    {
        var skewed = Now + IntakeValidation.AllowedClockSkew;

        IntakeValidation.Validate(CompleteForm with { ReceivedAt = InstantPattern.ExtendedIso.Format(skewed) }, Categories.Default, Now)
            .ReceivedAt.ShouldBe(skewed);
    }

    [Fact]
    public void Omitted_receipt_time_defaults_to_now()
    {
        var intake = IntakeValidation.Validate(
            CompleteForm with { ReceivedAt = null, OccurredAt = null }, Categories.Default, Now);

        intake.ReceivedAt.ShouldBe(Now);
        intake.OccurredAt.ShouldBeNull();
    }

    [Fact]
    public void Unknown_category_lists_the_configured_categories()
    {
        var errors = ErrorsFor(CompleteForm with { Category = "weather" });

        errors.Keys.ShouldBe(["category"]);
        errors["category"].ShouldBe([$"must be one of: {string.Join(", ", Categories.Default)}"]);
    }

    [Fact]
    public void Category_is_stored_in_its_configured_spelling() =>
        IntakeValidation.Validate(CompleteForm with { Category = "Product-Quality" }, Categories.Default, Now)
            .Category.ShouldBe("product-quality");

    [Fact]
    public void Unreadable_receipt_time_is_reported_alone_without_blaming_the_event_time() =>
        ErrorsFor(CompleteForm with { ReceivedAt = "yesterday" }).Keys.ShouldBe(["receivedAt"]);

    private static IReadOnlyDictionary<string, string[]> ErrorsFor(IntakeForm form) =>
        Should.Throw<InvalidCommandException>(() => IntakeValidation.Validate(form, Categories.Default, Now)).Errors;
}
