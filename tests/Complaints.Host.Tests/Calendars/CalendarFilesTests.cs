using Complaints.Domain.Calendars;
using Complaints.Host.Infrastructure.Calendars;
using NodaTime;

namespace Complaints.Host.Tests.Calendars;

public sealed class CalendarFilesTests : IDisposable
{
    private const string ValidYear = """
        {
          "calendar": "CN",
          "timeZone": "Asia/Shanghai",
          "workingDays": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
          "workingHours": [{ "from": "08:30", "to": "17:30" }],
          "year": 2026,
          "source": "test data",
          "holidays": [
            { "from": "2026-10-01", "to": "2026-10-07", "name": "National Day" }
          ],
          "makeUpWorkingDays": [
            { "from": "2026-10-10", "to": "2026-10-10", "name": "National Day make-up" }
          ]
        }
        """;

    private const string ValidRegions = """
        { "defaultCalendar": "CN", "regions": { "cn-east": "CN" } }
        """;

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("complaints-calendars-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public void The_shipped_calendars_cover_2026_in_China_and_2027_provisionally()
    {
        var book = CalendarFiles.Load(ShippedCalendars());

        var china = book.For("cn-east");
        china.Id.ShouldBe("CN");
        china.Zone.Id.ShouldBe("Asia/Shanghai");
        china.Version.ShouldStartWith("CN@2026,2027p#");
        china.Years.Select(y => (y.Year, y.Provisional)).ShouldBe([(2026, false), (2027, true)]);
        var year = china.Years[0];
        year.Source.ShouldContain("国务院办公厅关于2026年部分节假日安排的通知");
        year.Holidays.Select(h => (h.From, h.To)).ShouldBe(
        [
            (new LocalDate(2026, 1, 1), new LocalDate(2026, 1, 3)),
            (new LocalDate(2026, 2, 15), new LocalDate(2026, 2, 23)),
            (new LocalDate(2026, 4, 4), new LocalDate(2026, 4, 6)),
            (new LocalDate(2026, 5, 1), new LocalDate(2026, 5, 5)),
            (new LocalDate(2026, 6, 19), new LocalDate(2026, 6, 21)),
            (new LocalDate(2026, 9, 25), new LocalDate(2026, 9, 27)),
            (new LocalDate(2026, 10, 1), new LocalDate(2026, 10, 7)),
        ]);
        year.MakeUpWorkingDays.Select(d => d.From).ShouldBe(
        [
            new LocalDate(2026, 1, 4), new LocalDate(2026, 2, 14), new LocalDate(2026, 2, 28),
            new LocalDate(2026, 5, 9), new LocalDate(2026, 9, 20), new LocalDate(2026, 10, 10),
        ]);
        year.MakeUpWorkingDays.ShouldAllBe(d => d.From == d.To);
    }

    [Fact]
    public void The_shipped_provisional_2027_holds_exactly_the_computed_statutory_days()
    {
        var shipped = CalendarFiles.Load(ShippedCalendars()).For("cn-east").Years.Single(y => y.Year == 2027);
        var computed = ChineseStatutoryHolidays.Provisional(2027);

        shipped.Holidays.Select(h => (h.From, h.To, h.Name)).ShouldBe(computed.Holidays.Select(h => (h.From, h.To, h.Name)));
        shipped.MakeUpWorkingDays.ShouldBeEmpty();
        shipped.Source.ShouldBe(computed.Source);
    }

    [Fact]
    public void Eight_working_hours_from_New_Years_Eve_afternoon_skip_New_Years_Day_2027()
    {
        var china = CalendarFiles.Load(ShippedCalendars()).For("cn-south");

        // Thursday 31 Dec 2026 16:30 Shanghai: one hour that day; Friday 1 Jan is a holiday, then the weekend;
        // the other seven on Monday 4 Jan from 08:30, so 15:30 (07:30 UTC), not Friday 15:30.
        china.AddWorkingTime(Instant.FromUtc(2026, 12, 31, 8, 30), Duration.FromHours(8))
            .ShouldBe(Instant.FromUtc(2027, 1, 4, 7, 30));
    }

    [Fact]
    public void The_shipped_calendars_count_procedure_working_hours()
    {
        var china = CalendarFiles.Load(ShippedCalendars()).For("cn-north");

        // Friday 17:00 in Shanghai plus one working hour of 08:30-17:30: Monday 09:00.
        china.AddWorkingTime(Instant.FromUtc(2026, 11, 20, 9, 0), Duration.FromHours(1))
            .ShouldBe(Instant.FromUtc(2026, 11, 23, 1, 0));
    }

    [Fact]
    public void Regions_match_ignoring_case_and_unknown_ones_get_the_default()
    {
        WriteCalendar("CN", "2026.json", ValidYear);
        WriteCalendar("HK", "2026.json", ValidYear.Replace("\"CN\"", "\"HK\"").Replace("Asia/Shanghai", "Asia/Hong_Kong"));
        WriteRegions("""{ "defaultCalendar": "CN", "regions": { "hk": "HK" } }""");

        var book = CalendarFiles.Load(directory.FullName);

        book.All.Select(c => c.Id).Order().ShouldBe(["CN", "HK"]);
        book.For("HK").Id.ShouldBe("HK");
        book.For("hk").Id.ShouldBe("HK");
        book.For("somewhere-else").Id.ShouldBe("CN");
        book.For(null).Id.ShouldBe("CN");
    }

    [Fact]
    public void Several_years_of_one_calendar_make_one_calendar()
    {
        WriteCalendar("CN", "2026.json", ValidYear);
        WriteCalendar("CN", "2027.json", ValidYear.Replace("2026", "2027").Replace("2027-10-10", "2027-10-09"));
        WriteRegions(ValidRegions);

        var china = CalendarFiles.Load(directory.FullName).For("cn-east");

        china.Years.Select(y => y.Year).ShouldBe([2026, 2027]);
        china.Version.ShouldStartWith("CN@2026,2027#");
        china.IsWorkingDay(new LocalDate(2027, 10, 9)).ShouldBeTrue();
    }

    [Fact]
    public void An_unknown_time_zone_names_the_file()
    {
        WriteCalendar("CN", "2026.json", ValidYear.Replace("Asia/Shanghai", "Asia/Beijing"));
        WriteRegions(ValidRegions);

        LoadFailure().ShouldSatisfyAllConditions(
            m => m.ShouldContain(Path.Combine("CN", "2026.json")),
            m => m.ShouldContain("unknown time zone 'Asia/Beijing'"));
    }

    [Fact]
    public void A_date_that_does_not_exist_names_the_file_and_the_field()
    {
        WriteCalendar("CN", "2026.json", ValidYear.Replace("2026-10-07", "2026-02-30"));
        WriteRegions(ValidRegions);

        LoadFailure().ShouldSatisfyAllConditions(
            m => m.ShouldContain(Path.Combine("CN", "2026.json")),
            m => m.ShouldContain("holidays[0].to '2026-02-30' is not a date"));
    }

    [Fact]
    public void Overlapping_holidays_name_the_file()
    {
        WriteCalendar("CN", "2026.json", ValidYear.Replace(
            """{ "from": "2026-10-01", "to": "2026-10-07", "name": "National Day" }""",
            """{ "from": "2026-10-01", "to": "2026-10-07", "name": "National Day" }, { "from": "2026-10-07", "to": "2026-10-08", "name": "Extra" }"""));
        WriteRegions(ValidRegions);

        LoadFailure().ShouldSatisfyAllConditions(
            m => m.ShouldContain(Path.Combine("CN", "2026.json")),
            m => m.ShouldContain("holiday 'National Day' (2026-10-01..2026-10-07) overlaps holiday 'Extra'"));
    }

    [Fact]
    public void A_file_named_for_another_year_is_refused()
    {
        WriteCalendar("CN", "2025.json", ValidYear);
        WriteRegions(ValidRegions);

        LoadFailure().ShouldSatisfyAllConditions(
            m => m.ShouldContain(Path.Combine("CN", "2025.json")),
            m => m.ShouldContain("\"year\" is 2026 but the file is named 2025.json"));
    }

    [Fact]
    public void A_region_naming_a_missing_calendar_names_regions_json()
    {
        WriteCalendar("CN", "2026.json", ValidYear);
        WriteRegions("""{ "defaultCalendar": "CN", "regions": { "hk": "HK" } }""");

        LoadFailure().ShouldSatisfyAllConditions(
            m => m.ShouldContain(CalendarFiles.RegionsFileName),
            m => m.ShouldContain("region 'hk' names calendar 'HK', which does not exist"));
    }

    [Fact]
    public void A_missing_default_calendar_names_regions_json()
    {
        WriteCalendar("CN", "2026.json", ValidYear);
        WriteRegions("""{ "defaultCalendar": "HK", "regions": {} }""");

        LoadFailure().ShouldSatisfyAllConditions(
            m => m.ShouldContain(CalendarFiles.RegionsFileName),
            m => m.ShouldContain("the default calendar names calendar 'HK', which does not exist"));
    }

    [Fact]
    public void Broken_json_names_the_file()
    {
        WriteCalendar("CN", "2026.json", ValidYear.TrimEnd().TrimEnd('}'));
        WriteRegions(ValidRegions);

        LoadFailure().ShouldContain(Path.Combine("CN", "2026.json"));
    }

    [Fact]
    public void A_misspelt_field_is_refused_rather_than_ignored()
    {
        WriteCalendar("CN", "2026.json", ValidYear.Replace("\"holidays\"", "\"holiday\""));
        WriteRegions(ValidRegions);

        LoadFailure().ShouldSatisfyAllConditions(
            m => m.ShouldContain(Path.Combine("CN", "2026.json")),
            m => m.ShouldContain("holiday"));
    }

    [Fact]
    public void Years_of_one_calendar_must_agree_on_the_working_week()
    {
        WriteCalendar("CN", "2026.json", ValidYear);
        WriteCalendar("CN", "2027.json", ValidYear.Replace("2026", "2027").Replace("2027-10-10", "2027-10-09").Replace("17:30", "18:00"));
        WriteRegions(ValidRegions);

        LoadFailure().ShouldSatisfyAllConditions(
            m => m.ShouldContain(Path.Combine("CN", "2027.json")),
            m => m.ShouldContain("all years of a calendar must agree"));
    }

    [Fact]
    public void A_missing_regions_file_is_named()
    {
        WriteCalendar("CN", "2026.json", ValidYear);

        LoadFailure().ShouldContain(CalendarFiles.RegionsFileName);
    }

    private string LoadFailure() =>
        Should.Throw<CalendarDefinitionException>(() => CalendarFiles.Load(directory.FullName)).Message;

    private void WriteCalendar(string id, string fileName, string json)
    {
        var calendarDirectory = directory.CreateSubdirectory(id);
        File.WriteAllText(Path.Combine(calendarDirectory.FullName, fileName), json);
    }

    private void WriteRegions(string json) =>
        File.WriteAllText(Path.Combine(directory.FullName, CalendarFiles.RegionsFileName), json);

    private static string ShippedCalendars()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Complaints.sln")))
            root = root.Parent ?? throw new InvalidOperationException("Complaints.sln not found above the test binaries");
        return Path.Combine(root.FullName, "src", "Complaints.Host", "calendars");
    }
}
