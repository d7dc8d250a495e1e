using System.Net;
using Complaints.Domain;
using Complaints.Host.Infrastructure;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace Complaints.Host.Tests.Errors;

/// <summary>
/// Inputs an outside review found accepted or answered 500 (ADR 0015): dates no complaint can have, which then broke
/// the reports for everyone or cost seconds of CPU, and text PostgreSQL refuses. Each is a 4xx naming the field,
/// and nothing is stored.
/// </summary>
public sealed class InputBoundsTests(ComplaintsApi api) : ApiTest(api)
{
    [Theory]
    [InlineData("requestedResolutionDate", "0000-01-01")]
    [InlineData("requestedResolutionDate", "-0001-01-01")]
    [InlineData("requestedResolutionDate", "9999-12-31")]
    [InlineData("requestedResolutionDate", "2031-11-21")]
    [InlineData("receivedAt", "1700-01-01T00:00:00Z")]
    [InlineData("receivedAt", "1999-12-31T23:59:59Z")]
    [InlineData("receivedAt", "2026-11-20T01:05:01Z")]
    [InlineData("occurredAt", "0001-01-01T00:00:00Z")]
    public async Task A_registration_dated_outside_the_plausible_window_is_400_and_records_nothing(string field, string value)
    {
        var body = Bodies.Registration();
        body[field] = value;

        var answer = (await Client.PostJsonAsync("/api/complaints", body)).ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldBe([field]);
        (await Api.ComplaintCountAsync()).ShouldBe(0);
        (await Api.EventCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_complaint_received_on_the_first_day_of_2000_is_acknowledged_and_reported()
    {
        var body = Bodies.Registration();
        body["receivedAt"] = "2000-01-01T00:00:00Z";
        body["requestedResolutionDate"] = "2004-12-31";
        var id = (await Client.PostJsonAsync("/api/complaints", body)).ShouldBe(HttpStatusCode.Created).Id;

        // The acknowledgement counts the working time since receipt: 27 years of the calendar.
        await Client.Step(id, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });
        await Api.WaitForReportsAsync();

        var row = (await Client.GetJsonAsync("/api/ledger?receivedFrom=2000-01-01&receivedTo=2000-01-01"))
            .ShouldBe(HttpStatusCode.OK).Body!["rows"]!.AsArray().ShouldHaveSingleItem()!;
        row["id"]!.GetValue<Guid>().ShouldBe(id);
        row["status"]!.GetValue<string>().ShouldBe("awaiting-verification");
        (await Client.GetJsonAsync($"/api/complaints/{id}/report")).ShouldBe(HttpStatusCode.OK)
            .Body!["report"]!["number"]!.GetValue<string>().ShouldStartWith("CP-2026-");
    }

    [Fact]
    public async Task A_registration_retried_after_its_requested_date_has_passed_gets_the_first_answer()
    {
        var once = Recorded.Header("Idempotency-Key", "register-li-wei");
        var first = (await Client.PostJsonAsync("/api/complaints", Bodies.Registration(), once)).ShouldBe(HttpStatusCode.Created);
        Api.Clock.Advance(Duration.FromDays(30)); // past the requested 30 November

        var retry = (await Client.PostJsonAsync("/api/complaints", Bodies.Registration(), once)).ShouldBe(HttpStatusCode.Created);

        retry.Id.ShouldBe(first.Id);
        (await Api.ComplaintCountAsync()).ShouldBe(1);
    }

    [Theory]
    [InlineData("/api/ledger?receivedFrom=0001-01-01", "receivedFrom")]
    [InlineData("/api/ledger?receivedFrom=-9999-01-01", "receivedFrom")]
    [InlineData("/api/ledger?receivedTo=9999-12-31", "receivedTo")]
    [InlineData("/api/ledger?receivedTo=2101-01-01T00:00:00Z", "receivedTo")]
    [InlineData("/api/ledger?receivedFrom=2099-01-01&receivedTo=2001-01-01", "receivedTo")]
    [InlineData("/api/kpis?from=0001-01-01", "from")]
    [InlineData("/api/kpis?from=-9999-01-01", "from")]
    [InlineData("/api/kpis?to=9999-12-31", "to")]
    [InlineData("/api/kpis?from=2099-01-01&to=2001-01-01", "from")]
    [InlineData("/api/reports/supervision/0000-01", "month")]
    [InlineData("/api/reports/supervision/1999-12", "month")]
    [InlineData("/api/reports/supervision/9999-12", "month")]
    [InlineData("/api/audit/export?from=0001-01-01", "from")]
    [InlineData("/api/audit/export?to=9999-12-31", "to")]
    [InlineData("/api/complaints/{id}?asOf=0001-01-01T00:00:00Z", "asOf")]
    [InlineData("/api/complaints/{id}?asOf=9999-12-31T23:59:59Z", "asOf")]
    [InlineData("/api/complaints/{id}?asOf=-9999-01-01T00:00:00Z", "asOf")]
    [InlineData("/api/complaints/{id}?version=99999999999999999999", "version")]
    [InlineData("/api/complaints/{id}?version=0", "version")]
    public async Task A_query_dated_outside_the_years_2000_to_2100_is_400_naming_the_parameter(string path, string parameter)
    {
        var id = await Client.RegisterAsync();
        var events = await Api.EventCountAsync();

        var answer = (await Client.GetJsonAsync(path.Replace("{id}", id.ToString())))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldBe([parameter]);
        (await Api.EventCountAsync()).ShouldBe(events);
    }

    [Theory]
    [InlineData("/api/ledger?department=a%00b", "department")]
    [InlineData("/api/ledger?status=awaiting-verification%09", "status")]
    [InlineData("/api/kpis?region=%01east", "region")]
    [InlineData("/api/audit/export?from=%002026-11-01", "from")]
    [InlineData("/api/complaints/{id}?asOf=2026-11-20T01:00:00Z%00", "asOf")]
    [InlineData("/api/ledger?x%00=1", "x\0")]
    public async Task A_query_value_with_control_characters_is_400_naming_the_parameter(string path, string parameter)
    {
        var id = await Client.RegisterAsync();

        var answer = (await Client.GetJsonAsync(path.Replace("{id}", id.ToString())))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldBe([parameter]);
        answer.Body!["errors"]![parameter]!.AsArray().Strings().ShouldBe(["contains control characters"]);
    }

    [Theory]
    [InlineData("/api/ledger?department=%C3%28", "department")]
    [InlineData("/api/ledger?page=1&region=%ED%A0%80", "region")]
    public async Task A_query_value_that_is_not_utf8_is_400_naming_the_parameter(string path, string parameter)
    {
        var answer = (await Client.GetJsonAsync(path)).ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldBe([parameter]);
        answer.Body!["errors"]![parameter]!.AsArray().Strings().ShouldBe(["is not percent-encoded UTF-8"]);
    }

    [Fact]
    public async Task A_query_value_longer_than_any_filter_list_is_400_naming_the_parameter()
    {
        var answer = (await Client.GetJsonAsync($"/api/ledger?department={new string('x', QueryGuard.MaxValueLength + 1)}"))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.Body!["errors"]!["department"]!.AsArray().Strings()
            .ShouldBe([$"is longer than {QueryGuard.MaxValueLength} characters"]);
    }

    [Fact]
    public async Task A_query_parameter_name_of_five_thousand_characters_is_400_without_repeating_it_whole()
    {
        var name = new string('n', 5000);

        var answer = (await Client.GetJsonAsync($"/api/ledger?{name}=1")).ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldBe([name[..QueryGuard.MaxShownNameLength] + "…"]);
        answer.Body!.ToJsonString().Length.ShouldBeLessThan(1000);
    }

    [Theory]
    [InlineData("acknowledgements", """{"department":"mainte\tnance","by":"Head Liu"}""", "department")]
    [InlineData("acknowledgements", """{"department":"maintenance","by":"Head\nLiu"}""", "by")]
    [InlineData("acknowledgements", """{"department":"maintenance","by":"Head\u2028Liu"}""", "by")]
    [InlineData("forward", """{"to":"customer\rservice","by":"Zhou"}""", "to")]
    public async Task A_single_line_field_with_a_line_break_or_a_tab_is_400_and_records_nothing(string step, string json,
        string field)
    {
        var id = await Client.RegisterAsync(receiverKind: step == "forward" ? "regional" : "customer-service");
        var before = await Client.VersionAsync(id);

        var answer = (await Client.SendJsonAsync($"/api/complaints/{id}/{step}", json)).ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldBe([field]);
        (await Client.VersionAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task Free_text_keeps_its_line_breaks_and_tabs()
    {
        var id = await Client.RegisterAsync();
        await Client.Step(id, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });

        await Client.Step(id, "verification",
            new { valid = true, findings = "Pads:\r\n\t- fitted without torque check", responsibleParties = new[] { "Workshop 2" }, by = "Head Liu" });

        (await Client.HistoryAsync(id)).Single(e => e.Type() == "ComplaintVerified")!["data"]!["findings"]!
            .GetValue<string>().ShouldBe("Pads:\r\n\t- fitted without torque check");
    }

    [Theory]
    [InlineData("customer", "name", 201)]
    [InlineData("receivedBy", "department", 201)]
    [InlineData(null, "location", 201)]
    [InlineData(null, "description", 4001)]
    public async Task A_registration_field_longer_than_its_limit_is_400_naming_it(string? parent, string field, int length)
    {
        var body = Bodies.Registration();
        var value = new string('x', length);
        body[parent ?? field] = parent switch
        {
            "customer" => new { name = value, phone = "+86 138 0000 0000" },
            "receivedBy" => new { name = "Zhang San", department = value, kind = "customer-service" },
            _ => value
        };

        var answer = (await Client.PostJsonAsync("/api/complaints", body)).ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldBe([parent is null ? field : $"{parent}.{field}"]);
        (await Api.ComplaintCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task More_than_fifty_responsible_parties_are_400_and_record_nothing()
    {
        var id = await Client.RegisterAsync();
        await Client.Step(id, "acknowledgements", new { department = Bodies.Department, by = "Head Liu" });
        var before = await Client.VersionAsync(id);

        var answer = (await Client.PostJsonAsync($"/api/complaints/{id}/verification", new
        {
            valid = true, findings = "Confirmed", responsibleParties = Enumerable.Range(1, 51).Select(i => $"Workshop {i}"), by = "Head Liu"
        })).ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldBe(["responsibleParties"]);
        (await Client.VersionAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task An_idempotency_key_with_control_characters_is_400_and_records_nothing()
    {
        var id = await Client.RegisterAsync();
        var before = await Client.VersionAsync(id);

        var answer = (await Client.PostJsonAsync($"/api/complaints/{id}/acknowledgements",
                new { department = Bodies.Department, by = "Head Liu" }, Recorded.Header("Idempotency-Key", "ack\u0001")))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        answer.ErrorFields().ShouldBe(["Idempotency-Key"]);
        (await Client.VersionAsync(id)).ShouldBe(before);
        (await Api.IdempotencyRecordCountAsync()).ShouldBe(0);
    }

    [Fact]
    public void The_bounds_are_read_from_the_InputBounds_settings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["InputBounds:Earliest"] = "2020-01-01", ["InputBounds:Latest"] = "2050-12-31",
            ["InputBounds:AllowedClockSkew"] = "00:01:00", ["InputBounds:ResolutionHorizonYears"] = "2"
        }).Build();

        InputBoundsOptions.Load(configuration).ShouldBe(
            new InputBounds(new LocalDate(2020, 1, 1), new LocalDate(2050, 12, 31), Duration.FromMinutes(1), 2));
        InputBoundsOptions.Load(new ConfigurationBuilder().Build()).ShouldBe(InputBounds.Default);
    }

    [Fact]
    public void Bounds_that_let_nothing_in_stop_the_host_at_start()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["InputBounds:Earliest"] = "2100-01-01", ["InputBounds:Latest"] = "2000-01-01"
        }).Build();

        Should.Throw<ArgumentException>(() => InputBoundsOptions.Load(configuration))
            .Message.ShouldContain("Latest must not lie before Earliest");
    }
}
