using System.Diagnostics;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Complaints.Host.Tests.WebConsole;

/// <summary>
/// The engine on a real socket (Kestrel on a free loopback port) with a database of its own, and one headless Debian
/// Chromium driven by Playwright for every browser test. Installs Chromium and a CJK font first when the machine lacks
/// them and the tests run as root; otherwise says what to install.
/// </summary>
public sealed class ConsoleHost : ComplaintsApi
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumFlags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"
    ];

    private IPlaywright? playwright;

    public ConsoleHost() : base("complaints_console_tests") => UseKestrel(0);

    public IBrowser Browser { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public async Task StartAsync()
    {
        await InitializeAsync();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.Single().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
        await BrowserPrerequisites.EnsureAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumFlags
        });
    }

    /// <summary>A fresh browser session (cookies of its own) signed in on the Development page as these roles.</summary>
    public async Task<IPage> SignInAsync(string name, string department, params string[] roles)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 1000 }, AcceptDownloads = true
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/console/sign-in");
        await page.FillAsync("input[name=Name]", name);
        await page.FillAsync("input[name=Department]", department);
        foreach (var role in roles) await page.CheckAsync($"input[name=Roles][value={role}]");
        await page.ClickAsync("form.form button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/sign-in"));
        return page;
    }

    public async Task StopBrowserAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
    }
}

/// <summary>Debian's Chromium and a font with Chinese glyphs, which the browser tests and their screenshots need.</summary>
public static class BrowserPrerequisites
{
    private static readonly SemaphoreSlim Once = new(1, 1);

    public const string Packages = "chromium fonts-noto-cjk";

    public static async Task EnsureAsync()
    {
        await Once.WaitAsync();
        try
        {
            var missing = !File.Exists(ConsoleHost.ChromiumPath) || !await HasChineseFontAsync();
            if (!missing) return;
            if (Environment.UserName != "root")
                throw new InvalidOperationException(
                    $"The console's browser tests need Debian's Chromium at {ConsoleHost.ChromiumPath} and a CJK font: " +
                    $"sudo apt-get install -y {Packages}");
            // A fresh machine may have no package lists yet.
            if (await RunAsync("apt-get", $"install -y -q {Packages}") != 0)
            {
                await RunAsync("apt-get", "update -q");
                if (await RunAsync("apt-get", $"install -y -q {Packages}") != 0)
                    throw new InvalidOperationException($"apt-get install -y {Packages} failed; install them by hand.");
            }
        }
        finally
        {
            Once.Release();
        }
    }

    private static async Task<bool> HasChineseFontAsync()
    {
        try
        {
            using var fc = Process.Start(new ProcessStartInfo("fc-list", ":lang=zh family") { RedirectStandardOutput = true })!;
            var fonts = await fc.StandardOutput.ReadToEndAsync();
            await fc.WaitForExitAsync();
            return fonts.Trim().Length > 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no fontconfig yet: Chromium's package brings it
        }
    }

    private static async Task<int> RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await Task.WhenAll(output, error);
        return process.ExitCode;
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}

/// <summary>Starts the <see cref="ConsoleHost"/> and its browser once for the console's tests.</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public ConsoleHost Host { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await Host.StartAsync();
        await Host.ResetAsync();
        await ConsoleMonth.RecordAsync(Host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopBrowserAsync();
        await Host.DisposeAsync();
    }
}
