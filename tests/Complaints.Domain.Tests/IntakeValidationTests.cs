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
        var intake = IntakeValidation.Validate(CompleteForm, Categories.Default, Now, InputBounds.Default);

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
        var tooLate = Now + InputBounds.Default.AllowedClockSkew + Duration.FromSeconds(1);

        var errors = ErrorsFor(CompleteForm with { ReceivedAt = InstantPattern.ExtendedIso.Format(tooLate), OccurredAt = null });

        errors.Keys.ShouldBe(["receivedAt"]);
        errors["receivedAt"].ShouldBe(["lies in the future"]);
    }

    [Fact]
    public void Receipt_within_the_allowed_clock_skew_is_accepted()
    {
        var skewed = Now + InputBounds.Default.AllowedClockSkew;

        IntakeValidation.Validate(CompleteForm with { ReceivedAt = InstantPattern.ExtendedIso.Format(skewed) }, Categories.Default, Now, InputBounds.Default)
            .ReceivedAt.ShouldBe(skewed);
    }

    [Fact]
    public void Omitted_receipt_time_defaults_to_now()
    {
        var intake = IntakeValidation.Validate(
            CompleteForm with { ReceivedAt = null, OccurredAt = null }, Categories.Default, Now, InputBounds.Default);

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
        IntakeValidation.Validate(CompleteForm with { Category = "Product-Quality" }, Categories.Default, Now, InputBounds.Default)
            .Category.ShouldBe("product-quality");

    [Fact]
    public void Unreadable_receipt_time_is_reported_alone_without_blaming_the_event_time() =>
        ErrorsFor(CompleteForm with { ReceivedAt = "yesterday" }).Keys.ShouldBe(["receivedAt"]);

    [Theory]
    [InlineData("1700-01-01T00:00:00Z")]
    [InlineData("1999-12-31T23:59:59Z")]
    [InlineData("-0001-01-01T00:00:00Z")]
    public void Receipt_before_2000_is_refused(string receivedAt)
    {
        var errors = ErrorsFor(CompleteForm with { ReceivedAt = receivedAt, OccurredAt = null });

        errors.Keys.ShouldBe(["receivedAt"]);
        errors["receivedAt"].ShouldBe(["lies before 2000-01-01"]);
    }

    [Fact]
    public void Receipt_at_the_first_instant_of_2000_is_accepted() =>
        IntakeValidation.Validate(CompleteForm with
        {
            ReceivedAt = "2000-01-01T00:00:00Z",
            OccurredAt = null,
            RequestedResolutionDate = "2000-01-15"
        }, Categories.Default, Now, InputBounds.Default)
            .ReceivedAt.ShouldBe(Instant.FromUtc(2000, 1, 1, 0, 0));

    [Fact]
    public void Event_time_before_2000_is_refused() =>
        ErrorsFor(CompleteForm with { OccurredAt = "0001-01-01T00:00:00Z" })["occurredAt"].ShouldBe(["lies before 2000-01-01"]);

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("2031-11-23")]
    public void Requested_date_more_than_five_years_after_receipt_is_refused(string requested) =>
        ErrorsFor(CompleteForm with { RequestedResolutionDate = requested })["requestedResolutionDate"]
            .ShouldBe(["lies more than 5 years after the complaint was received"]);

    [Theory]
    [InlineData("0000-01-01")] // the decider refuses dates before the receipt (ComplaintDeciderTests.Register)
    [InlineData("2026-11-22")]
    [InlineData("2031-11-22")]
    public void Requested_date_up_to_five_years_after_receipt_is_accepted(string requested) =>
        IntakeValidation.Validate(CompleteForm with { RequestedResolutionDate = requested }, Categories.Default, Now,
            InputBounds.Default).RequestedResolutionDate.ShouldBe(LocalDatePattern.Iso.Parse(requested).Value);

    [Fact]
    public void Receipt_in_the_year_9999_is_in_the_future_without_a_horizon_to_count()
    {
        var errors = ErrorsFor(CompleteForm with { ReceivedAt = "9999-12-31T00:00:00Z", OccurredAt = null });

        errors.Keys.ShouldBe(["receivedAt"]);
        errors["receivedAt"].ShouldBe(["lies in the future"]);
    }

    [Fact]
    public void Configured_bounds_replace_the_defaults()
    {
        var strict = InputBounds.Default with
        {
            Earliest = new LocalDate(2026, 11, 22),
            AllowedClockSkew = Duration.Zero,
            ResolutionHorizonYears = 0
        };

        var errors = Should.Throw<InvalidCommandException>(() => IntakeValidation.Validate(
            CompleteForm with { ReceivedAt = "2026-11-21T23:00:00Z", OccurredAt = null }, Categories.Default, Now, strict)).Errors;
        var future = Should.Throw<InvalidCommandException>(() => IntakeValidation.Validate(
            CompleteForm with { ReceivedAt = "2026-11-22T02:00:01Z", OccurredAt = null }, Categories.Default, Now, strict)).Errors;
        var tooLate = Should.Throw<InvalidCommandException>(() => IntakeValidation.Validate(
            CompleteForm with { RequestedResolutionDate = "2026-11-23" }, Categories.Default, Now, strict)).Errors;

        errors["receivedAt"].ShouldBe(["lies before 2026-11-22"]);
        future["receivedAt"].ShouldBe(["lies in the future"]);
        tooLate["requestedResolutionDate"].ShouldBe(["lies more than 0 years after the complaint was received"]);
    }

    public static TheoryData<string> SingleLineFields =>
    [
        "category", "responsibleDepartment", "region", "customer.name", "customer.phone", "customer.email",
        "receivedBy.name", "receivedBy.department", "location", "assetReference"
    ];

    [Theory, MemberData(nameof(SingleLineFields))]
    public void A_single_line_field_with_a_line_break_or_a_tab_is_refused(string field)
    {
        // (An unknown category is also told the list of categories.)
        ErrorsFor(WithField(field, "Li\nWei@example.com"))[field].ShouldContain("must be a single line");
        ErrorsFor(WithField(field, "Li\u2028Wei@example.com"))[field].ShouldContain("must be a single line");
        ErrorsFor(WithField(field, "Li\tWei@example.com"))[field].ShouldContain("contains control characters");
        ErrorsFor(WithField(field, "Li\u0085Wei@example.com"))[field].ShouldContain("contains control characters");
    }

    [Theory, MemberData(nameof(SingleLineFields))]
    public void A_single_line_field_longer_than_200_characters_is_refused(string field) =>
        ErrorsFor(WithField(field, "@" + new string('x', Validator.MaxLineLength)))[field]
            .ShouldContain($"is longer than {Validator.MaxLineLength} characters");

    [Theory]
    [InlineData("description")]
    [InlineData("customerExpectation")]
    public void Free_text_keeps_its_line_breaks_and_tabs_but_not_other_control_characters(string field)
    {
        var intake = IntakeValidation.Validate(WithField(field, "Brake noise:\r\n\t- after the repair"), Categories.Default,
            Now, InputBounds.Default);

        (field == "description" ? intake.Description : intake.CustomerExpectation).ShouldBe("Brake noise:\r\n\t- after the repair");
        ErrorsFor(WithField(field, "Brake\u001bnoise"))[field].ShouldBe(["contains control characters"]);
        ErrorsFor(WithField(field, new string('x', Validator.MaxTextLength + 1)))[field]
            .ShouldBe([$"is longer than {Validator.MaxTextLength} characters"]);
    }

    /// <summary>The complete form with one field, named as in the errors, set to <paramref name="value"/>.</summary>
    private static IntakeForm WithField(string field, string value) => field switch
    {
        "category" => CompleteForm with { Category = value },
        "responsibleDepartment" => CompleteForm with { ResponsibleDepartment = value },
        "region" => CompleteForm with { Region = value },
        "description" => CompleteForm with { Description = value },
        "customerExpectation" => CompleteForm with { CustomerExpectation = value },
        "customer.name" => CompleteForm with { Customer = CompleteForm.Customer! with { Name = value } },
        "customer.phone" => CompleteForm with { Customer = CompleteForm.Customer! with { Phone = value } },
        "customer.email" => CompleteForm with { Customer = CompleteForm.Customer! with { Email = value } },
        "receivedBy.name" => CompleteForm with { ReceivedBy = CompleteForm.ReceivedBy! with { Name = value } },
        "receivedBy.department" => CompleteForm with { ReceivedBy = CompleteForm.ReceivedBy! with { Department = value } },
        "location" => CompleteForm with { Location = value },
        "assetReference" => CompleteForm with { AssetReference = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null)
    };

    [Fact]
    public void A_notify_list_naming_the_responsible_department_is_refused_naming_the_entry()
    {
        var errors = ErrorsFor(CompleteForm with { Notify = ["Quality", "after-sales service"] });

        errors.Keys.ShouldBe(["notify[1]"]);
        errors["notify[1]"].ShouldBe(["names the responsible department, which is informed and signs anyway"]);
    }

    private static IReadOnlyDictionary<string, string[]> ErrorsFor(IntakeForm form) =>
        Should.Throw<InvalidCommandException>(() => IntakeValidation.Validate(form, Categories.Default, Now, InputBounds.Default)).Errors;
}
