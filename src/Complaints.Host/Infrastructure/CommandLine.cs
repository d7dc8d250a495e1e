using System.Text;
using System.Text.RegularExpressions;
using JasperFx.CommandLine;
using Spectre.Console;

namespace Complaints.Host.Infrastructure;

/// <summary>
/// The engine's command line keeps standard output for what a command prints (a token, a report, help), so a script
/// can read it: log lines go to standard error, JasperFx's command discovery says nothing, and an operator's error
/// (a bad argument, an unreachable database, an unwritable file) is one line on standard error with exit code 1
/// instead of JasperFx's usage tree or stack trace (docs/operations.md).
/// </summary>
public static partial class CommandLine
{
    private static CommandOutput? output;

    /// <summary>A command other than serving (<c>run</c>, or no command at all).</summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && !args[0].StartsWith('-') && !string.Equals(args[0], "run", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The refusal when an HTTP address the engine is told to serve on (<c>urls</c>: ASPNETCORE_URLS, <c>--urls</c>, the
    /// launch profile) is taken by another program, checked before anything starts: Kestrel finds it only after the
    /// database and the messaging have started, and answers with a stack trace.
    /// </summary>
    public static string? TakenAddress(IConfiguration configuration)
    {
        foreach (var url in (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal),
                    UriKind.Absolute, out var uri) || uri.Port <= 0)
                continue;
            var address = uri.IsLoopback ? System.Net.IPAddress.Loopback
                : System.Net.IPAddress.TryParse(uri.Host, out var parsed) ? parsed : null;
            if (address is null) continue;
            try
            {
                var listener = new System.Net.Sockets.TcpListener(address, uri.Port);
                listener.Start();
                listener.Stop();
            }
            catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
            {
                return $"Cannot start: {url} is in use by another program; stop it, or serve on another address " +
                       "(ASPNETCORE_URLS or --urls).";
            }
        }
        return null;
    }

    /// <summary><c>token --help</c> (or <c>-h</c>, <c>-?</c>) is <c>help token</c>: JasperFx reads a flag it does not know as a mistake.</summary>
    public static string[] WithHelp(string[] args) =>
        IsCommand(args) && args.Skip(1).Any(a => a is "--help" or "-h" or "-?") ? ["help", args[0]] : args;

    /// <summary>Help needs no settings: the host's are checked only before a command that uses them.</summary>
    public static bool IsHelp(string[] args) =>
        args.Length > 0 && (args[0] is "help" or "--help" or "-h" or "-?" or "?");

    /// <summary>
    /// Why a command cannot run in this environment, before any setting is read: development tokens exist only in
    /// Development, and elsewhere the missing development settings would be reported instead of that.
    /// </summary>
    public static string? Refusal(IHostEnvironment environment, string[] args) =>
        args.Length > 0 && string.Equals(args[0], "token", StringComparison.OrdinalIgnoreCase) && !environment.IsDevelopment()
            ? $"token: tokens are printed only in Development (this is {environment.EnvironmentName}); set " +
              "ASPNETCORE_ENVIRONMENT=Development, or run `dotnet run --project src/Complaints.Host -- token <role>` from the repository."
            : null;

    public static void Quiet(WebApplicationBuilder builder, string[] args)
    {
        // JasperFx prints "Searching '<assembly>' for commands" for every assembly it scans until extensions were applied
        // once (a process-wide flag); this engine has none to apply, so applying them only sets that flag.
        new CommandFactory().ApplyExtensions(builder.Services);
        if (!IsCommand(args)) return;
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        // Plain text, so the failure JasperFx renders can be read back; a command's own output passes unchanged.
        output = new CommandOutput(Console.Out);
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No
        });
    }

    /// <summary>The command's exit code; a failure JasperFx rendered is replaced by one line on standard error.</summary>
    public static async Task<int> FinishAsync(int exitCode, string[] args)
    {
        // JasperFx's help answers 1 (as for a mistake) although it printed what was asked for.
        if (output?.Failure() is not { } failure) return IsHelp(args) ? 0 : exitCode;
        var command = args.Length > 0 ? args[0] : "the command";
        await Console.Error.WriteLineAsync($"{command}: {failure}");
        return exitCode == 0 ? 1 : exitCode;
    }

    /// <summary>
    /// Passes lines through, dropping the blank lines discovery writes before any output. From JasperFx's failure
    /// markers on, it keeps the rest to itself and makes one sentence of it.
    /// </summary>
    private sealed partial class CommandOutput(TextWriter inner) : TextWriter
    {
        private readonly StringBuilder line = new();
        private readonly List<string> failure = [];
        private string? marker;
        private bool started;

        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            if (value == '\r') return;
            if (value != '\n')
            {
                line.Append(value);
                return;
            }
            var text = line.ToString();
            line.Clear();
            if (marker is not null) failure.Add(text);
            else if (text is "ERROR:" || text.StartsWith("Invalid usage", StringComparison.Ordinal)
                     || text.StartsWith("Error parsing input", StringComparison.Ordinal)) marker = text;
            else if (started || text.Trim().Length > 0)
            {
                started = true;
                inner.WriteLine(text);
            }
        }

        public override void Flush()
        {
            if (marker is null && line.Length > 0)
            {
                inner.Write(line.ToString());
                line.Clear();
            }
            inner.Flush();
        }

        /// <summary>
        /// The failure as one sentence, or null when there was none: the usage problem JasperFx names, or the message of
        /// the exception it rendered (its first lines, up to the indented inner exceptions and stack), the database's
        /// own words when it could not be reached.
        /// </summary>
        public string? Failure()
        {
            if (marker is null) return null;
            var lines = failure.Where(l => l.Trim().Length > 0).ToList();
            if (marker.StartsWith("Invalid usage", StringComparison.Ordinal))
                return $"{(lines.FirstOrDefault()?.Trim() ?? "invalid usage")} (see 'help' for the command's arguments and flags)";
            if (lines.Select(l => Unreachable().Match(l)).FirstOrDefault(m => m.Success) is { } unreachable)
                return $"the database cannot be reached ({unreachable.Groups["reason"].Value.Trim()})";
            var message = string.Join(" ", lines.TakeWhile((l, i) => i == 0 || !char.IsWhiteSpace(l[0])).Select(l => l.Trim()));
            // "System.IO.IOException: the message" → "the message"
            var typed = ExceptionType().Match(message);
            return typed.Success ? message[typed.Length..] : message.Length > 0 ? message : "failed";
        }

        [GeneratedRegex(@"^[\w.]+(Exception|Error): ")]
        private static partial Regex ExceptionType();

        [GeneratedRegex(@"(Npgsql\.NpgsqlException|SocketException): (?<reason>.+)$")]
        private static partial Regex Unreachable();
    }
}
