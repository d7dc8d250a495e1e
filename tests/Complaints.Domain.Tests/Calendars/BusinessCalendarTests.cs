using Complaints.Domain.Calendars;
using NodaTime;

namespace Complaints.Domain.Tests.Calendars;

public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar China = TestCalendars.China;

    [Theory]
    [InlineData(2026, 1, 1, false)]   // New Year's Day, a Thursday
    [InlineData(2026, 1, 4, true)]    // Sunday make-up working day
    [InlineData(2026, 2, 14, true)]   // Saturday make-up before the Spring Festival
    [InlineData(2026, 2, 16, false)]  // Spring Festival, a Monday
    [InlineData(2026, 2, 24, true)]   // first working day after it
    [InlineData(2026, 10, 10, true)]  // Saturday make-up after National Day
    [InlineData(2026, 10, 11, false)] // an ordinary Sunday
    [InlineData(2026, 11, 20, true)]  // an ordinary Friday
    [InlineData(2027, 1, 1, true)]    // no 2027 data yet: the weekly pattern alone (a Friday)
    public void Working_days_follow_the_week_the_holidays_and_the_make_up_days(int year, int month, int day, bool working)
    {
        China.IsWorkingDay(new LocalDate(year, month, day)).ShouldBe(working);
    }

    [Fact]
    public void An_hour_from_Friday_afternoon_ends_on_Monday_morning()
    {
        var due = China.AddWorkingTime(China.At(2026, 11, 20, 17, 0), Duration.FromHours(1));

        due.ShouldBe(China.At(2026, 11, 23, 9, 0));
    }

    [Fact]
    public void A_start_on_Saturday_counts_from_Monday_at_half_past_eight()
    {
        var due = China.AddWorkingTime(China.At(2026, 11, 21, 10, 0), Duration.FromHours(1));

        due.ShouldBe(China.At(2026, 11, 23, 9, 30));
    }

    [Fact]
    public void Time_that_fills_a_period_exactly_ends_with_it()
    {
        var due = China.AddWorkingTime(China.At(2026, 11, 20, 16, 30), Duration.FromHours(1));

        due.ShouldBe(China.At(2026, 11, 20, 17, 30));
    }

    [Fact]
    public void The_National_Day_week_is_skipped()
    {
        // One hour on Wednesday 30 September, then nothing until Thursday 8 October.
        var due = China.AddWorkingTime(China.At(2026, 9, 30, 16, 30), Duration.FromHours(2));

        due.ShouldBe(China.At(2026, 10, 8, 9, 30));
    }

    [Fact]
    public void The_make_up_Saturday_after_National_Day_counts()
    {
        // 1 h on 30 Sep, 9 h each on Thu 8, Fri 9 and Sat 10 Oct (make-up), Sunday off, 2 h on Mon 12 Oct.
        var due = China.AddWorkingTime(China.At(2026, 9, 30, 16, 30), Duration.FromHours(30));

        due.ShouldBe(China.At(2026, 10, 12, 10, 30));
    }

    [Fact]
    public void Friday_evening_plus_an_hour_lands_on_a_make_up_Saturday()
    {
        var due = China.AddWorkingTime(China.At(2026, 10, 9, 17, 0), Duration.FromHours(1));

        due.ShouldBe(China.At(2026, 10, 10, 9, 0));
    }

    [Fact]
    public void Eight_hours_span_the_nine_day_Spring_Festival()
    {
        // Half an hour on the make-up Saturday 14 February, then 15-23 February off.
        var due = China.AddWorkingTime(China.At(2026, 2, 14, 17, 0), Duration.FromHours(8));

        due.ShouldBe(China.At(2026, 2, 24, 16, 0));
    }

    [Fact]
    public void No_working_time_leaves_the_start_unchanged_even_outside_working_hours()
    {
        var saturday = China.At(2026, 11, 21, 10, 0);

        China.AddWorkingTime(saturday, Duration.Zero).ShouldBe(saturday);
    }

    [Fact]
    public void Negative_working_time_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() =>
            China.AddWorkingTime(China.At(2026, 11, 20, 9, 0), Duration.FromMinutes(-1)));
    }

    [Fact]
    public void Working_time_within_one_day()
    {
        China.WorkingTimeBetween(China.At(2026, 11, 23, 9, 0), China.At(2026, 11, 23, 12, 0))
            .ShouldBe(Duration.FromHours(3));
    }

    [Fact]
    public void Working_time_ignores_the_hours_before_and_after_work()
    {
        China.WorkingTimeBetween(China.At(2026, 11, 23, 7, 0), China.At(2026, 11, 23, 20, 0))
            .ShouldBe(Duration.FromHours(9));
    }

    [Fact]
    public void Working_time_across_a_weekend_counts_only_Friday_and_Monday()
    {
        China.WorkingTimeBetween(China.At(2026, 11, 20, 16, 0), China.At(2026, 11, 23, 10, 0))
            .ShouldBe(Duration.FromHours(3));
    }

    [Fact]
    public void Working_time_across_National_Day_counts_the_make_up_Saturday()
    {
        // 30 Sep, 8, 9 and 10 October: four full days.
        China.WorkingTimeBetween(China.At(2026, 9, 30, 8, 30), China.At(2026, 10, 12, 8, 30))
            .ShouldBe(Duration.FromHours(36));
    }

    [Fact]
    public void Working_time_of_an_empty_or_reversed_span_is_zero()
    {
        var monday = China.At(2026, 11, 23, 10, 0);

        China.WorkingTimeBetween(monday, monday).ShouldBe(Duration.Zero);
        China.WorkingTimeBetween(monday, monday - Duration.FromHours(1)).ShouldBe(Duration.Zero);
    }

    [Fact]
    public void The_day_ends_at_the_next_local_midnight()
    {
        China.EndOfDay(new LocalDate(2026, 11, 20)).ShouldBe(Instant.FromUtc(2026, 11, 20, 16, 0));
    }

    [Fact]
    public void A_day_that_loses_an_hour_ends_23_hours_after_it_starts()
    {
        var calendar = TestCalendars.BerlinOffice;

        calendar.EndOfDay(new LocalDate(2026, 3, 28)).ShouldBe(Instant.FromUtc(2026, 3, 28, 23, 0));
        calendar.EndOfDay(new LocalDate(2026, 3, 29)).ShouldBe(Instant.FromUtc(2026, 3, 29, 22, 0));
    }

    [Fact]
    public void When_midnight_is_skipped_the_day_ends_when_the_next_one_starts()
    {
        // Chile moves its clocks from 00:00 to 01:00 on Sunday 6 September 2026.
        var santiago = BusinessCalendar.Create(
            "CL", "America/Santiago", [IsoDayOfWeek.Monday], [new(new LocalTime(9, 0), new LocalTime(18, 0))], []);

        santiago.EndOfDay(new LocalDate(2026, 9, 5)).ShouldBe(Instant.FromUtc(2026, 9, 6, 4, 0));
    }

    [Fact]
    public void Office_hours_keep_their_wall_clock_times_across_the_spring_switch()
    {
        var calendar = TestCalendars.BerlinOffice;

        // Friday 27 March 16:00 CET (UTC+1) plus 2 h: Monday 30 March 09:00 CEST (UTC+2).
        var due = calendar.AddWorkingTime(Instant.FromUtc(2026, 3, 27, 15, 0), Duration.FromHours(2));

        due.ShouldBe(Instant.FromUtc(2026, 3, 30, 7, 0));
    }

    [Theory]
    [InlineData(3, 28, 4)]  // an ordinary night
    [InlineData(3, 29, 3)]  // 02:00 CET jumps to 03:00 CEST inside the shift
    [InlineData(10, 25, 5)] // 03:00 CEST falls back to 02:00 CET inside the shift
    public void A_shift_across_the_switch_loses_or_gains_the_hour(int month, int day, int hours)
    {
        var calendar = TestCalendars.BerlinNightShift;
        var date = new LocalDate(2026, month, day);

        var worked = calendar.WorkingTimeBetween(date.AtStartOfDayInZone(calendar.Zone).ToInstant(), calendar.EndOfDay(date));

        worked.ShouldBe(Duration.FromHours(hours));
    }

    [Fact]
    public void Adding_across_the_spring_switch_uses_the_short_shift()
    {
        var calendar = TestCalendars.BerlinNightShift;

        // 29 March: 01:00 CET to 05:00 CEST is 3 h; the remaining half hour is worked from 01:00 CEST on 30 March.
        var due = calendar.AddWorkingTime(Instant.FromUtc(2026, 3, 29, 0, 0), Duration.FromMinutes(210));

        due.ShouldBe(Instant.FromUtc(2026, 3, 29, 23, 30));
    }

    [Theory]
    [InlineData(3, 28, 150)] // 01:00-02:30 and 03:00-04:00
    [InlineData(3, 29, 120)] // 01:00 CET until the jump at 02:00, then 03:00-04:00 CEST
    [InlineData(10, 25, 150)] // the first 02:30 ends the first shift; the repeated hour is the break
    public void Shifts_split_inside_the_switch_hour_count_each_minute_once(int month, int day, int minutes)
    {
        var calendar = TestCalendars.BerlinSplitShift;
        var date = new LocalDate(2026, month, day);

        var worked = calendar.WorkingTimeBetween(date.AtStartOfDayInZone(calendar.Zone).ToInstant(), calendar.EndOfDay(date));

        worked.ShouldBe(Duration.FromMinutes(minutes));
    }

    [Fact]
    public void Working_periods_are_instants_in_the_calendars_zone()
    {
        TestCalendars.BerlinNightShift.WorkingPeriods(new LocalDate(2026, 10, 25))
            .ShouldBe([new Interval(Instant.FromUtc(2026, 10, 24, 23, 0), Instant.FromUtc(2026, 10, 25, 4, 0))]);
        China.WorkingPeriods(new LocalDate(2026, 10, 1)).ShouldBeEmpty();
    }

    [Fact]
    public void The_version_names_the_calendar_and_its_years()
    {
        China.Version.ShouldMatch("^CN@2026#[0-9a-f]{8}$");
        TestCalendars.BerlinOffice.Version.ShouldStartWith("DE-office@none#");
    }

    [Fact]
    public void The_version_is_stable_for_the_same_data_and_changes_with_the_dates()
    {
        var same = Create(TestCalendars.China2026 with { Source = "another source" });
        var renamed = Create(TestCalendars.China2026 with
        {
            Holidays = [.. TestCalendars.China2026.Holidays.Select(h => h with { Name = h.Name.ToUpperInvariant() })],
        });
        var corrected = Create(TestCalendars.China2026 with
        {
            Holidays = [.. TestCalendars.China2026.Holidays.SkipLast(1), new(new LocalDate(2026, 10, 1), new LocalDate(2026, 10, 8), "National Day")],
        });

        same.Version.ShouldBe(China.Version);
        renamed.Version.ShouldBe(China.Version);
        corrected.Version.ShouldNotBe(China.Version);
    }

    public static TheoryData<string> CalendarIds => new(TestCalendars.All.Select(c => c.Id));

    [Theory, MemberData(nameof(CalendarIds))]
    public void The_working_time_since_1700_is_what_walking_every_day_since_then_gives(string calendarId)
    {
        // Local mean time until 1893/1901, the wars' daylight saving time, Shanghai's of 1986-1991, the 2026 holidays.
        var calendar = TestCalendars.All.Single(c => c.Id == calendarId);
        var (from, to) = (Instant.FromUtc(1700, 1, 1, 0, 0), calendar.At(2026, 11, 20, 9, 45));

        var counted = calendar.WorkingTimeBetween(from, to);

        counted.ShouldBe(DayByDay.WorkingTimeBetween(calendar, from, to));
        calendar.AddWorkingTime(from, counted).ShouldBe(DayByDay.AddWorkingTime(calendar, from, counted));
    }

    [Fact]
    public void Working_time_over_seven_thousand_years_is_counted_by_the_week()
    {
        var office = BusinessCalendar.Create("UTC-office", "Etc/UTC",
            [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
            [new(new LocalTime(9, 0), new LocalTime(17, 0))], []);
        const int weeks = 400_000; // from 2000 to 9666
        var monday = Instant.FromUtc(2000, 1, 3, 0, 0);
        var mondayAfter = monday + Duration.FromDays(7L * weeks);

        office.WorkingTimeBetween(monday, mondayAfter).ShouldBe(Duration.FromHours(40) * weeks);
        office.AddWorkingTime(monday, Duration.FromHours(40) * weeks)
            .ShouldBe(mondayAfter - Duration.FromDays(3) + Duration.FromHours(17)); // the last Friday at five
    }

    private static BusinessCalendar Create(CalendarYear year) => BusinessCalendar.Create(
        "CN", "Asia/Shanghai",
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
        [new(new LocalTime(8, 30), new LocalTime(17, 30))], [year]);
}
