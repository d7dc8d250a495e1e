using System.Diagnostics;

namespace Complaints.Host.Tests.Infrastructure;

/// <summary>
/// Runs a program the way an operator would, outside the test process: the engine's own command line (the built
/// host, from the host's folder so it finds its calendars) or a tool such as python3.
/// </summary>
public static class HostCommand
{
    public sealed record Outcome(int ExitCode, string Output, string Errors)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}\n{Errors}";
    }

    /// <summary>The engine's command line in Development against the given database.</summary>
    public static Task<Outcome> EngineAsync(string connectionString, params string[] args) =>
        EngineAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Marten"] = connectionString,
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Projections__Distribution"] = "solo"
        }, args);

    public static Task<Outcome> EngineAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            [Repository.HostAssembly, .. args], environment);

    public static async Task<Outcome> RunAsync(string program, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = Path.Combine(Repository.Root, "src", "Complaints.Host"),
            RedirectStandardOutput = true,
            RedirectStandardError = true
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var ct = TestContext.Current.CancellationToken;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Outcome(process.ExitCode, await output, await errors);
    }
}
