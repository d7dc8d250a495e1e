using System.Diagnostics;
using Npgsql;

namespace Complaints.Host.Infrastructure;

public sealed class EmbeddedPostgresOptions
{
    /// <summary>Cluster folder; defaults to <c>.data/postgres</c> beside <c>Complaints.sln</c>.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// The cluster's port; when not set, derived from the data folder (<see cref="EmbeddedPostgres.DerivedPort"/>) so two
    /// checkouts on one machine do not meet on one port.
    /// </summary>
    public int? Port { get; set; }

    public string Database { get; set; } = "complaints";

    /// <summary>Folder with initdb and pg_ctl; found through pg_config or /usr/lib/postgresql when empty.</summary>
    public string? BinDirectory { get; set; }

    public IEnumerable<string> Problems()
    {
        if (Port is < 1024 or > 65535) yield return $"Port must be between 1024 and 65535 (is {Port}).";
        if (string.IsNullOrWhiteSpace(Database) || Database.Length > 63)
            yield return "Database must be a name of 1 to 63 characters.";
        if (BinDirectory is { Length: > 0 } bin && !File.Exists(Path.Combine(bin, "pg_ctl")))
            yield return $"BinDirectory ({bin}) holds no pg_ctl.";
    }
}

/// <summary>
/// A private PostgreSQL cluster for development and tests, started on demand and left running so the
/// next start reuses it (docs/adr/0004). As root, the server runs as the <c>postgres</c> user because
/// initdb refuses root.
/// </summary>
public sealed class EmbeddedPostgres(EmbeddedPostgresOptions options, ILogger logger)
{
    private const string SuperUser = "complaints";
    private static readonly bool RunningAsRoot = Environment.UserName == "root";

    /// <summary>
    /// Ports derived from data folders lie in [<see cref="FirstDerivedPort"/>, +<see cref="DerivedPorts"/>): below Linux's
    /// ephemeral range (32768-60999), where the local end of any outgoing connection may hold a port for a while.
    /// </summary>
    public const int FirstDerivedPort = 24000, DerivedPorts = 1000;

    public string DataDirectory { get; } = Reachable(Path.GetFullPath(options.DataDirectory ?? DefaultDataDirectory()));

    /// <summary>The port configured, or the one derived from the data folder.</summary>
    public int Port => options.Port ?? DerivedPort(DataDirectory);

    /// <summary>
    /// A port of the folder's own, away from a system cluster's 5432: the same folder always gets the same one, two
    /// checkouts almost never meet (1 in 1000 for two), and if they do the second says so and names the setting.
    /// </summary>
    public static int DerivedPort(string dataDirectory) => FirstDerivedPort + (int)(BitConverter.ToUInt32(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dataDirectory))) % DerivedPorts);

    /// <summary>Starts (or reuses) the cluster, creates the database if needed, and returns its connection string.</summary>
    public async Task<string> EnsureRunningAsync(CancellationToken ct = default)
    {
        var bin = options.BinDirectory ?? FindBinDirectory();
        int port;
        using (await CrossProcessLock.AcquireAsync(DataDirectory + ".lock", ct))
        {
            if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION"))) await InitializeAsync(bin, ct);
            if (await RunAsync(Path.Combine(bin, "pg_ctl"), ["status", "-D", DataDirectory], ct, throwOnError: false) != 0)
            {
                port = Port;
                logger.EmbeddedStarting(DataDirectory, port);
                await StartAsync(bin, port, ct);
            }
            else
                // A cluster started earlier (before a port change, by an older engine) is used where it listens.
                port = await RunningPortAsync(ct) ?? Port;

            await CreateDatabaseIfMissingAsync(Server(port).ConnectionString, options.Database, ct);
        }

        logger.EmbeddedUsed(DataDirectory, port, options.Database);
        return new NpgsqlConnectionStringBuilder(Server(port).ConnectionString) { Database = options.Database, Pooling = true }
            .ConnectionString;
    }

    /// <summary>
    /// Stops the cluster if it runs. <paramref name="immediately"/> aborts the server as a crash would (the next start
    /// replays the log); otherwise it disconnects clients and shuts down cleanly.
    /// </summary>
    public async Task StopAsync(bool immediately, CancellationToken ct = default)
    {
        var pgCtl = Path.Combine(options.BinDirectory ?? FindBinDirectory(), "pg_ctl");
        using (await CrossProcessLock.AcquireAsync(DataDirectory + ".lock", ct))
            if (await RunAsync(pgCtl, ["status", "-D", DataDirectory], ct, throwOnError: false) == 0)
            {
                logger.EmbeddedStopping(DataDirectory);
                await RunAsync(pgCtl, ["stop", "-w", "-D", DataDirectory, "-m", immediately ? "immediate" : "fast"], ct);
            }
    }

    private static NpgsqlConnectionStringBuilder Server(int port) => new()
    {
        Host = "127.0.0.1", Port = port, Username = SuperUser, Database = "postgres", Pooling = false
    };

    /// <summary>The port of the running server: the fourth line of postmaster.pid.</summary>
    private async Task<int?> RunningPortAsync(CancellationToken ct)
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        var lines = await File.ReadAllLinesAsync(pidFile, ct);
        return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
    }

    private async Task StartAsync(string bin, int port, CancellationToken ct)
    {
        var log = Path.Combine(DataDirectory, "server.log");
        try
        {
            await RunAsync(Path.Combine(bin, "pg_ctl"),
            [
                "start", "-w", "-t", "60", "-D", DataDirectory, "-l", log,
                "-o", $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
            ], ct);
        }
        catch (InvalidOperationException)
        {
            // The server says why in its log, e.g. 'could not bind IPv4 address "127.0.0.1": Address already in use'.
            var reason = File.Exists(log)
                ? (await File.ReadAllLinesAsync(log, ct))
                    .Select(line => line.Split(["LOG:", "FATAL:"], 2, StringSplitOptions.TrimEntries))
                    .LastOrDefault(parts => parts.Length == 2 && parts[1].StartsWith("could not bind", StringComparison.Ordinal))?[1]
                : null;
            throw new StartupFailure(
                $"The embedded PostgreSQL in {DataDirectory} did not start on port {port}" +
                (reason is null ? "" : $" ({reason})") + ". If another cluster (another checkout, a system server) holds " +
                $"that port, set EmbeddedPostgres:Port to a free one or configure ConnectionStrings:Marten; server log: {log}");
        }
    }

    private static async Task CreateDatabaseIfMissingAsync(string serverConnectionString, string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection);
        exists.Parameters.AddWithValue(database);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        try
        {
            await using var create = new NpgsqlCommand($"create database \"{database.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Someone else (not holding our lock: a user, another tool) created it between the check and the create.
        }
    }

    private async Task InitializeAsync(string bin, CancellationToken ct)
    {
        logger.EmbeddedCreating(DataDirectory);
        Directory.CreateDirectory(DataDirectory);
        if (RunningAsRoot) await RunAsync("chown", ["-R", "postgres:postgres", DataDirectory], ct, asPostgres: false);
        // Trust on loopback only: the cluster is private to this checkout and listens on 127.0.0.1 alone.
        await RunAsync(Path.Combine(bin, "initdb"),
            ["-D", DataDirectory, "-U", SuperUser, "--auth=trust", "-E", "UTF8", "--no-locale"], ct);
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.auto.conf"),
            "max_connections = 200\n", ct);
    }

    private static async Task<int> RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken ct,
        bool throwOnError = true, bool asPostgres = true)
    {
        var info = RunningAsRoot && asPostgres
            ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", "postgres", "--", file } }
            : new ProcessStartInfo(file);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = Path.GetTempPath();

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (throwOnError && process.ExitCode != 0)
            throw new InvalidOperationException(
                $"'{file} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}: {await error}{await output}");
        return process.ExitCode;
    }

    private static string FindBinDirectory()
    {
        foreach (var root in new[] { "/usr/lib/postgresql", "/usr/local/lib/postgresql" })
        {
            if (!Directory.Exists(root)) continue;
            var newest = Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault();
            if (newest is not null) return newest;
        }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")));
        return onPath ?? throw new StartupFailure(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install PostgreSQL, set " +
            "EmbeddedPostgres:BinDirectory, or configure ConnectionStrings:Marten.");
    }

    /// <summary>
    /// As root the server runs as <c>postgres</c>, which cannot reach a folder under a private home such as
    /// /root (mode 700). Such a checkout keeps its cluster in a folder of its own under the temp directory,
    /// named after the checkout so it is found again.
    /// </summary>
    private static string Reachable(string dataDirectory)
    {
        if (!RunningAsRoot || AncestorsTraversable(dataDirectory)) return dataDirectory;
        var checkout = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(dataDirectory)))[..12];
        return Path.Combine(Path.GetTempPath(), $"complaints-postgres-{checkout}", "postgres");
    }

    private static bool AncestorsTraversable(string path)
    {
        if (OperatingSystem.IsWindows()) return true;
        for (var dir = new DirectoryInfo(path).Parent; dir is not null; dir = dir.Parent)
            if (dir.Exists && !File.GetUnixFileMode(dir.FullName).HasFlag(UnixFileMode.OtherExecute))
                return false;
        return true;
    }

    private static string DefaultDataDirectory() => CheckoutData("postgres");

    /// <summary>A folder under <c>.data</c> beside <c>Complaints.sln</c> (the checkout), else under the current folder.</summary>
    public static string CheckoutData(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Complaints.sln")))
                return Path.Combine(dir.FullName, ".data", name);
        return Path.Combine(Directory.GetCurrentDirectory(), ".data", name);
    }
}

/// <summary>An exclusive lock file, so parallel test processes do not initialise the same cluster twice.</summary>
internal static class CrossProcessLock
{
    public static async Task<IDisposable> AcquireAsync(string path, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (deadline.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(100, ct);
            }
        }
    }
}
