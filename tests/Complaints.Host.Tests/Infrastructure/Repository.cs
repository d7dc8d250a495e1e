namespace Complaints.Host.Tests.Infrastructure;

/// <summary>The checkout the tests run from, for tests that compare with committed files.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    /// <summary>
    /// The engine as its own build left it (same configuration and framework as the tests): the copy beside the tests
    /// would read the tests' packages too, and the command-line scan of that folder then fails on FsCheck's F# core.
    /// </summary>
    public static string HostAssembly { get; } = Path.Combine(Root, "src", "Complaints.Host", "bin",
        Path.GetRelativePath(Path.Combine(Root, "tests", "Complaints.Host.Tests", "bin"), AppContext.BaseDirectory),
        "Complaints.Host.dll");

    /// <summary>The OpenAPI document the host's build wrote beside its intermediate files (same configuration).</summary>
    public static string BuiltOpenApiDocument { get; } = Path.Combine(Root, "src", "Complaints.Host", "obj",
        Path.GetRelativePath(Path.Combine(Root, "tests", "Complaints.Host.Tests", "bin"), AppContext.BaseDirectory),
        "Complaints.Host.json");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Complaints.sln"))) return dir.FullName;
        throw new InvalidOperationException("Complaints.sln not found above the test binaries.");
    }
}
