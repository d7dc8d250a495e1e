using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Complaints.Host.Security;
using Microsoft.Extensions.Configuration;

namespace Complaints.Bench;

/// <summary>The built engine run as an operator runs it: its own process, Kestrel on a loopback port.</summary>
public sealed class EngineProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Queue<string> tail = new();

    private EngineProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
        process.OutputDataReceived += (_, line) => Remember(line.Data);
        process.ErrorDataReceived += (_, line) => Remember(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    /// <summary>The engine's resident memory now.</summary>
    public long WorkingSetBytes
    {
        get
        {
            process.Refresh();
            return process.WorkingSet64;
        }
    }

    /// <summary>From the process start until the first readiness probe answered 200.</summary>
    public TimeSpan StartedIn { get; private set; }

    public static async Task<EngineProcess> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Repository.HostFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Complaints.Host.dll"), "--urls", address.ToString() },
            Environment = { ["DOTNET_ENVIRONMENT"] = "Development" }
        };
        foreach (var (key, value) in settings) start.Environment[key] = value;

        var clock = Stopwatch.StartNew();
        var engine = new EngineProcess(Process.Start(start) ?? throw new InvalidOperationException("The engine did not start"), address);
        await engine.WaitUntilReadyAsync(clock, ct);
        return engine;
    }

    public HttpClient Client(params string[] roles)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue })
        {
            BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30)
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(roles));
        return client;
    }

    private async Task WaitUntilReadyAsync(Stopwatch clock, CancellationToken ct)
    {
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (process.HasExited) throw new InvalidOperationException($"The engine exited with {process.ExitCode}:\n{Tail()}");
            try
            {
                using var answer = await probe.GetAsync("/health/ready", ct);
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    StartedIn = clock.Elapsed;
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(20, ct);
        }
        throw new TimeoutException($"The engine was not ready after two minutes:\n{Tail()}");
    }

    /// <summary>A token signed with the development key the process runs with (appsettings.Development.json).</summary>
    private static string Token(string[] roles)
    {
        var jwt = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Repository.HostFolder, "appsettings.Development.json"))
            .Build().GetSection("Authentication:Jwt").Get<JwtOptions>()!;
        return new DevelopmentTokens(jwt).Issue("bench", roles, TimeSpan.FromHours(2));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (tail)
        {
            tail.Enqueue(line);
            if (tail.Count > 40) tail.Dequeue();
        }
    }

    private string Tail()
    {
        lock (tail) return string.Join('\n', tail);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
