namespace Complaints.Host.Tests.Infrastructure;

/// <summary>The checkout the tests run from, for tests that compare with committed files.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Complaints.sln"))) return dir.FullName;
        throw new InvalidOperationException("Complaints.sln not found above the test binaries.");
    }
}
