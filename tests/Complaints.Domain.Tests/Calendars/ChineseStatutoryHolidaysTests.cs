using Complaints.Domain.Calendars;
using NodaTime;

namespace Complaints.Domain.Tests.Calendars;

public sealed class ChineseStatutoryHolidaysTests
{
    private static IReadOnlyList<(LocalDate From, LocalDate To)> HolidaysOf(int year) =>
        [.. ChineseStatutoryHolidays.Provisional(year).Holidays.Select(h => (h.From, h.To))];

    [Fact]
    public void The_2027_statutory_holidays_fall_on_the_computed_lunar_and_solar_dates()
    {
        HolidaysOf(2027).ShouldBe(
        [
            (new LocalDate(2027, 1, 1), new LocalDate(2027, 1, 1)),
            (new LocalDate(2027, 2, 5), new LocalDate(2027, 2, 8)), // New Year's Eve (除夕) 5 Feb, lunar new year 6 Feb
            (new LocalDate(2027, 4, 5), new LocalDate(2027, 4, 5)),
            (new LocalDate(2027, 5, 1), new LocalDate(2027, 5, 2)),
            (new LocalDate(2027, 6, 9), new LocalDate(2027, 6, 9)),
            (new LocalDate(2027, 9, 15), new LocalDate(2027, 9, 15)),
            (new LocalDate(2027, 10, 1), new LocalDate(2027, 10, 3)),
        ]);
        var year = ChineseStatutoryHolidays.Provisional(2027);
        year.Provisional.ShouldBeTrue();
        year.MakeUpWorkingDays.ShouldBeEmpty();
        year.Holidays.Sum(h => Period.DaysBetween(h.From, h.To) + 1).ShouldBe(13);
    }

    [Fact]
    public void Every_statutory_day_of_2026_lies_in_the_holidays_the_State_Council_published()
    {
        var published = TestCalendars.China2026.Holidays;

        foreach (var (from, to) in HolidaysOf(2026))
            published.ShouldContain(h => h.From <= from && to <= h.To, $"{from}..{to}");
    }

    [Fact]
    public void A_leap_month_before_the_festival_does_not_shift_it()
    {
        // 2023 had a leap second month (闰二月): Dragon Boat fell on 22 June, Mid-Autumn on 29 September.
        HolidaysOf(2023).ShouldContain((new LocalDate(2023, 6, 22), new LocalDate(2023, 6, 22)));
        HolidaysOf(2023).ShouldContain((new LocalDate(2023, 9, 29), new LocalDate(2023, 9, 29)));
    }

    [Fact]
    public void Mid_Autumn_on_National_Day_adds_its_day_to_the_end()
    {
        // 1 October 2020 was Mid-Autumn: four statutory days from the first.
        HolidaysOf(2020).ShouldContain((new LocalDate(2020, 10, 1), new LocalDate(2020, 10, 4)));
        HolidaysOf(2020).Count.ShouldBe(6);
    }

    [Fact]
    public void A_provisional_year_is_valid_calendar_data_and_named_in_the_version()
    {
        var calendar = BusinessCalendar.Create("CN", "Asia/Shanghai",
            [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
            [new(new LocalTime(8, 30), new LocalTime(17, 30))],
            [TestCalendars.China2026, ChineseStatutoryHolidays.Provisional(2027)]);

        calendar.Version.ShouldStartWith("CN@2026,2027p#");
        calendar.IsWorkingDay(new LocalDate(2027, 1, 1)).ShouldBeFalse();
    }

    [Fact]
    public void Coverage_names_the_first_day_of_the_first_year_without_data()
    {
        var china = TestCalendars.China; // 2026 only

        china.FirstUncoveredDay(new LocalDate(2026, 10, 1), 60).ShouldBeNull();
        china.FirstUncoveredDay(new LocalDate(2026, 11, 20), 60).ShouldBe(new LocalDate(2027, 1, 1));
        china.FirstUncoveredDay(new LocalDate(2027, 3, 1), 60).ShouldBe(new LocalDate(2027, 3, 1));
    }
}
