using System.Text.RegularExpressions;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Tooling;

public sealed partial class TestCommandTests
{
    /// <summary>CI runs what the README tells a developer to run, format check included, and nothing else.</summary>
    [Fact]
    public void Ci_runs_exactly_the_readmes_test_command()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var command = TestCommand().Match(readme);
        command.Success.ShouldBeTrue("the README opens with the test command");

        var ci = File.ReadAllLines(Path.Combine(Repository.Root, ".ci", "run"));

        command.Groups[1].Value.ShouldContain("dotnet format --verify-no-changes Complaints.sln");
        ci.Last(line => line.Trim().Length > 0).ShouldBe(command.Groups[1].Value);
    }

    [GeneratedRegex(@"^(dotnet format .*dotnet test Complaints\.sln)\s+#", RegexOptions.Multiline)]
    private static partial Regex TestCommand();
}
