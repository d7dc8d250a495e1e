using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Complaints.Host.Tests.Infrastructure;

/// <summary>One line a host logged, with its level and category.</summary>
public sealed record LogEntry(LogLevel Level, string Category, string Message)
{
    /// <summary>The named values of the scopes the line was logged in (correlation id, trace id, …).</summary>
    public IReadOnlyDictionary<string, object?> Scopes { get; init; } = new Dictionary<string, object?>();

    public override string ToString() => $"{Level} {Category}: {Message}";
}

/// <summary>Everything a host logs, at every level, for tests of what the logs hold.</summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider? scopes;

    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public IEnumerable<string> Messages => Entries.Select(e => e.Message);

    /// <summary>What was logged at <paramref name="level"/> or above, one entry a line, for an assertion's message.</summary>
    public string Describe(LogLevel level) =>
        string.Join("\n", Entries.Where(e => e.Level >= level).Select(e => e.ToString()[..Math.Min(e.ToString().Length, 500)]));

    /// <summary>A host of its own on the named database that logs into a new capture.</summary>
    public static async Task<(WebApplicationFactory<Program> Host, CapturedLogs Logs)> HostAsync(string database)
    {
        // Emptied first: an unreadable event another test of the class appended would otherwise be projected (and
        // logged as an error) by whichever host comes next.
        var connectionString = await TestDatabases.EmptyAsync(database);
        var logs = new CapturedLogs();
        var host = TestDatabases.HostOn(connectionString, new TestClock(ComplaintsApi.Start), builder =>
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<ILoggerProvider>(logs);
                services.Configure<LoggerFilterOptions>(options => options.MinLevel = LogLevel.Trace);
            }));
        return (host, logs);
    }

    public ILogger CreateLogger(string categoryName) => new Capture(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    private Dictionary<string, object?> CurrentScopes()
    {
        var values = new Dictionary<string, object?>();
        scopes?.ForEachScope((scope, into) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> named)
                foreach (var (name, value) in named) into[name] = value;
        }, values);
        return values;
    }

    public void Dispose() { }

    private sealed class Capture(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        // None is "not written" (Wolverine logs the agents' own messages at None): a console would not show them either.
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            logs.Entries.Enqueue(new LogEntry(logLevel, category, $"{formatter(state, exception)} {exception}")
            {
                Scopes = logs.CurrentScopes()
            });
        }
    }
}
