using Complaints.Host.Tests.Faults;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Complaints.Host.Tests.Calendars;

public sealed class CalendarCoverageTests(ComplaintsApi api) : ApiTest(api)
{
    [Fact]
    public async Task A_deadline_set_on_New_Years_Eve_afternoon_is_due_after_the_2027_holiday_and_weekend()
    {
        Api.Clock.Set(Instant.FromUtc(2026, 12, 31, 8, 30)); // Thursday 16:30 in Shanghai
        var registration = Bodies.Registration();
        registration["requestedResolutionDate"] = "2027-01-29";
        var id = (await Client.PostJsonAsync("/api/complaints", registration)).ShouldBe(System.Net.HttpStatusCode.Created).Id;

        var complaint = await Client.GetJsonAsync($"/api/complaints/{id}");
        var d6 = complaint.Body!["deadlines"]!.AsArray().Single(d => d!["rule"]!.GetValue<string>() == "D6")!;
        d6["dueAt"]!.GetValue<string>().ShouldBe("2027-01-04T07:30:00Z");
        var set = (await Client.HistoryAsync(id)).First(e => e!["type"]!.GetValue<string>() == "DeadlineSet")!["data"]!;
        set["calendarVersion"]!.GetValue<string>().ShouldStartWith("CN@2026,2027p#");
    }

    [Fact]
    public async Task Readiness_names_a_calendar_without_holidays_in_the_coming_60_days_and_stays_ready()
    {
        Api.Clock.Set(Instant.FromUtc(2027, 11, 15, 0, 0));

        var ready = (await Client.GetJsonAsync("/health/ready")).ShouldBe(System.Net.HttpStatusCode.OK);

        var warnings = ready.Body!["calendarWarnings"]!.AsArray().Select(w => w!.GetValue<string>()).ToList();
        warnings.ShouldHaveSingleItem().ShouldContain("calendar CN");
        warnings[0].ShouldContain("no holidays from 2028-01-01");
    }

    [Fact]
    public async Task Readiness_names_the_provisional_year_in_the_coming_60_days()
    {
        var ready = (await Client.GetJsonAsync("/health/ready")).ShouldBe(System.Net.HttpStatusCode.OK);

        ready.Body!["calendarWarnings"]!.AsArray().Select(w => w!.GetValue<string>())
            .ShouldHaveSingleItem().ShouldContain("counts 2027 on provisional holidays");
    }

    [Fact]
    public async Task The_log_says_at_start_which_calendar_counts_on_provisional_holidays()
    {
        var (host, logs) = await CapturedLogs.HostAsync("complaints_calendar_tests");
        await using var _ = host;
        using var client = host.StaffClient();
        await client.GetJsonAsync("/health/ready");

        await Poll.UntilAsync(() => Task.FromResult(logs.Messages.Any(m => m.Contains("Calendar coverage"))), found => found,
            TimeSpan.FromSeconds(10));
        logs.Entries.Where(e => e.Message.Contains("Calendar coverage")).ShouldAllBe(e => e.Level == LogLevel.Information);
        logs.Messages.ShouldContain(m => m.Contains("calendar CN") && m.Contains("2027 on provisional holidays"));
    }
}
