using NodaTime;

namespace Complaints.Domain.Tests;

/// <summary>The field rules every command body and query goes through.</summary>
public sealed class ValidatorTests
{
    [Fact]
    public void A_list_of_lines_names_the_entry_at_fault_and_refuses_more_than_fifty_entries()
    {
        var v = new Validator();

        var parties = v.Lines(["Workshop 2", "Work\nshop 3", .. Enumerable.Repeat("Workshop 4", Validator.MaxListLength)], "responsibleParties");

        parties.Count.ShouldBe(Validator.MaxListLength);
        v.Errors["responsibleParties"].ShouldBe([$"may hold at most {Validator.MaxListLength} entries"]);
        v.Errors["responsibleParties[1]"].ShouldBe(["must be a single line"]);
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData(" \uFEFF ")]
    [InlineData("\u2060")]
    [InlineData("\U000E0041\U000E0042")] // tag characters, written as surrogate pairs
    public void Text_of_only_invisible_characters_is_missing(string value)
    {
        var v = new Validator();

        v.Line(value, "by");
        v.OptionalText(value, "comment").ShouldBeNull();

        v.Errors["by"].ShouldContain("is required");
        Validator.IsBlank(value).ShouldBeTrue();
    }

    [Theory]
    [InlineData("Wang\u202EFang")]
    [InlineData("Wang\u200BFang")]
    [InlineData("\uFEFFWang Fang")]
    [InlineData("Wang\u2066Fang\u2069")]
    [InlineData("Wang\U000E0041Fang")]
    public void Invisible_formatting_that_disguises_text_is_refused(string value)
    {
        var v = new Validator();

        v.Line(value, "name");
        v.Text(value, "description");

        v.Errors["name"].ShouldBe(["contains invisible formatting characters (such as U+200B, U+FEFF or U+202E)"]);
        v.Errors.Keys.ShouldBe(["name", "description"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("👨\u200D🔧 mechanic")]
    [InlineData("می\u200Cخواهم")]
    [InlineData("Kühl\u00ADschrank")]
    public void Joiners_and_soft_hyphens_real_text_needs_are_kept(string value)
    {
        var v = new Validator();

        v.Line(value, "name").ShouldBe(value);

        v.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void A_missing_list_is_required_and_an_empty_one_is_not()
    {
        var v = new Validator();

        v.Lines(null, "responsibleParties");
        v.Lines([], "others");

        v.Errors.Keys.ShouldBe(["responsibleParties"]);
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1999-12-31")]
    [InlineData("2101-01-01")]
    [InlineData("9999-12-31")]
    public void A_query_date_outside_the_window_names_the_window(string date)
    {
        var v = new Validator();

        v.Date(date, "from", InputBounds.Default);

        v.Errors["from"].ShouldBe(["must lie between 2000-01-01 and 2100-12-31"]);
    }

    [Theory]
    [InlineData("2000-01-01", 2000, 1, 1)]
    [InlineData("2100-12-31", 2100, 12, 31)]
    public void The_first_and_the_last_day_of_the_window_are_read(string date, int year, int month, int day)
    {
        var v = new Validator();

        var read = v.Date(date, "to", InputBounds.Default);

        read.ShouldBe(new LocalDate(year, month, day));
        v.Errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("1999-12-31T23:59:59Z", false)]
    [InlineData("2000-01-01T00:00:00Z", true)]
    [InlineData("2100-12-31T23:59:59Z", true)]
    [InlineData("2101-01-01T00:00:00Z", false)]
    [InlineData("9999-12-31T23:59:59Z", false)]
    public void A_query_instant_is_read_only_inside_the_window(string instant, bool inside)
    {
        var v = new Validator();

        v.Instant(instant, "asOf", InputBounds.Default);

        v.HasError("asOf").ShouldBe(!inside);
    }

    [Fact]
    public void An_unreadable_instant_is_told_the_format_not_the_window()
    {
        var v = new Validator();

        v.Instant("yesterday", "asOf", InputBounds.Default);

        v.Errors["asOf"].ShouldBe(["must be an ISO-8601 instant like 2026-11-22T01:30:00Z"]);
    }

    [Fact]
    public void Bounds_that_let_nothing_in_are_refused_with_every_problem()
    {
        var nonsense = new InputBounds(new LocalDate(2100, 1, 1), new LocalDate(2000, 1, 1), Duration.FromDays(-1), -1);

        var refusal = Should.Throw<ArgumentException>(nonsense.Checked);

        refusal.Message.ShouldContain("Latest must not lie before Earliest");
        refusal.Message.ShouldContain("AllowedClockSkew");
        refusal.Message.ShouldContain("ResolutionHorizonYears");
    }
}
