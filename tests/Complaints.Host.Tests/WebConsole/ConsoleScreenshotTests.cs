using Complaints.Host.Security;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.Playwright;
using Shouldly;

namespace Complaints.Host.Tests.WebConsole;

/// <summary>
/// A screenshot of each page over the seeded month, as docs/console.md shows them. They go to the test's output
/// folder; with <c>CONSOLE_SCREENSHOTS</c> set to a folder (docs/console), there, to refresh the documentation.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleScreenshotTests(ConsoleFixture fixture)
{
    public static readonly string Folder = Environment.GetEnvironmentVariable("CONSOLE_SCREENSHOTS") is { Length: > 0 } folder
        ? Path.GetFullPath(folder)
        : Path.Combine(AppContext.BaseDirectory, "console-screenshots");

    [Fact]
    public async Task Each_page_is_captured_over_the_seeded_month()
    {
        var host = fixture.Host;
        Directory.CreateDirectory(Folder);
        var signIn = await host.Browser.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = host.Address.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 900 }
        });
        await signIn.GotoAsync("/console/sign-in");
        await ShootAsync(signIn, "sign-in");
        await signIn.Context.CloseAsync();

        var director = await host.SignInAsync("Director Chen", "customer-service", Roles.CsLeadership, Roles.GmOffice, Roles.Auditor);
        await director.GotoAsync("/console/dashboard?from=2026-11-01&to=2026-11-30&period=week");
        await ShootAsync(director, "dashboard");
        await director.GotoAsync("/console/supervision?month=2026-11");
        await ShootAsync(director, "supervision");
        await director.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        (await director.Locator("header.bar").IsVisibleAsync()).ShouldBeFalse("the printout leaves the menu out");
        await director.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await director.GotoAsync("/console/ledger?receivedFrom=2026-11-01&receivedTo=2026-11-30");
        await ShootAsync(director, "ledger");
        await director.ClickAsync("tr[data-number='CP-2026-000002'] a");
        await director.Locator("[data-testid=history] details").First.EvaluateAsync("d => d.open = true");
        await ShootAsync(director, "complaint");
        await director.GotoAsync("/console/audit?from=2026-11-01&to=2026-11-30");
        await ShootAsync(director, "audit");
        (await director.TextContentAsync("[data-testid=audit-summary]"))!.ShouldContain("全部完整");
        var export = await director.RunAndWaitForDownloadAsync(() => director.ClickAsync("[data-testid=export]"));
        var lines = await File.ReadAllLinesAsync((await export.PathAsync())!, TestContext.Current.CancellationToken);
        lines.ShouldNotBeEmpty("the month's NDJSON export");
        lines.ShouldAllBe(line => line.StartsWith("{\"streamId\""));
        await director.Context.CloseAsync();

        var intake = await host.SignInAsync("Intake Zhao", "customer-service", Roles.Intake);
        await intake.GotoAsync("/console/complaints/new");
        await ShootAsync(intake, "new-complaint");
        await intake.Context.CloseAsync();

        var head = await host.SignInAsync("Head Liu", "maintenance", Roles.Department);
        await head.GotoAsync("/console/worklist");
        await ShootAsync(head, "worklist");
        await head.Context.CloseAsync();

        foreach (var name in new[] { "sign-in", "dashboard", "supervision", "ledger", "complaint", "audit", "new-complaint", "worklist" })
            new FileInfo(Path.Combine(Folder, name + ".png")).Length.ShouldBeGreaterThan(10_000, name);
    }

    private static Task<byte[]> ShootAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
}
