using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Npgsql;

namespace Complaints.Bench;

/// <summary>What the figures were measured on: hardware, system, runtime, database settings, code.</summary>
public sealed record Machine(IReadOnlyList<(string Name, string Value)> Facts)
{
    public static async Task<Machine> DescribeAsync(string connectionString, CancellationToken ct)
    {
        var facts = new List<(string, string)>
        {
            ("CPU", $"{FirstMatch("/proc/cpuinfo", @"^model name\s*:\s*(.+)$") ?? RuntimeInformation.ProcessArchitecture.ToString()}, " +
                    $"{Environment.ProcessorCount} cores visible"),
            ("Memory", FirstMatch("/proc/meminfo", @"^MemTotal:\s*(\d+) kB$") is { } kb ? $"{long.Parse(kb, CultureInfo.InvariantCulture) / 1024 / 1024.0:F1} GiB" : "unknown"),
            ("System", $"{FirstMatch("/etc/os-release", "^PRETTY_NAME=\"?([^\"]+)\"?$") ?? RuntimeInformation.OSDescription}, " +
                       $"kernel {(File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "?")}"),
            (".NET", $"{RuntimeInformation.FrameworkDescription}, server GC {System.Runtime.GCSettings.IsServerGC}")
        };
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var settings = new List<string>();
        foreach (var setting in new[] { "server_version", "shared_buffers", "max_connections", "fsync", "synchronous_commit", "wal_level" })
        {
            await using var show = new NpgsqlCommand($"show {setting}", connection);
            settings.Add($"{setting} {await show.ExecuteScalarAsync(ct)}");
        }
        facts.Add(("PostgreSQL", $"embedded cluster on loopback (same machine, sharing the cores): {string.Join(", ", settings)}"));
        facts.Add(("Code", $"commit {Git("rev-parse --short HEAD")}{(Git("status --porcelain").Length > 0 ? " with uncommitted changes" : "")}, " +
                           "Release build"));
        return new Machine(facts);
    }

    private static string? FirstMatch(string file, string pattern)
    {
        if (!File.Exists(file)) return null;
        var match = Regex.Match(File.ReadAllText(file), pattern, RegexOptions.Multiline);
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    private static string Git(string args)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", args)
            {
                WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true
            })!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
