using Complaints.Domain.Calendars;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Complaints.Domain.Tests.Calendars;

/// <summary>
/// Laws deadline arithmetic must obey on every calendar, including across holidays, make-up days and
/// both DST switches of 2026 (29 March and 25 October in Europe/Berlin).
/// </summary>
public sealed class BusinessCalendarPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);

    private static readonly LocalDate FirstDay = new(2025, 12, 20);
    private const int DaysSampled = 400; // the whole of 2026 and a little of the years without data

    public static TheoryData<string> CalendarIds => new(TestCalendars.All.Select(c => c.Id));

    [Theory, MemberData(nameof(CalendarIds))]
    public void More_working_time_never_ends_earlier(string calendarId)
    {
        var calendar = Calendar(calendarId);
        var cases = from start in Starts(calendar) from a in Durations from b in Durations select (start, a, b);

        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (start, shorter, longer) = c.a <= c.b ? c : (c.start, c.b, c.a);
            calendar.AddWorkingTime(start, shorter).ShouldBeLessThanOrEqualTo(calendar.AddWorkingTime(start, longer));
        }));
    }

    [Theory, MemberData(nameof(CalendarIds))]
    public void A_later_start_never_ends_earlier(string calendarId)
    {
        var calendar = Calendar(calendarId);
        var cases = from s1 in Starts(calendar) from s2 in Starts(calendar) from d in Durations select (s1, s2, d);

        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (earlier, later) = c.s1 <= c.s2 ? (c.s1, c.s2) : (c.s2, c.s1);
            calendar.AddWorkingTime(earlier, c.d).ShouldBeLessThanOrEqualTo(calendar.AddWorkingTime(later, c.d));
        }));
    }

    [Theory, MemberData(nameof(CalendarIds))]
    public void Adding_in_two_steps_equals_adding_the_sum(string calendarId)
    {
        var calendar = Calendar(calendarId);
        var cases = from start in Starts(calendar) from a in Durations from b in Durations select (start, a, b);

        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
            calendar.AddWorkingTime(calendar.AddWorkingTime(c.start, c.a), c.b)
                .ShouldBe(calendar.AddWorkingTime(c.start, c.a + c.b))));
    }

    [Theory, MemberData(nameof(CalendarIds))]
    public void The_working_time_up_to_a_due_instant_is_the_time_added(string calendarId)
    {
        var calendar = Calendar(calendarId);
        var cases = from start in Starts(calendar) from d in Durations select (start, d);

        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
            calendar.WorkingTimeBetween(c.start, calendar.AddWorkingTime(c.start, c.d)).ShouldBe(c.d)));
    }

    [Theory, MemberData(nameof(CalendarIds))]
    public void Working_time_adds_up_over_a_split_point(string calendarId)
    {
        var calendar = Calendar(calendarId);
        var cases = from a in Starts(calendar) from b in Starts(calendar) from c in Starts(calendar) select (a, b, c);

        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            Instant[] sorted = [c.a, c.b, c.c];
            Array.Sort(sorted);
            var (from, split, to) = (sorted[0], sorted[1], sorted[2]);
            calendar.WorkingTimeBetween(from, to)
                .ShouldBe(calendar.WorkingTimeBetween(from, split) + calendar.WorkingTimeBetween(split, to));
        }));
    }

    [Theory, MemberData(nameof(CalendarIds))]
    public void Working_time_never_runs_faster_than_the_clock(string calendarId)
    {
        var calendar = Calendar(calendarId);
        var cases = from start in Starts(calendar) from d in Durations select (start, d);

        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var due = calendar.AddWorkingTime(c.start, c.d);
            (due - c.start).ShouldBeGreaterThanOrEqualTo(c.d);
            calendar.WorkingTimeBetween(c.start, due + c.d).ShouldBeLessThanOrEqualTo(due + c.d - c.start);
        }));
    }

    [Theory, MemberData(nameof(CalendarIds))]
    public void Counting_a_span_arithmetically_equals_walking_it_day_by_day(string calendarId)
    {
        var calendar = Calendar(calendarId);
        var cases = from start in Decades from length in LongSpans select (start, end: start + length);

        Check.One(LongRuns, Prop.ForAll(cases.ToArbitrary(), c =>
            calendar.WorkingTimeBetween(c.start, c.end).ShouldBe(DayByDay.WorkingTimeBetween(calendar, c.start, c.end))));
    }

    [Theory, MemberData(nameof(CalendarIds))]
    public void Adding_arithmetically_equals_adding_day_by_day(string calendarId)
    {
        var calendar = Calendar(calendarId);
        var cases = from start in Gen.OneOf(Decades, Starts(calendar)) from d in Gen.OneOf(Durations, LongDurations) select (start, d);

        Check.One(LongRuns, Prop.ForAll(cases.ToArbitrary(), c =>
            calendar.AddWorkingTime(c.start, c.d).ShouldBe(DayByDay.AddWorkingTime(calendar, c.start, c.d))));
    }

    private static BusinessCalendar Calendar(string id) => TestCalendars.All.Single(c => c.Id == id);

    /// <summary>
    /// Any second of the sampled days, wall-clock quarter hours (which hit period boundaries exactly), and
    /// the minutes of the nights of both DST switches.
    /// </summary>
    private static Gen<Instant> Starts(BusinessCalendar calendar)
    {
        var origin = FirstDay.AtStartOfDayInZone(calendar.Zone).ToInstant();
        var anySecond = Gen.Choose(0, DaysSampled * 86_400).Select(s => origin + Duration.FromSeconds(s));
        var quarterHours =
            from day in Gen.Choose(0, DaysSampled)
            from quarter in Gen.Choose(0, 95)
            select FirstDay.PlusDays(day).At(LocalTime.Midnight.PlusMinutes(quarter * 15)).InZoneLeniently(calendar.Zone).ToInstant();
        return Gen.Frequency(
            (2, anySecond), (2, quarterHours), (1, MinutesAround(Instant.FromUtc(2026, 3, 29, 1, 0))),
            (1, MinutesAround(Instant.FromUtc(2026, 10, 25, 1, 0))));
    }

    private static Gen<Instant> MinutesAround(Instant instant) =>
        Gen.Choose(-12 * 60, 12 * 60).Select(m => instant + Duration.FromMinutes(m));

    /// <summary>Walking the reference over long spans is slow, so these laws get fewer runs.</summary>
    private static readonly Config LongRuns = Config.QuickThrowOnFailure.WithMaxTest(150);

    /// <summary>
    /// Any minute from 1980 to 2040: Shanghai's daylight saving time of 1986-1991, Berlin's switch from the old
    /// European rules to today's, and the China calendar's 2026 holidays all fall inside.
    /// </summary>
    private static readonly Gen<Instant> Decades =
        Gen.Choose(0, 60 * 525_600).Select(m => Instant.FromUtc(1980, 1, 1, 0, 0) + Duration.FromMinutes(m));

    /// <summary>Spans of any second up to three years, and of whole days up to ten.</summary>
    private static readonly Gen<Duration> LongSpans = Gen.Frequency(
        (3, Gen.Choose(0, 3 * 366 * 86_400).Select(s => Duration.FromSeconds(s))),
        (1, Gen.Choose(0, 10).Select(d => Duration.FromDays(d))));

    /// <summary>Working time up to two years' worth (about 4,700 hours), in odd seconds and in whole hours.</summary>
    private static readonly Gen<Duration> LongDurations = Gen.Frequency(
        (1, Gen.Choose(1, 4_700 * 3600).Select(s => Duration.FromSeconds(s))),
        (1, Gen.Choose(1, 4_700).Select(h => Duration.FromHours(h))));

    /// <summary>Zero, odd seconds up to two days (mostly under four hours), and quarter hours up to ten weeks of working time.</summary>
    private static readonly Gen<Duration> Durations = Gen.Frequency(
        (1, Gen.Constant(Duration.Zero)),
        (3, Gen.Choose(1, 4 * 3600).Select(s => Duration.FromSeconds(s))),
        (2, Gen.Choose(1, 48 * 3600).Select(s => Duration.FromSeconds(s))),
        (2, Gen.Choose(1, 400 * 4).Select(q => Duration.FromMinutes(q * 15))));
}
