using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Startup;

/// <summary>
/// The engine's command line as an operator meets it: standard output holds only what the command prints, and a
/// mistake is one line on standard error with a non-zero exit code, never a usage tree or a stack trace.
/// </summary>
public sealed class CommandLineTests(ComplaintsApi api) : ApiTest(api)
{
    [Theory]
    [InlineData("help")]
    [InlineData("reports", "failures")]
    [InlineData("audit", "verify")]
    public async Task No_command_says_which_assemblies_it_searched_for_commands(params string[] args)
    {
        var ran = await HostCommand.EngineAsync(Api.ConnectionString, args);

        ran.ExitCode.ShouldBe(0, ran.ToString());
        (ran.Output + ran.Errors).ShouldNotContain("for commands");
        ran.Output.ShouldNotStartWith("\n");
        ran.Output.ShouldNotContain("info:", customMessage: "log lines belong on standard error");
    }

    [Theory]
    [InlineData("Unknown argument or flag for value --bogus", "token", "intake", "--bogus")]
    [InlineData("'frobnicate'", "audit", "frobnicate")]
    [InlineData("/nonexistent-folder/history.ndjson", "audit", "export", "--file", "/nonexistent-folder/history.ndjson")]
    public async Task A_bad_argument_or_an_unwritable_file_is_one_line_and_a_failed_exit(string named, params string[] args)
    {
        var refused = await HostCommand.EngineAsync(Api.ConnectionString, args);

        refused.ExitCode.ShouldNotBe(0);
        OneLine(refused).ShouldContain(named);
    }

    [Theory]
    [InlineData("audit", "verify")]
    [InlineData("reports", "failures")]
    [InlineData("db-apply")]
    public async Task An_unreachable_database_is_one_line_and_a_failed_exit(params string[] args)
    {
        // Port 1: nothing listens there, so the connection is refused at once.
        var refused = await HostCommand.EngineAsync(
            "Host=127.0.0.1;Port=1;Database=complaints;Username=complaints;Password=x;Timeout=3", args);

        refused.ExitCode.ShouldNotBe(0);
        OneLine(refused).ShouldContain("the database cannot be reached");
    }

    /// <summary>The one line standard error holds, once no stack trace or usage tree was printed anywhere.</summary>
    private static string OneLine(HostCommand.Outcome outcome)
    {
        var both = outcome.Output + outcome.Errors;
        both.ShouldNotContain("   at ", customMessage: outcome.ToString());
        both.ShouldNotContain("Exception:", customMessage: outcome.ToString());
        both.ShouldNotContain("Usages for", customMessage: outcome.ToString());
        var lines = outcome.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Length.ShouldBe(1, outcome.ToString());
        return lines[0];
    }
}
