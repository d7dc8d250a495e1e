using System.Net;
using System.Text.Json.Nodes;
using Complaints.Host.Security;
using Complaints.Host.Tests.Infrastructure;
using Complaints.Host.Tests.Reports;
using Npgsql;
using NodaTime;

namespace Complaints.Host.Tests.FollowUps;

/// <summary>
/// A new complaint within 90 days of a closed one of the same customer and category, or of the same vehicle, is
/// flagged as its repeat on the complaint, the ledger, the search and in the repeat rate (procedure §10, ADR 0038).
/// </summary>
public sealed class RecurrenceTests(ComplaintsApi api) : ApiTest(api)
{
    private const string OtherPhone = "+86 139 1111 2222";

    private static Dictionary<string, object?> Registration(string category = "repair-workmanship",
        string phone = "+86 138 0000 0000", string? plate = null)
    {
        var body = Bodies.Registration(severity: "D");
        body["category"] = category;
        body["customer"] = new { name = "Li Wei", phone };
        body["requestedResolutionDate"] = "2027-12-31";
        if (plate is not null) body["vehicle"] = new { plate };
        return body;
    }

    private async Task<Guid> RegisterAsync(Dictionary<string, object?> body) =>
        (await Client.PostJsonAsync("/api/complaints", body)).ShouldBe(HttpStatusCode.Created).Id;

    /// <summary>Registered and settled on the spot, so closed at once; its closure reaches the analytics tables.</summary>
    private async Task<Guid> ClosedAsync(Dictionary<string, object?> body)
    {
        var id = await RegisterAsync(body);
        await Client.Step(id, "first-contact-settlement", new { resolution = "Re-torqued; apologised", customerAgreed = true, by = "Intake Zhao" });
        await Api.WaitForReportsAsync();
        return id;
    }

    private async Task<Guid?> RepeatOfAsync(Guid id) =>
        (await Client.GetJsonAsync($"/api/complaints/{id}")).Body!["repeatOf"] is JsonNode node ? Guid.Parse(node.GetValue<string>()) : null;

    [Fact]
    public async Task The_same_customer_and_category_or_the_same_vehicle_within_the_window_is_a_repeat_and_another_category_is_not()
    {
        var first = await ClosedAsync(Registration(plate: "浙A·12345"));
        Api.Clock.Advance(Duration.FromDays(10));

        var again = await RegisterAsync(Registration());
        var otherCategory = await RegisterAsync(Registration(category: "billing"));
        var sameVehicle = await RegisterAsync(Registration(category: "product-quality", phone: OtherPhone, plate: "浙A12345"));

        (await RepeatOfAsync(again)).ShouldBe(first);
        (await RepeatOfAsync(otherCategory)).ShouldBeNull();
        (await RepeatOfAsync(sameVehicle)).ShouldBe(first);
        (await RepeatOfAsync(first)).ShouldBeNull();
        var received = (await Client.HistoryAsync(again)).First(e => e!["type"]!.GetValue<string>() == "ComplaintReceived")!["data"]!;
        received["repeatOf"]!["link"]!.GetValue<string>().ShouldBe("customer");

        await Api.WaitForReportsAsync();
        var ledger = (await Client.GetJsonAsync("/api/ledger")).Body!["rows"]!.AsArray()
            .ToDictionary(r => Guid.Parse(r!["id"]!.GetValue<string>()), r => r!["repeatOf"]?.GetValue<string>());
        ledger.ShouldBe(new Dictionary<Guid, string?>
        {
            [first] = null, [again] = first.ToString(), [otherCategory] = null, [sameVehicle] = first.ToString()
        }, ignoreOrder: true);
        var found = (await Client.GetJsonAsync("/api/complaints?plate=%E6%B5%99A12345")).Body!["items"]!.AsArray();
        found.Select(i => i!["repeatOf"]?.GetValue<string>()).ShouldBe([first.ToString(), null]);
    }

    [Fact]
    public async Task A_registration_after_the_window_or_after_the_customer_was_erased_is_no_repeat()
    {
        await ClosedAsync(Registration());
        Api.Clock.Advance(Duration.FromDays(91));
        var late = await RegisterAsync(Registration());

        var erased = await ClosedAsync(Registration(phone: OtherPhone));
        using (var admin = Api.ClientFor("Admin", Roles.Admin))
            await admin.Step(erased, "personal-data/erasure", new { reason = "Customer asked" });
        await Api.WaitForReportsAsync();
        var afterErasure = await RegisterAsync(Registration(phone: OtherPhone));

        (await RepeatOfAsync(late)).ShouldBeNull();
        (await RepeatOfAsync(afterErasure)).ShouldBeNull();
    }

    [Fact]
    public async Task The_repeat_rate_of_the_KPIs_and_trends_is_what_the_documented_SQL_counts()
    {
        await ClosedAsync(Registration(plate: "浙A·12345"));
        Api.Clock.Advance(Duration.FromDays(10));
        await RegisterAsync(Registration());
        await RegisterAsync(Registration(category: "billing"));
        await RegisterAsync(Registration(category: "product-quality", phone: OtherPhone, plate: "浙A12345"));
        await Api.WaitForReportsAsync();

        // November: four received (20th and 30th, Shanghai), two of them repeats.
        var kpi = (await Client.GetJsonAsync("/api/kpis?from=2026-11-01&to=2026-11-30")).Body!["rows"]![0]!["repeatRate"]!;
        (kpi["count"]!.GetValue<long>(), kpi["of"]!.GetValue<long>(), kpi["value"]!.GetValue<double>()).ShouldBe((2L, 4L, 0.5));

        var series = (await Client.GetJsonAsync("/api/trends?from=2026-11-01&to=2026-11-30&by=category&period=month"))
            .ShouldBe(HttpStatusCode.OK).Body!["series"]!.AsArray()
            .ToDictionary(s => s!["key"]!.GetValue<string>(), s => s!["periods"]![0]!["repeatRate"]!);
        series.ToDictionary(s => s.Key, s => (s.Value["count"]!.GetValue<long>(), s.Value["of"]!.GetValue<long>()))
            .ShouldBe(new Dictionary<string, (long, long)>
            {
                ["repair-workmanship"] = (1, 2), ["billing"] = (0, 1), ["product-quality"] = (1, 1)
            }, ignoreOrder: true);

        await using var connection = await AnalystSqlTests.AnalystAsync(Api.ConnectionString);
        await using var query = new NpgsqlCommand(AnalystSqlTests.DocumentedQuery("<!-- analytics-example: repeat rate"), connection);
        await using var reader = await query.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        (await reader.ReadAsync(TestContext.Current.CancellationToken)).ShouldBeTrue();
        (reader.GetInt64(0), reader.GetInt64(1), reader.GetDecimal(2)).ShouldBe((2L, 4L, 0.5m));
    }
}
