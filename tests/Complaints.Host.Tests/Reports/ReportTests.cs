using System.Net;
using System.Text.Json.Nodes;
using Complaints.Host.Deadlines;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Host.Tests.Reports;

/// <summary>The handling report of one complaint and the monthly supervision report.</summary>
public sealed class ReportTests(ComplaintsApi api) : ApiTest(api)
{
    private DeadlineSettings Settings => Api.Services.GetRequiredService<DeadlineSettings>();

    [Fact]
    public async Task The_handling_report_tells_the_whole_course_with_who_when_and_working_time()
    {
        var complaint = November.RejectedAndReopened(Settings);
        await complaint.AppendAsync(Api.Store);
        await Api.WaitForReportsAsync();

        var answer = (await Client.GetJsonAsync($"/api/complaints/{complaint.Id}/report")).ShouldBe(HttpStatusCode.OK).Body!;

        answer["upToDate"]!.GetValue<bool>().ShouldBeTrue();
        var report = answer["report"]!;
        report["status"]!.GetValue<string>().ShouldBe("closed");
        var acknowledged = report["steps"]!.AsArray().First(s => s!["step"]!.GetValue<string>() == "acknowledged")!;
        acknowledged["by"]!.GetValue<string>().ShouldBe("Head Liu");
        acknowledged["at"]!.GetValue<string>().ShouldBe("2026-11-09T07:30:00Z");
        var d3 = acknowledged["met"]!.AsArray().ShouldHaveSingleItem()!;
        d3["rule"]!.GetValue<string>().ShouldBe("D3");
        d3["onTime"]!.GetValue<bool>().ShouldBeFalse();
        d3["workingMinutes"]!.GetValue<long>().ShouldBe(90);
        d3["elapsed"]!.GetValue<string>().ShouldBe("PT1H30M");
        report["plans"]!.AsArray().Select(p => p!["customerResponse"]!["accepted"]!.GetValue<bool>())
            .ShouldBe([false, true, true]);
        report["plans"]![0]!["approvals"]!.AsArray().Count.ShouldBe(2);
        report["closures"]!.AsArray().Select(c => c!["workingMinutes"]!.GetValue<long>()).ShouldBe([1350L, 540L]);
        report["firstResponse"]!["workingMinutes"]!.GetValue<long>().ShouldBe(240);
        report["satisfaction"]!.AsArray().ShouldHaveSingleItem()!["score"]!.GetValue<int>().ShouldBe(2);
        report["escalations"]!.AsArray().ShouldHaveSingleItem()!["to"]!.GetValue<string>().ShouldBe("responsible-person");
    }

    [Fact]
    public async Task The_report_of_an_unknown_complaint_is_not_found()
    {
        (await Client.GetJsonAsync($"/api/complaints/{Guid.CreateVersion7()}/report")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_supervision_report_lists_the_months_overdue_and_escalated_complaints_with_its_KPIs()
    {
        await November.RecordAsync(Api);

        var report = (await Client.GetJsonAsync("/api/reports/supervision/2026-11")).ShouldBe(HttpStatusCode.OK).Body!;

        report["month"]!.GetValue<string>().ShouldBe("2026-11");
        report["kpis"]!["received"]!.GetValue<long>().ShouldBe(4);
        report["kpis"]!["timelinessRate"]!["value"]!.GetValue<double>().ShouldBe(0.8571);
        report["byDepartment"]!.AsArray().Select(r => r!["group"]!.GetValue<string>()).ShouldBe(["maintenance", "sales"]);
        var overdue = report["overdue"]!.AsArray();
        overdue.Select(c => c!["number"]!.GetValue<string>()).ShouldBe(["CP-2026-000002", "CP-2026-000003"]);
        overdue[1]!["missedDeadlines"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["D3", "D4"]);
        overdue[1]!["overdueNow"]!.GetValue<bool>().ShouldBeTrue();
        report["escalated"]!.AsArray().Select(c => $"{c!["number"]}:{c["escalations"]}")
            .ShouldBe(["CP-2026-000002:1", "CP-2026-000003:2"]);

        // The month's KPIs are those /api/kpis gives for its days, overall and per department, but for the period's name.
        var kpis = (await Client.GetJsonAsync("/api/kpis?from=2026-11-01&to=2026-11-30")).ShouldBe(HttpStatusCode.OK).Body!;
        var byDepartment = (await Client.GetJsonAsync("/api/kpis?from=2026-11-01&to=2026-11-30&groupBy=department"))
            .ShouldBe(HttpStatusCode.OK).Body!;
        ShouldBeTheSameKpis([report["kpis"]], [kpis["rows"]![0]]);
        ShouldBeTheSameKpis(report["byDepartment"]!.AsArray(), byDepartment["rows"]!.AsArray());

        var october = (await Client.GetJsonAsync("/api/reports/supervision/2026-10")).ShouldBe(HttpStatusCode.OK).Body!;
        october["overdue"]!.AsArray().ShouldBeEmpty();
        october["kpis"]!["received"]!.GetValue<long>().ShouldBe(0);
    }

    /// <summary>Each row holds the same figures as its counterpart from <c>/api/kpis</c>; the period may be named otherwise.</summary>
    internal static void ShouldBeTheSameKpis(IEnumerable<JsonNode?> rows, IEnumerable<JsonNode?> fromApi)
    {
        static string Figures(JsonNode? row)
        {
            var figures = row!.DeepClone().AsObject();
            figures.Remove("period");
            return figures.ToJsonString();
        }
        rows.Select(Figures).ShouldBe(fromApi.Select(Figures));
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("9999-12")]
    [InlineData("0001-01")]
    public async Task A_month_that_is_not_a_month_or_out_of_any_calendar_is_refused(string month)
    {
        (await Client.GetJsonAsync($"/api/reports/supervision/{month}")).ShouldBeProblem(HttpStatusCode.BadRequest)
            .ErrorFields().ShouldBe(["month"]);
    }
}
