using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Complaints.Domain.Calendars;
using NodaTime;
using NodaTime.Text;

namespace Complaints.Host.Infrastructure.Calendars;

/// <summary>The business calendars by complaint region; unknown regions get the default calendar.</summary>
public sealed class CalendarBook
{
    private readonly BusinessCalendar defaultCalendar;
    private readonly Dictionary<string, BusinessCalendar> calendarByRegion;

    /// <exception cref="CalendarDefinitionException">An id is unknown or given twice, or two regions differ only in case.</exception>
    public CalendarBook(
        IReadOnlyCollection<BusinessCalendar> calendars,
        string defaultCalendarId,
        IReadOnlyDictionary<string, string> calendarIdByRegion)
    {
        var duplicateIds = calendars.GroupBy(c => c.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicateIds.Count > 0)
            throw new CalendarDefinitionException($"calendar ids given twice: {string.Join(", ", duplicateIds)}");
        var byId = calendars.ToDictionary(c => c.Id);

        BusinessCalendar Known(string id, string usedBy) => byId.TryGetValue(id, out var calendar)
            ? calendar
            : throw new CalendarDefinitionException(
                $"{usedBy} names calendar '{id}', which does not exist (known: {string.Join(", ", byId.Keys.Order())})");

        defaultCalendar = Known(defaultCalendarId, "the default calendar");
        // Regions are matched case-insensitively, so "CN-East" on a complaint finds the "cn-east" calendar.
        calendarByRegion = new Dictionary<string, BusinessCalendar>(StringComparer.OrdinalIgnoreCase);
        foreach (var (region, calendarId) in calendarIdByRegion)
        {
            if (!calendarByRegion.TryAdd(region, Known(calendarId, $"region '{region}'")))
                throw new CalendarDefinitionException($"region '{region}' is given twice (regions ignore case)");
        }
        All = [.. calendars];
    }

    public IReadOnlyCollection<BusinessCalendar> All { get; }

    /// <summary>The regions the calendars name (the directory holds people per region).</summary>
    public IReadOnlyCollection<string> Regions => calendarByRegion.Keys;

    public BusinessCalendar For(string? region) =>
        region is not null && calendarByRegion.TryGetValue(region, out var calendar) ? calendar : defaultCalendar;
}

/// <summary>
/// Reads the calendar directory: <c>&lt;ID&gt;/&lt;year&gt;.json</c> per calendar and year, and
/// <c>regions.json</c>. Every error names the file, so whoever edits the data knows where to look.
/// </summary>
public static class CalendarFiles
{
    public const string RegionsFileName = "regions.json";

    private sealed record WorkingHoursData(string? From, string? To);

    private sealed record EntryData(string? From, string? To, string? Name);

    private sealed record YearData(
        string? Calendar, string? TimeZone, List<string>? WorkingDays, List<WorkingHoursData>? WorkingHours, int? Year,
        string? Source, List<EntryData>? Holidays, List<EntryData>? MakeUpWorkingDays, bool Provisional = false);

    private sealed record RegionsData(string? DefaultCalendar, Dictionary<string, string>? Regions);

    /// <summary>What every year file of one calendar must repeat identically.</summary>
    private sealed record WeeklyPattern(string TimeZone, IReadOnlyList<IsoDayOfWeek> WorkingDays, IReadOnlyList<WorkingHours> WorkingHours)
    {
        public bool SameAs(WeeklyPattern other) =>
            TimeZone == other.TimeZone && WorkingDays.SequenceEqual(other.WorkingDays) && WorkingHours.SequenceEqual(other.WorkingHours);
    }

    // Unknown fields fail: a misspelt "holiday" would otherwise silently drop the year's holidays.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    private static readonly Dictionary<string, IsoDayOfWeek> DaysByName = Enum.GetValues<IsoDayOfWeek>()
        .Where(d => d != IsoDayOfWeek.None)
        .ToDictionary(d => d.ToString(), StringComparer.OrdinalIgnoreCase);

    /// <exception cref="CalendarDefinitionException">A file is missing or wrong; the message names it.</exception>
    public static CalendarBook Load(string directory)
    {
        if (!Directory.Exists(directory))
            throw new CalendarDefinitionException($"Calendar directory {directory} does not exist");
        var calendars = Directory.GetDirectories(directory).Order(StringComparer.Ordinal).Select(LoadCalendar).ToList();
        if (calendars.Count == 0)
            throw new CalendarDefinitionException($"Calendar directory {directory} holds no calendar (expected <ID>/<year>.json)");

        var regionsPath = Path.Combine(directory, RegionsFileName);
        return InFile(regionsPath, () =>
        {
            var regions = Read<RegionsData>(regionsPath);
            return new CalendarBook(calendars, Required(regions.DefaultCalendar, "defaultCalendar"), Required(regions.Regions, "regions"));
        });
    }

    private static BusinessCalendar LoadCalendar(string calendarDirectory)
    {
        var id = Path.GetFileName(calendarDirectory);
        var paths = Directory.GetFiles(calendarDirectory, "*.json").Order(StringComparer.Ordinal).ToList();
        if (paths.Count == 0)
            throw new CalendarDefinitionException($"Calendar directory {calendarDirectory} holds no <year>.json file");

        return Assemble(id, calendarDirectory, paths.Select(path =>
            (path, (Func<(WeeklyPattern, CalendarYear)>)(() => ReadYear(Read<YearData>(path), id, Path.GetFileNameWithoutExtension(path))))));
    }

    private sealed record StoredCalendar(string? Calendar, List<YearData>? Years);

    /// <summary>A calendar's whole data as one JSON text, each year as its file has it: what the rules store keeps.</summary>
    public static string Content(BusinessCalendar calendar) => JsonSerializer.Serialize(new StoredCalendar(calendar.Id,
        [.. calendar.Years.Select(y => new YearData(calendar.Id, calendar.Zone.Id,
            [.. calendar.WeeklyWorkingDays.Select(d => d.ToString())],
            [.. calendar.DailyWorkingHours.Select(h => new WorkingHoursData(TimePattern.Format(h.From), TimePattern.Format(h.To)))],
            y.Year, y.Source, Stored(y.Holidays), Stored(y.MakeUpWorkingDays), y.Provisional))]), Json);

    /// <summary>A calendar from <see cref="Content"/>, checked as its files are.</summary>
    /// <exception cref="CalendarDefinitionException">The content is not a calendar.</exception>
    public static BusinessCalendar FromContent(string content)
    {
        var stored = InFile("stored calendar", () => JsonSerializer.Deserialize<StoredCalendar>(content, Json))
                     ?? throw new CalendarDefinitionException("stored calendar: holds no JSON object");
        var id = Required(stored.Calendar, "calendar");
        var years = Required(stored.Years, "years");
        if (years.Count == 0) throw new CalendarDefinitionException($"stored calendar {id}: holds no year");
        return Assemble(id, $"stored calendar {id}", years.Select(y =>
            ($"stored calendar {id} year {y.Year}", (Func<(WeeklyPattern, CalendarYear)>)(() => ReadYear(y, id, null)))));
    }

    private static List<EntryData> Stored(IEnumerable<DatedEntry> entries) =>
        [.. entries.Select(e => new EntryData(LocalDatePattern.Iso.Format(e.From), LocalDatePattern.Iso.Format(e.To), e.Name))];

    /// <summary>The years read in order, each of which must repeat the first one's weekly pattern.</summary>
    private static BusinessCalendar Assemble(string id, string where,
        IEnumerable<(string Where, Func<(WeeklyPattern, CalendarYear)> Read)> sources)
    {
        var years = new List<CalendarYear>();
        WeeklyPattern? pattern = null;
        string? patternPath = null;
        foreach (var (path, read) in sources)
        {
            var (filePattern, year) = InFile(path, read);
            if (pattern is null)
            {
                (pattern, patternPath) = (filePattern, path);
            }
            else if (!filePattern.SameAs(pattern))
            {
                throw new CalendarDefinitionException(
                    $"{path}: time zone, working days or working hours differ from {patternPath}; all years of a calendar must agree");
            }
            years.Add(year);
        }
        return InFile(where, () => BusinessCalendar.Create(id, pattern!.TimeZone, pattern.WorkingDays, pattern.WorkingHours, years));
    }

    private static (WeeklyPattern Pattern, CalendarYear Year) ReadYear(YearData data, string id, string? fileName)
    {
        var calendar = Required(data.Calendar, "calendar");
        if (calendar != id) throw new CalendarDefinitionException($"\"calendar\" is '{calendar}' but the file lies in directory '{id}'");
        var yearNumber = data.Year ?? throw Missing("year");
        if (fileName is not null && fileName != yearNumber.ToString(CultureInfo.InvariantCulture))
            throw new CalendarDefinitionException($"\"year\" is {yearNumber} but the file is named {fileName}.json");

        var pattern = new WeeklyPattern(
            Required(data.TimeZone, "timeZone"),
            Required(data.WorkingDays, "workingDays").Select(Day).ToList(),
            Required(data.WorkingHours, "workingHours").Select((h, i) => new WorkingHours(
                Time(h.From, $"workingHours[{i}].from"), Time(h.To, $"workingHours[{i}].to"))).ToList());
        var year = new CalendarYear(
            yearNumber,
            Entries(Required(data.Holidays, "holidays"), "holidays"),
            Entries(Required(data.MakeUpWorkingDays, "makeUpWorkingDays"), "makeUpWorkingDays"),
            Required(data.Source, "source"),
            data.Provisional);
        // Checked file by file so that a problem is reported against the file that has it.
        BusinessCalendar.Create(id, pattern.TimeZone, pattern.WorkingDays, pattern.WorkingHours, [year]);
        return (pattern, year);
    }

    private static List<DatedEntry> Entries(List<EntryData> entries, string field) =>
        entries.Select((e, i) => new DatedEntry(
            Date(e.From, $"{field}[{i}].from"),
            Date(e.To, $"{field}[{i}].to"),
            Required(e.Name, $"{field}[{i}].name"))).ToList();

    private static IsoDayOfWeek Day(string name) => DaysByName.TryGetValue(name, out var day)
        ? day
        : throw new CalendarDefinitionException($"working day '{name}' is not a day of the week (Monday..Sunday)");

    private static LocalDate Date(string? text, string field)
    {
        var parsed = LocalDatePattern.Iso.Parse(Required(text, field));
        return parsed.Success
            ? parsed.Value
            : throw new CalendarDefinitionException($"{field} '{text}' is not a date (yyyy-MM-dd)");
    }

    private static LocalTime Time(string? text, string field)
    {
        var parsed = TimePattern.Parse(Required(text, field));
        return parsed.Success
            ? parsed.Value
            : throw new CalendarDefinitionException($"{field} '{text}' is not a time of day (HH:mm)");
    }

    private static T Required<T>(T? value, string field) where T : class =>
        value ?? throw Missing(field);

    private static CalendarDefinitionException Missing(string field) => new($"\"{field}\" is missing");

    private static T Read<T>(string path) where T : class
    {
        if (!File.Exists(path)) throw new CalendarDefinitionException("the file does not exist");
        return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json)
               ?? throw new CalendarDefinitionException("the file holds no JSON object");
    }

    /// <summary>Runs <paramref name="read"/> and prefixes any problem with the file it comes from.</summary>
    private static T InFile<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is CalendarDefinitionException or JsonException or IOException)
        {
            throw new CalendarDefinitionException($"{path}: {e.Message}");
        }
    }
}
