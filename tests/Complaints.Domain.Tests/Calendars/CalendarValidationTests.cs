using Complaints.Domain.Calendars;
using NodaTime;

namespace Complaints.Domain.Tests.Calendars;

public sealed class CalendarValidationTests
{
    private static readonly IsoDayOfWeek[] MondayToFriday =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private static readonly WorkingHours[] OfficeHours = [new(new LocalTime(8, 30), new LocalTime(17, 30))];

    private static readonly DatedEntry NationalDay = Entry(10, 1, 10, 7, "National Day");

    [Fact]
    public void Valid_data_makes_a_calendar()
    {
        var calendar = Create(Year(holidays: [NationalDay], makeUpDays: [Entry(10, 10, 10, 10, "make-up")]));

        calendar.Id.ShouldBe("CN");
        calendar.Zone.Id.ShouldBe("Asia/Shanghai");
        calendar.Years.Single().Year.ShouldBe(2026);
    }

    [Fact]
    public void An_unknown_time_zone_is_named()
    {
        ProblemWith(() => BusinessCalendar.Create("CN", "Asia/Beijing", MondayToFriday, OfficeHours, []))
            .ShouldContain("unknown time zone 'Asia/Beijing'");
    }

    [Fact]
    public void Working_hours_must_end_after_they_start()
    {
        ProblemWith(() => BusinessCalendar.Create(
                "CN", "Asia/Shanghai", MondayToFriday, [new(new LocalTime(17, 30), new LocalTime(8, 30))], []))
            .ShouldContain("working hours 17:30:00-08:30:00 do not end after they start");
    }

    [Fact]
    public void Overlapping_working_hours_are_refused()
    {
        WorkingHours[] hours = [new(new LocalTime(8, 30), new LocalTime(12, 30)), new(new LocalTime(12, 0), new LocalTime(17, 30))];

        ProblemWith(() => BusinessCalendar.Create("CN", "Asia/Shanghai", MondayToFriday, hours, []))
            .ShouldContain("working hours 08:30:00-12:30:00 and 12:00:00-17:30:00 overlap");
    }

    [Fact]
    public void Adjacent_working_hours_are_fine()
    {
        WorkingHours[] hours = [new(new LocalTime(8, 30), new LocalTime(12, 0)), new(new LocalTime(12, 0), new LocalTime(17, 30))];

        BusinessCalendar.Create("CN", "Asia/Shanghai", MondayToFriday, hours, [])
            .WorkingTimeBetween(Instant.FromUtc(2026, 11, 23, 0, 0), Instant.FromUtc(2026, 11, 24, 0, 0))
            .ShouldBe(Duration.FromHours(9));
    }

    [Fact]
    public void A_calendar_needs_working_days_and_hours()
    {
        var problem = ProblemWith(() => BusinessCalendar.Create("CN", "Asia/Shanghai", [], [], []));

        problem.ShouldContain("no working days are given");
        problem.ShouldContain("no working hours are given");
    }

    [Fact]
    public void An_entry_that_ends_before_it_starts_is_named()
    {
        ProblemWith(() => Create(Year(holidays: [Entry(10, 7, 10, 1, "National Day")])))
            .ShouldContain("year 2026: holiday 'National Day' (2026-10-07..2026-10-01) ends before it starts");
    }

    [Fact]
    public void An_entry_outside_its_year_is_named()
    {
        var newYear2027 = new DatedEntry(new LocalDate(2027, 1, 1), new LocalDate(2027, 1, 1), "New Year's Day");

        ProblemWith(() => Create(Year(holidays: [newYear2027])))
            .ShouldContain("year 2026: holiday 'New Year's Day' (2027-01-01) lies outside 2026");
    }

    [Fact]
    public void Overlapping_holidays_are_named()
    {
        ProblemWith(() => Create(Year(holidays: [NationalDay, Entry(10, 6, 10, 8, "Golden week")])))
            .ShouldContain("year 2026: holiday 'National Day' (2026-10-01..2026-10-07) overlaps holiday 'Golden week' (2026-10-06..2026-10-08)");
    }

    [Fact]
    public void A_day_that_is_both_holiday_and_make_up_day_is_named()
    {
        ProblemWith(() => Create(Year(holidays: [NationalDay], makeUpDays: [Entry(10, 4, 10, 4, "make-up")])))
            .ShouldContain("year 2026: 2026-10-04 is both in holiday 'National Day' (2026-10-01..2026-10-07) and in make-up working day 'make-up' (2026-10-04)");
    }

    [Fact]
    public void A_make_up_day_on_a_weekday_is_named()
    {
        ProblemWith(() => Create(Year(makeUpDays: [Entry(10, 9, 10, 9, "make-up")])))
            .ShouldContain("year 2026: make-up working day 'make-up' (2026-10-09) includes 2026-10-09, a Friday and so already a working day");
    }

    [Fact]
    public void A_year_given_twice_is_named()
    {
        ProblemWith(() => BusinessCalendar.Create("CN", "Asia/Shanghai", MondayToFriday, OfficeHours, [Year(), Year()]))
            .ShouldContain("year 2026 is given 2 times");
    }

    [Fact]
    public void The_message_names_the_calendar_and_lists_every_problem()
    {
        var problem = ProblemWith(() => BusinessCalendar.Create(
            "CN", "Nowhere/Town", MondayToFriday, OfficeHours, [Year(holidays: [Entry(10, 7, 10, 1, "National Day")])]));

        problem.ShouldStartWith("Calendar 'CN': ");
        problem.ShouldContain("unknown time zone 'Nowhere/Town'");
        problem.ShouldContain("ends before it starts");
    }

    private static string ProblemWith(Action create) => Should.Throw<CalendarDefinitionException>(create).Message;

    private static BusinessCalendar Create(CalendarYear year) =>
        BusinessCalendar.Create("CN", "Asia/Shanghai", MondayToFriday, OfficeHours, [year]);

    private static CalendarYear Year(DatedEntry[]? holidays = null, DatedEntry[]? makeUpDays = null) =>
        new(2026, holidays ?? [], makeUpDays ?? [], "test data");

    private static DatedEntry Entry(int fromMonth, int fromDay, int toMonth, int toDay, string name) =>
        new(new LocalDate(2026, fromMonth, fromDay), new LocalDate(2026, toMonth, toDay), name);
}
