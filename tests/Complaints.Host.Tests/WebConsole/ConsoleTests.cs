using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Complaints.Host.Deadlines;
using Complaints.Host.Security;
using Complaints.Host.Tests.Infrastructure;
using Complaints.Host.Tests.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using NodaTime.Text;
using Shouldly;

namespace Complaints.Host.Tests.WebConsole;

/// <summary>
/// The console in Debian's Chromium, as its users work with it: signing in, walking a complaint through the forms,
/// reading the dashboard, the masking an analyst gets, a refused command, and a screenshot of each page.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleTests(ConsoleFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ConsoleHost Host => fixture.Host;

    [Fact]
    public async Task Each_kind_of_user_signs_in_and_reaches_the_pages_its_roles_allow()
    {
        // Where each role lands, which pages its menu offers, and one page it is refused.
        var expectations = new (string Role, string Home, string[] Menu, string Refused)[]
        {
            (Roles.Intake, "/console/worklist", ["/console/worklist"], "/console/dashboard"),
            (Roles.Department, "/console/worklist", ["/console/worklist"], "/console/ledger"),
            (Roles.CsLeadership, "/console/dashboard", ["/console/dashboard", "/console/supervision", "/console/ledger", "/console/worklist"], "/console/audit"),
            (Roles.GmOffice, "/console/dashboard", ["/console/dashboard", "/console/supervision", "/console/ledger", "/console/worklist"], "/console/audit"),
            (Roles.Auditor, "/console/dashboard", ["/console/dashboard", "/console/supervision", "/console/ledger", "/console/audit"], "/console/worklist"),
            (Roles.Analyst, "/console/dashboard", ["/console/dashboard", "/console/supervision", "/console/ledger"], "/console/worklist"),
            (Roles.Admin, "/console/audit", ["/console/audit"], "/console/dashboard"),
            (Roles.Service, "/console/worklist", ["/console/worklist"], "/console/supervision")
        };
        foreach (var (role, home, menu, refused) in expectations)
        {
            var page = await Host.SignInAsync($"User {role}", "maintenance", role);
            new Uri(page.Url).AbsolutePath.ShouldBe(home, $"{role} lands on its page");
            (await page.TextContentAsync("[data-testid=signed-in-as]"))!.ShouldContain($"User {role}");
            var links = await page.Locator("header nav a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            links.ShouldBe(menu, ignoreOrder: true, $"{role}'s menu");
            var answer = await page.GotoAsync(refused);
            answer!.Status.ShouldBe(403, $"{role} is refused {refused}");
            (await page.TextContentAsync("h1"))!.ShouldBe("无权访问");
            await page.Context.CloseAsync();
        }

        // Chinese by default, English on request, for the session that asked.
        var english = await Host.SignInAsync("Analyst Wu", "", Roles.Analyst);
        (await english.TextContentAsync("h1"))!.ShouldBe("仪表板");
        await english.ClickAsync("a.language");
        (await english.TextContentAsync("h1"))!.ShouldBe("Dashboard");
        (await english.GetAttributeAsync("html", "lang")).ShouldBe("en");
        await english.Context.CloseAsync();

        // Signed out, the console asks to sign in again.
        var anonymous = await Host.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = Host.Address.ToString() });
        await anonymous.GotoAsync("/console/ledger");
        new Uri(anonymous.Url).AbsolutePath.ShouldBe("/console/sign-in");
        await anonymous.Context.CloseAsync();
    }

    [Fact]
    public async Task A_complaint_walks_from_registration_to_closure_through_the_forms()
    {
        var intake = await Host.SignInAsync("Intake Zhao", "customer-service", Roles.Intake);
        var head = await Host.SignInAsync("Head Liu", "maintenance", Roles.Department);
        var gm = await Host.SignInAsync("GM Wang", "gm-office", Roles.GmOffice);
        var director = await Host.SignInAsync("Director Chen", "customer-service", Roles.CsLeadership);

        await intake.ClickAsync("a[href='/console/complaints/new']");
        await intake.SelectOptionAsync("select[name=Severity]", "B");
        await intake.SelectOptionAsync("select[name=Category]", "repair-workmanship");
        await intake.FillAsync("input[name=ResponsibleDepartment]", "maintenance");
        await intake.FillAsync("input[name=Region]", "cn-east");
        await intake.FillAsync("textarea[name=Description]", "刹车异响，维修单 RO-2291 修后两天复发");
        await intake.FillAsync("textarea[name=CustomerExpectation]", "免费重新维修");
        await intake.FillAsync("input[name=RequestedResolutionDate]", "2026-12-04");
        await intake.FillAsync("input[name=CustomerName]", "王芳");
        await intake.FillAsync("input[name=CustomerPhone]", "+86 139 0000 1234");
        await SubmitAsync(intake, intake.Locator("main form button[type=submit]"), "register");
        var complaint = new Uri(intake.Url).AbsolutePath;
        var number = (await intake.TextContentAsync("[data-testid=number]"))!.Trim();
        (await intake.TextContentAsync("[data-testid=status]"))!.ShouldBe("待签收");

        // The department finds it on its worklist (the staff-work read model, a moment behind) and works it from there.
        await Host.WaitForReportsAsync();
        await head.GotoAsync("/console/worklist");
        await head.ClickAsync($"tr[data-number='{number}'] a");
        new Uri(head.Url).AbsolutePath.ShouldBe(complaint);
        await ActAsync(head, complaint, "acknowledge");
        await ActAsync(head, complaint, "verify", ("findings", "未按力矩检查安装刹车片"), ("responsibleParties", "二号车间"));
        await ActAsync(gm, complaint, "confirm");
        await ActAsync(head, complaint, "propose-action-plan", ("rootCause", "No torque check"),
            ("correctiveActions", "Refit pads, road test"), ("preventiveActions", "Torque checklist"));
        await ActAsync(director, complaint, "review-action-plan");
        await ActAsync(gm, complaint, "review-action-plan");
        await ActAsync(intake, complaint, "respond-to-action-plan");
        await ActAsync(head, complaint, "report-execution", ("summary", "Pads refitted and road-tested"));
        await ActAsync(director, complaint, "review-execution");
        await ActAsync(intake, complaint, "compile-handling-report", ("summary", "Cause, actions and prevention"));
        await ActAsync(director, complaint, "review-handling-report");
        await ActAsync(gm, complaint, "review-handling-report");
        await ActAsync(intake, complaint, "close", ("sentTo", "wang.fang@example.com"));
        (await intake.TextContentAsync("[data-testid=status]"))!.ShouldBe("已关闭");
        await ActAsync(intake, complaint, "record-satisfaction");
        await ActAsync(intake, complaint, "record-follow-up", ("outcome", "reached"), ("scores.timeliness", "5"),
            ("scores.attitude", "4"), ("scores.result", "5"), ("comment", "回访：已修好"));

        // Every step is in the history with who did it, and the chain holds.
        var auditor = await Host.SignInAsync("Auditor Sun", "", Roles.Auditor);
        await auditor.GotoAsync(complaint);
        (await auditor.TextContentAsync("[data-testid=integrity]"))!.ShouldContain("链完整");
        var history = auditor.Locator("[data-testid=history] li");
        (await history.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.type)"))
            .ShouldContain("ComplaintClosed");
        (await history.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.type)")).ShouldContain("FollowUpRecorded");
        (await auditor.Locator("[data-testid=history] li[data-type=ComplaintConfirmed] .meta").TextContentAsync())!.ShouldContain("GM Wang");
        foreach (var page in new[] { intake, head, gm, director, auditor }) await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_worklist_shows_what_waits_for_me_with_its_due_time_and_a_department_only_its_own_work()
    {
        using var api = Host.StaffClient();
        var registration = Bodies.Registration();
        registration["responsibleDepartment"] = "parts";
        registration["owner"] = new { name = "Intake Qian" };
        var id = (await api.PostJsonAsync("/api/complaints", registration)).ShouldBe(HttpStatusCode.Created).Id;
        await Host.WaitForReportsAsync();
        var step = (await api.GetJsonAsync("/api/work?owner=Intake%20Qian")).ShouldBe(HttpStatusCode.OK).Body!["items"]!.AsArray()
            .Single(i => i!["complaintId"]!.GetValue<string>() == id.ToString())!;
        var number = step["number"]!.GetValue<string>();
        var due = InstantPattern.ExtendedIso.Parse(step["dueAt"]!.GetValue<string>()).Value
            .InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

        // Its owner finds it under "waiting for you", due when the API says, the parts department's step to sign.
        var owner = await Host.SignInAsync("Intake Qian", "customer-service", Roles.Intake);
        await owner.GotoAsync("/console/worklist");
        var row = owner.Locator($"[data-testid=work-mine] tr[data-number='{number}']");
        (await row.Locator("[data-testid=due]").TextContentAsync()).ShouldBe(due);
        (await row.Locator("[data-testid=department]").TextContentAsync()).ShouldBe("parts");
        (await row.Locator("[data-testid=owner]").TextContentAsync()).ShouldBe("Intake Qian");
        (await row.Locator("[data-testid=step]").TextContentAsync()).ShouldBe("待签收");
        await owner.Context.CloseAsync();

        // A department's head sees that department's work only: what /api/work answers a token of that department.
        var head = await Host.SignInAsync("Head Ma", "sales", Roles.Department);
        await head.GotoAsync("/console/worklist");
        var numbers = await head.Locator("[data-testid=work-department] tr[data-number]")
            .EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.number)");
        using var sales = Host.ClientWithClaims(new Claim("sub", "head-ma"), new Claim("name", "Head Ma"),
            new Claim("roles", Roles.Department), new Claim("department", "sales"));
        var salesWork = (await sales.GetJsonAsync("/api/work")).ShouldBe(HttpStatusCode.OK).Body!["items"]!.AsArray();
        numbers.ShouldBe([.. salesWork.Select(i => i!["number"]!.GetValue<string>())]);
        numbers.ShouldNotBeEmpty("the seeded month leaves sales work open");
        (await head.Locator("[data-testid=department]").AllTextContentsAsync()).ShouldAllBe(d => d == "sales");
        (await head.ContentAsync()).ShouldNotContain(number);
        (await head.Locator("[data-testid=work-department] tr.overdue [data-testid=overdue]").CountAsync())
            .ShouldBe(salesWork.Count(i => i!["overdue"]!.GetValue<bool>()));
        await head.Context.CloseAsync();
    }

    [Fact]
    public async Task The_dashboard_shows_the_figures_of_the_kpi_api_for_the_same_period()
    {
        var page = await Host.SignInAsync("GM Wang", "gm-office", Roles.GmOffice);
        await page.GotoAsync("/console/dashboard?from=2026-11-01&to=2026-11-30&period=week");
        using var api = Host.ClientFor("GM Wang", Roles.GmOffice);
        var whole = (await api.GetFromJsonAsync<JsonElement>("/api/kpis?from=2026-11-01&to=2026-11-30", Ct)).GetProperty("rows")[0];
        var weeks = (await api.GetFromJsonAsync<JsonElement>("/api/kpis?from=2026-11-01&to=2026-11-30&period=week", Ct)).GetProperty("rows");
        var departments = (await api.GetFromJsonAsync<JsonElement>("/api/kpis?from=2026-11-01&to=2026-11-30&groupBy=department", Ct)).GetProperty("rows");

        (await Kpi(page, "received")).ShouldBe(whole.GetProperty("received").GetInt64().ToString(CultureInfo.InvariantCulture));
        (await Kpi(page, "closed")).ShouldBe(whole.GetProperty("closed").GetInt64().ToString(CultureInfo.InvariantCulture));
        (await Kpi(page, "open-at-end")).ShouldBe(whole.GetProperty("openAtEnd").GetInt64().ToString(CultureInfo.InvariantCulture));
        (await Kpi(page, "escalations")).ShouldBe(whole.GetProperty("escalations").GetInt64().ToString(CultureInfo.InvariantCulture));
        whole.GetProperty("received").GetInt64().ShouldBeGreaterThan(10, "the seeded month is on the dashboard");
        foreach (var rule in whole.GetProperty("onTimeByRule").EnumerateObject())
        {
            var row = page.Locator($"[data-testid=on-time-by-deadline] tr[data-key={rule.Name}] td.num");
            (await row.AllTextContentsAsync()).Take(2).ShouldBe(
                [rule.Value.GetProperty("count").GetInt64().ToString(CultureInfo.InvariantCulture), rule.Value.GetProperty("of").GetInt64().ToString(CultureInfo.InvariantCulture)], rule.Name);
        }
        foreach (var week in weeks.EnumerateArray())
        {
            var row = page.Locator($"[data-testid=received-closed-open] tr[data-key='{week.GetProperty("period").GetString()}'] td.num");
            (await row.AllTextContentsAsync()).ShouldBe(
            [
                week.GetProperty("received").GetInt64().ToString(CultureInfo.InvariantCulture), week.GetProperty("closed").GetInt64().ToString(CultureInfo.InvariantCulture),
                week.GetProperty("openAtEnd").GetInt64().ToString(CultureInfo.InvariantCulture)
            ], week.GetProperty("period").GetString());
        }
        foreach (var week in weeks.EnumerateArray())
        {
            var row = page.Locator($"[data-testid=time-to-close] tr[data-key='{week.GetProperty("period").GetString()}'] td.num");
            var close = week.GetProperty("timeToClose");
            (await row.AllTextContentsAsync()).ShouldBe(
                [close.GetProperty("count").GetInt64().ToString(CultureInfo.InvariantCulture), Minutes(close, "median"), Minutes(close, "p90")],
                week.GetProperty("period").GetString());
        }
        departments.GetArrayLength().ShouldBeGreaterThan(1, "the seeded month spans departments");
        foreach (var department in departments.EnumerateArray())
        {
            var row = page.Locator($"[data-testid=on-time-by-department] tr[data-key='{department.GetProperty("group").GetString()}'] td.num");
            var rate = department.GetProperty("timelinessRate");
            (await row.AllTextContentsAsync()).Take(2).ShouldBe(
                [rate.GetProperty("count").GetInt64().ToString(CultureInfo.InvariantCulture), rate.GetProperty("of").GetInt64().ToString(CultureInfo.InvariantCulture)],
                department.GetProperty("group").GetString());
        }
        // The charts were drawn, and each one's numbers download as CSV with a BOM.
        (await page.Locator("canvas[data-chart]").CountAsync()).ShouldBe(12, "six KPI charts and six trends");
        (await page.EvaluateAsync<int>("() => Object.keys(Chart.instances).length")).ShouldBe(12);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#on-time-by-deadline a"));
        var csv = await File.ReadAllBytesAsync((await download.PathAsync())!, Ct);
        csv.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        System.Text.Encoding.UTF8.GetString(csv, 3, csv.Length - 3).ShouldStartWith("时限,按时,已判定,比率\r\nD3,");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_dashboard_shows_the_after_closing_trends_of_the_trends_api_with_their_csv()
    {
        var page = await Host.SignInAsync("Analyst Wu", "", Roles.Analyst);
        await page.GotoAsync("/console/dashboard?from=2026-11-01&to=2026-11-30&period=week&trendBy=department");
        using var api = Host.ClientFor("Analyst Wu", Roles.Analyst);
        var trends = await api.GetFromJsonAsync<JsonElement>("/api/trends?from=2026-11-01&to=2026-11-30&by=department&period=week", Ct);

        var series = trends.GetProperty("series");
        series.GetArrayLength().ShouldBeGreaterThan(1, "the seeded month spans departments");
        foreach (var key in series.EnumerateArray())
        {
            var name = key.GetProperty("key").GetString();
            var periods = key.GetProperty("periods").EnumerateArray().ToList();
            (await page.Locator($"[data-testid=trend-received] tr[data-key='{name}'] td.num").AllTextContentsAsync())
                .ShouldBe([.. periods.Select(p => p.GetProperty("received").GetInt64().ToString(CultureInfo.InvariantCulture))], name);
            (await page.Locator($"[data-testid=trend-on-time] tr[data-key='{name}'] td.num").AllTextContentsAsync())
                .ShouldBe([.. periods.Select(p => Percent(p.GetProperty("onTimeRate")))], name);
            (await page.Locator($"[data-testid=trend-repeat] tr[data-key='{name}'] td.num").AllTextContentsAsync())
                .ShouldBe([.. periods.Select(p => Percent(p.GetProperty("repeatRate")))], name);
        }
        var followUps = series.EnumerateArray().Sum(k => k.GetProperty("periods").EnumerateArray()
            .Count(p => p.GetProperty("satisfaction").GetProperty("count").GetInt64() > 0));
        (await page.Locator("[data-testid=trend-follow-up] tbody tr").CountAsync()).ShouldBe(followUps);
        var top = trends.GetProperty("top").EnumerateArray().ToList();
        top.ShouldNotBeEmpty();
        foreach (var cause in top)
            (await page.Locator($"[data-testid=top-root-causes] tr[data-key='{cause.GetProperty("rootCause").GetString()}'] td.num")
                .First.TextContentAsync()).ShouldBe(cause.GetProperty("count").GetInt64().ToString(CultureInfo.InvariantCulture));

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#trend-received a"));
        var csv = await File.ReadAllBytesAsync((await download.PathAsync())!, Ct);
        csv.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = System.Text.Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("部门," + string.Join(",", series[0].GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("period").GetString())));
        lines.Length.ShouldBe(series.GetArrayLength() + 1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_dashboard_counts_the_complaints_flagged_for_pause_abuse_and_the_complaint_lists_its_pauses()
    {
        // Paused 72 of its 74 hours awaiting the customer (PauseAbuseTests); the seeded month pauses an hour at most.
        var stalled = PauseAbuseTests.Stalled(Host.Services.GetRequiredService<DeadlineSettings>(), "CP-2026-000900");
        await November.RecordAsync(Host, [stalled]);
        var page = await Host.SignInAsync("Analyst Wu", "", Roles.Analyst);
        await page.GotoAsync("/console/dashboard?from=2026-11-01&to=2026-11-30&period=month&trendBy=department");
        using var api = Host.ClientFor("Analyst Wu", Roles.Analyst);
        var trends = await api.GetFromJsonAsync<JsonElement>("/api/trends?from=2026-11-01&to=2026-11-30&by=department&period=month", Ct);

        foreach (var key in trends.GetProperty("series").EnumerateArray())
        {
            var name = key.GetProperty("key").GetString();
            (await page.Locator($"[data-testid=trend-pause-abuse] tr[data-key='{name}'] td.num").AllTextContentsAsync())
                .ShouldBe([.. key.GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("pauseAbuse")).Select(a =>
                    $"{a.GetProperty("count").GetInt64()} / {a.GetProperty("of").GetInt64()}")], name);
        }
        (await page.Locator("[data-testid=trend-pause-abuse] tr[data-key='maintenance'] td.num").TextContentAsync())!
            .ShouldStartWith("1 / ");

        await page.GotoAsync($"/console/complaints/{stalled.Id}");
        (await page.TextContentAsync("[data-testid=pause-abuse]"))!.ShouldBe("暂停异常");
        (await page.TextContentAsync("[data-testid=paused-minutes]"))!.ShouldBe("4320");
        var pause = page.Locator("[data-testid=pauses] tbody tr[data-rule=D8]");
        (await pause.CountAsync()).ShouldBe(1);
        (await pause.TextContentAsync())!.ShouldContain("2026-11-09 10:00");
        await page.Context.CloseAsync();
    }

    /// <summary>A rate as the dashboard's tables show it.</summary>
    private static string Percent(JsonElement rate) => global::Complaints.Host.WebConsole.ConsolePage.Percent(
        rate.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null);

    [Fact]
    public async Task The_supervision_report_lists_a_complaint_escalated_since_it_was_last_shown()
    {
        var page = await Host.SignInAsync("GM Wang", "gm-office", Roles.GmOffice);
        await page.GotoAsync("/console/supervision?month=2026-11");
        var escalated = page.Locator("[data-testid=escalated-complaints] tbody tr");
        var before = await escalated.CountAsync();

        // Class A escalates to the GM office at receipt.
        using var api = Host.StaffClient();
        var id = (await api.PostJsonAsync("/api/complaints", Bodies.Registration(severity: "A"))).ShouldBe(HttpStatusCode.Created).Id;
        var number = (await api.GetJsonAsync($"/api/complaints/{id}")).Text("number");
        await Host.WaitForReportsAsync();
        await page.ReloadAsync();

        (await escalated.CountAsync()).ShouldBe(before + 1);
        (await page.Locator("[data-testid=escalated-complaints]").TextContentAsync())!.ShouldContain(number);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_analyst_sees_the_customer_masked_as_the_api_masks_it()
    {
        var page = await Host.SignInAsync("Analyst Wu", "", Roles.Analyst);
        await page.GotoAsync("/console/ledger?receivedFrom=2026-11-09&receivedTo=2026-11-09");
        await page.ClickAsync("tr[data-number='CP-2026-000001'] a");
        (await page.TextContentAsync("[data-testid=customer-name]"))!.ShouldBe("L*****");
        (await page.TextContentAsync("[data-testid=customer-phone]"))!.ShouldBe("*****0000");
        var everything = await page.ContentAsync();
        everything.ShouldNotContain(ConsoleMonth.MaskedCustomer);
        everything.ShouldNotContain("138 0000");
        // What the analyst may not read is not on the page at all: no history, no actions.
        (await page.Locator("[data-testid=history]").CountAsync()).ShouldBe(0);
        (await page.Locator("form[data-action]").CountAsync()).ShouldBe(0);
        (await page.TextContentAsync("[data-testid=report]"))!.ShouldContain("Head Liu");

        // The ledger's CSV download keeps Chinese legible in Excel: UTF-8 with a BOM.
        var download = await page.RunAndWaitForDownloadAsync(async () =>
        {
            await page.GotoAsync("/console/ledger");
            await page.ClickAsync("[data-testid=ledger-csv]");
        });
        var csv = await File.ReadAllBytesAsync((await download.PathAsync())!, Ct);
        csv.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        System.Text.Encoding.UTF8.GetString(csv).ShouldContain("CP-2026-000001");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_records_nothing()
    {
        using var api = Host.StaffClient();
        var id = await api.RegisterAsync();
        var before = await api.StatusAsync(id);
        var head = await Host.SignInAsync("Head Liu", "maintenance", Roles.Department);

        // The session's cookie goes along, as it would from another site's page; the form's token does not.
        var form = head.APIRequest.CreateFormData();
        form.Set("action", "acknowledge");
        var answer = await head.APIRequest.PostAsync($"/console/complaints/{id}", new APIRequestContextOptions { Form = form });

        answer.Status.ShouldBe((int)HttpStatusCode.BadRequest);
        (await api.StatusAsync(id)).ShouldBe(before);
        await head.Context.CloseAsync();
    }

    [Fact]
    public async Task A_refused_command_shows_its_reason()
    {
        using var api = Host.StaffClient();
        var complaint = $"/console/complaints/{await api.RegisterAsync()}";
        var head = await Host.SignInAsync("Head Liu", "maintenance", Roles.Department);
        var other = await head.Context.NewPageAsync();
        await head.GotoAsync(complaint);
        await other.GotoAsync(complaint);
        const string action = "acknowledge";

        // Someone else acted since this page was drawn: its version is stale (412).
        await ActAsync(head, complaint, action);
        await other.ClickAsync($"form[data-action='{action}'] button[type=submit]");
        var stale = (await other.TextContentAsync("[data-testid=refusal]"))!;
        stale.ShouldContain("412");
        stale.ShouldContain("打开页面后投诉已被他人修改");

        // A step of the department's that the state does not allow yet, sent without a version: the decider's reason (409).
        await other.GotoAsync(complaint);
        await other.EvaluateAsync("""
            () => { const f = document.querySelector("form[data-action]");
                    f.querySelector("input[name=action]").value = "report-execution"; f.querySelector("input[name=version]").remove();
                    const summary = document.createElement("input"); summary.name = "summary"; summary.value = "Done"; f.append(summary);
                    f.submit(); }
            """);
        await other.WaitForSelectorAsync("[data-testid=refusal]");
        var refused = (await other.TextContentAsync("[data-testid=refusal]"))!;
        refused.ShouldContain("409");
        refused.ShouldContain("'report-execution' is not allowed while the complaint is awaiting-verification");
        await head.Context.CloseAsync();
    }

    /// <summary>Fills an allowed action's form on the complaint's page (defaults for the rest) and waits for "done".</summary>
    private static async Task ActAsync(IPage page, string complaint, string action, params (string Field, string Value)[] fields)
    {
        await page.GotoAsync(complaint);
        var form = page.Locator($"form[data-action='{action}']");
        (await form.CountAsync()).ShouldBe(1, $"{action} is offered to {await page.TextContentAsync("[data-testid=signed-in-as]")}");
        foreach (var (field, value) in fields)
        {
            var input = form.Locator($"[name='{field}']");
            if (await input.EvaluateAsync<string>("e => e.tagName") == "SELECT") await input.SelectOptionAsync(value);
            else await input.FillAsync(value);
        }
        await SubmitAsync(page, form.Locator("button[type=submit]"), action);
    }

    private static async Task SubmitAsync(IPage page, ILocator submit, string action)
    {
        await submit.ClickAsync();
        try
        {
            await page.WaitForSelectorAsync("[data-testid=done], [data-testid=refusal]");
        }
        catch (TimeoutException)
        {
            throw new ShouldAssertException($"{action} answered neither done nor refused at {page.Url}: {await page.InnerTextAsync("main")}");
        }
        if (await page.Locator("[data-testid=refusal]").CountAsync() > 0)
            throw new ShouldAssertException($"{action} was refused: {await page.TextContentAsync("[data-testid=refusal]")}");
    }

    /// <summary>A figure in working minutes as the dashboard's tables show it; the API leaves it out when there is none.</summary>
    private static string Minutes(JsonElement figures, string name) =>
        figures.TryGetProperty(name, out var minutes) && minutes.ValueKind != JsonValueKind.Null
            ? minutes.GetDouble().ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)
            : "";

    private static async Task<string> Kpi(IPage page, string name) =>
        (await page.TextContentAsync($"[data-kpi={name}]"))!.Trim();
}
