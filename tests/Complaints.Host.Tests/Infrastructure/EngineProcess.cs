using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Complaints.Host.Security;
using Microsoft.Extensions.Configuration;

namespace Complaints.Host.Tests.Infrastructure;

/// <summary>
/// The built engine running as a process of its own, as in production, so a test can kill it the hard way
/// (SIGKILL: no shutdown hooks, no flushing) and start it again on the same database.
/// </summary>
public sealed class EngineProcess : IAsyncDisposable
{
    private static readonly TimeSpan PatienceForReady = TimeSpan.FromSeconds(60);
    private const int LinesKept = 200;

    /// <summary>Signs like the engine in Development: the key and issuer of its appsettings.Development.json.</summary>
    private static readonly DevelopmentTokens DevelopmentTokens = new(new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json"))
        .Build().GetSection("Authentication:Jwt").Get<JwtOptions>()!);

    private readonly ProcessStartInfo start;
    private readonly Uri address;
    private readonly ConcurrentQueue<string> output = new();
    private Process process;

    private EngineProcess(ProcessStartInfo start, Uri address)
    {
        this.start = start;
        this.address = address;
        process = Launch();
    }

    /// <summary>The last lines the engine wrote, for failure messages.</summary>
    public string Output => string.Join('\n', output);

    /// <summary>
    /// Starts the engine in Development on <paramref name="connectionString"/> on a free loopback port and waits until
    /// <c>/health/ready</c> answers 200. Settings default to one node (solo), as on the embedded database.
    /// </summary>
    public static async Task<EngineProcess> StartAsync(string connectionString,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.Combine(Repository.Root, "src", "Complaints.Host"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { Repository.HostAssembly, "--urls", address.ToString() }
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Marten"] = connectionString;
        start.Environment["Messaging__DurabilityMode"] = "Solo";
        start.Environment["Projections__Distribution"] = "solo";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) start.Environment[name] = value;

        var engine = new EngineProcess(start, address);
        try
        {
            await engine.WaitUntilReadyAsync();
            return engine;
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    /// <summary>After <see cref="Kill"/>: the engine again, same settings and address, so clients carry on.</summary>
    public async Task StartAgainAsync()
    {
        if (!process.HasExited) throw new InvalidOperationException("The engine is still running.");
        process.Dispose();
        output.Enqueue("--- started again ---");
        process = Launch();
        await WaitUntilReadyAsync();
    }

    private Process Launch()
    {
        var launched = new Process { StartInfo = start };
        // Read both pipes continuously: a full pipe would block the engine's logging, and so the engine.
        launched.OutputDataReceived += (_, line) => Keep(line.Data);
        launched.ErrorDataReceived += (_, line) => Keep(line.Data);
        launched.Start();
        launched.BeginOutputReadLine();
        launched.BeginErrorReadLine();
        return launched;
    }

    /// <summary>Polls readiness until it answers 200; fails with the engine's output if it exits or takes too long.</summary>
    private async Task WaitUntilReadyAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = AnonymousClient();
        var patience = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The engine exited with {process.ExitCode} before it was ready:\n{Output}");
            if (await ReadinessAsync(client) == HttpStatusCode.OK) return;
            if (patience.Elapsed > PatienceForReady)
                throw new TimeoutException($"The engine was not ready within {PatienceForReady}:\n{Output}");
            await Task.Delay(100, ct);
        }
    }

    /// <summary>The readiness answer's status, or null while nothing listens.</summary>
    private static async Task<HttpStatusCode?> ReadinessAsync(HttpClient client)
    {
        try
        {
            using var answer = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
            return answer.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    public HttpClient AnonymousClient() => new() { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A client calling as <paramref name="name"/> with a token signed by the Development key.</summary>
    public HttpClient ClientFor(string name, params string[] roles)
    {
        var client = AnonymousClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Issue(name, roles, TimeSpan.FromHours(1)));
        return client;
    }

    public HttpClient StaffClient() => ClientFor(Tokens.Staff, Tokens.StaffRoles);

    /// <summary>SIGKILL on the engine: it gets no chance to finish a request, flush a buffer or sign off as a node.</summary>
    public void Kill()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        output.Enqueue(line);
        while (output.Count > LinesKept) output.TryDequeue(out _);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
