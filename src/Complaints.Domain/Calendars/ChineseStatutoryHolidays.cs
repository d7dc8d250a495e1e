using System.Globalization;
using NodaTime;

namespace Complaints.Domain.Calendars;

/// <summary>
/// The statutory public holidays of the People's Republic of China for a year whose holiday notice the State Council
/// has not yet published (全国年节及纪念日放假办法, as revised with effect from 2025): 13 days, the lunar ones computed
/// with <see cref="ChineseLunisolarCalendar"/>, Qingming from the solar-term formula. The notice later adds bridge days
/// and make-up working days, which cannot be predicted, so the provisional year has only the statutory days.
/// </summary>
public static class ChineseStatutoryHolidays
{
    private static readonly ChineseLunisolarCalendar Lunar = new();

    public const string ProvisionalSource =
        "Provisional: the statutory days of 全国年节及纪念日放假办法 (2025 revision), lunar dates computed; " +
        "replace with the State Council's notice when it is published";

    /// <exception cref="ArgumentOutOfRangeException">Outside 2001-2099, where the Qingming formula holds.</exception>
    public static CalendarYear Provisional(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2001);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 2099);
        var springFestival = LunarDate(year, 1, 1);
        var midAutumn = LunarDate(year, 8, 15);
        var nationalDay = new LocalDate(year, 10, 1);
        // When Mid-Autumn falls in the National Day holiday its day is added to the end instead (as in 2020).
        var midAutumnInNationalDay = midAutumn >= nationalDay && midAutumn <= nationalDay.PlusDays(2);
        List<DatedEntry> holidays =
        [
            Day(new LocalDate(year, 1, 1), "New Year's Day (元旦)"),
            new(springFestival.PlusDays(-1), springFestival.PlusDays(2), "Spring Festival (春节)"),
            Day(Qingming(year), "Qingming Festival (清明节)"),
            new(new LocalDate(year, 5, 1), new LocalDate(year, 5, 2), "Labour Day (劳动节)"),
            Day(LunarDate(year, 5, 5), "Dragon Boat Festival (端午节)"),
            midAutumnInNationalDay
                ? new(nationalDay, nationalDay.PlusDays(3), "National Day and Mid-Autumn Festival (国庆节、中秋节)")
                : new(nationalDay, nationalDay.PlusDays(2), "National Day (国庆节)"),
        ];
        if (!midAutumnInNationalDay) holidays.Add(Day(midAutumn, "Mid-Autumn Festival (中秋节)"));
        return new CalendarYear(year, [.. holidays.OrderBy(h => h.From)], [], ProvisionalSource, Provisional: true);
    }

    private static DatedEntry Day(LocalDate date, string name) => new(date, date, name);

    /// <summary>Month <paramref name="month"/> of the lunar year that starts in <paramref name="year"/>; a leap month before it shifts its index.</summary>
    private static LocalDate LunarDate(int year, int month, int day)
    {
        var leapMonth = Lunar.GetLeapMonth(year);
        var index = leapMonth != 0 && month >= leapMonth ? month + 1 : month;
        return LocalDate.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }

    /// <summary>The Qingming solar term in April: 寿星通用公式 with the 21st-century constant 4.81.</summary>
    private static LocalDate Qingming(int year)
    {
        var y = year % 100;
        return new LocalDate(year, 4, (int)Math.Floor(y * 0.2422 + 4.81) - y / 4);
    }
}
