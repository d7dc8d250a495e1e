using System.Globalization;

namespace Complaints.Bench;

/// <summary>What one run measures and for how long; the defaults are the figures docs/benchmarks.md reports.</summary>
public sealed record BenchOptions
{
    public int Writers { get; init; } = 16;
    public TimeSpan WriteDuration { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan RateStep { get; init; } = TimeSpan.FromSeconds(30);
    public double LatencyTargetMs { get; init; } = 50;
    public long RebuildEvents { get; init; } = 1_000_000;
    public int Timers { get; init; } = 10_000;
    public TimeSpan TimerLength { get; init; } = TimeSpan.FromSeconds(60);
    public int ColdStarts { get; init; } = 3;
    public int ConsoleComplaints { get; init; } = 5_000;
    public int ConsoleRequests { get; init; } = 100;
    /// <summary>The embedded PostgreSQL's port; by default the one the engine derives for this checkout.</summary>
    public int? Port { get; init; }
    public string? Output { get; init; } = Path.Combine(Repository.Root, "docs", "benchmarks.md");
    public string Only { get; init; } = "abcdefg";
    /// <summary>False runs (b) and (e) with notifications off, to compare (docs/benchmarks.md).</summary>
    public bool Notifications { get; init; } = true;

    /// <summary>
    /// Runs (b) and (e) a second time with notifications off, so one run states both (issue 15 asks the figures with
    /// notifications on to stay within 10 % of those without); <c>--notifications on|off</c> runs only that one.
    /// </summary>
    public bool CompareNotifications { get; init; } = true;

    public bool Runs(char measurement) => Only.Contains(measurement);

    public static BenchOptions Parse(string[] args)
    {
        var options = args.Contains("--quick")
            ? new BenchOptions
            {
                WriteDuration = TimeSpan.FromSeconds(3), RateStep = TimeSpan.FromSeconds(3), RebuildEvents = 50_000,
                Timers = 500, TimerLength = TimeSpan.FromSeconds(10), ColdStarts = 1, ConsoleComplaints = 340,
                ConsoleRequests = 10, Output = null
            }
            : new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--quick" => options,
                "--seconds" => options with { WriteDuration = TimeSpan.FromSeconds(int.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--step-seconds" => options with { RateStep = TimeSpan.FromSeconds(int.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--events" => options with { RebuildEvents = long.Parse(Next(), CultureInfo.InvariantCulture) },
                "--timers" => options with { Timers = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--timer-seconds" => options with { TimerLength = TimeSpan.FromSeconds(int.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--only" => options with { Only = Next() },
                "--port" => options with { Port = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--notifications" => options with { Notifications = Next() != "off", CompareNotifications = false },
                "--output" => options with { Output = Next() is "-" ? null : Path.GetFullPath(args[i]) },
                _ => throw new ArgumentException(
                    $"Unknown option {args[i]}. Options: --quick, --seconds N, --step-seconds N, --events N, --timers N, " +
                    "--timer-seconds N, --only LETTERS (e.g. ab), --port N (embedded PostgreSQL), --notifications on|off, --output FILE|-")
            };
        }
        return options;
    }
}

public static class Repository
{
    /// <summary>The checkout: the folder holding Complaints.sln above the running program.</summary>
    public static string Root { get; } = FindRoot();

    public static string HostFolder => Path.Combine(Root, "src", "Complaints.Host");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Complaints.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run the bench from a checkout: Complaints.sln was not found above it.");
    }
}
