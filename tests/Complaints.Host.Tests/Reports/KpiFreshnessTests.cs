using System.Net;
using Complaints.Host.Audit;
using Complaints.Host.Reports.Rebuilding;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Host.Tests.Reports;

/// <summary>
/// The KPI and supervision answers are kept while the analytics tables are unchanged (ADR 0036): whatever changes
/// them, the projection's next write or a rebuild's swap, is in the next answer.
/// </summary>
public sealed class KpiFreshnessTests(ComplaintsApi api) : ApiTest(api)
{
    private const string Month = "/api/kpis?from=2026-11-01&to=2026-11-30";

    private async Task<long> ReceivedAsync() =>
        (await Client.GetJsonAsync(Month)).ShouldBe(HttpStatusCode.OK).Body!["rows"]![0]!["received"]!.GetValue<long>();

    private async Task<long> SupervisedAsync() =>
        (await Client.GetJsonAsync("/api/reports/supervision/2026-11")).ShouldBe(HttpStatusCode.OK).Body!["kpis"]!["received"]!.GetValue<long>();

    [Fact]
    public async Task A_complaint_registered_after_an_answer_is_in_the_next_answer()
    {
        await November.RecordAsync(Api);
        (await ReceivedAsync()).ShouldBe(4);
        (await SupervisedAsync()).ShouldBe(4);
        (await ReceivedAsync()).ShouldBe(4, "asked again, unchanged");

        await Client.RegisterAsync();
        await Api.WaitForReportsAsync();

        (await ReceivedAsync()).ShouldBe(5);
        (await SupervisedAsync()).ShouldBe(5);
    }

    [Fact]
    public async Task The_rows_a_rebuild_swaps_in_are_in_the_next_answer()
    {
        await November.RecordAsync(Api);
        // Rows an earlier faulty build left: the answer counts them until the rebuild replaces them.
        await Api.ExecuteAsync("update analytics.deadlines set on_time = false where on_time");
        var damaged = (await Client.GetJsonAsync(Month)).Body!["rows"]![0]!["timelinessRate"]!["count"]!.GetValue<long>();
        damaged.ShouldBe(0);

        var rebuilt = await Api.Services.GetRequiredService<ReportsRebuild>()
            .RunAsync(EventSelection.All, keepFailed: false, TestContext.Current.CancellationToken);

        rebuilt.Swapped.ShouldBeTrue();
        (await Client.GetJsonAsync(Month)).Body!["rows"]![0]!["timelinessRate"]!["count"]!.GetValue<long>().ShouldBe(18);
    }
}
