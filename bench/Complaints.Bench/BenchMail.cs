using Complaints.Domain.Deadlines;
using Complaints.Host.People;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Complaints.Bench;

/// <summary>
/// Where the bench's notifications go: a directory naming someone for every role of the departments the bench's
/// complaints concern, so each notice is rendered and delivered as a company's would be (to a pickup folder outside
/// the checkout, emptied before and after), not refused at once for want of an addressee.
/// </summary>
public static class BenchMail
{
    public static readonly string Folder = Path.Combine(Path.GetTempPath(), "complaints-bench-mail");

    private static readonly string[] Departments = ["customer-service", "maintenance"];

    public static void Empty()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Stores the entries as documents: the bench measures the engine's writes, not the directory's endpoint.</summary>
    public static async Task FillDirectoryAsync(InProcessEngine engine, CancellationToken ct)
    {
        await using var session = engine.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        foreach (var department in Departments)
            foreach (var role in Enum.GetValues<EscalationRole>())
                session.Store(new DirectoryEntry
                {
                    Id = DirectoryEntry.IdOf(Registration.Region, department, role), Region = Registration.Region,
                    Department = department, Role = Complaints.Domain.WireNames.Of(role),
                    People = [new DirectoryPerson($"{department} {role}", $"{department}.{role}@example.com".ToLowerInvariant(), "zh-CN")],
                    Revision = 1, ChangedAt = SystemClock.Instance.GetCurrentInstant(), ChangedBy = "bench"
                });
        await session.SaveChangesAsync(ct);
    }
}
