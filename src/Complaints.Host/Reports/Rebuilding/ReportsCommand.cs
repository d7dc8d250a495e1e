using Complaints.Domain;
using Complaints.Host.Audit;
using Complaints.Projections.Reporting;
using Complaints.Host.Reports.Failures;
using JasperFx.CommandLine;
using Marten;

namespace Complaints.Host.Reports.Rebuilding;

public enum ReportsAction
{
    rebuild,
    failures
}

public sealed class ReportsInput : NetCoreInput
{
    [Description("rebuild: build the handling reports and analytics tables again beside the live ones and swap them in; " +
                 "failures: list the complaints whose report cannot be built")]
    public ReportsAction Action { get; set; } = ReportsAction.failures;

    [Description("Only this complaint id (rebuild)")]
    [FlagAlias("complaint", longAliasOnly: true)]
    public string? ComplaintFlag { get; set; }

    [Description("Only complaints registered from this date (reporting zone) or ISO-8601 instant (rebuild)")]
    [FlagAlias("from", longAliasOnly: true)]
    public string? FromFlag { get; set; }

    [Description("Only complaints registered up to this date (inclusive, reporting zone) or instant (rebuild)")]
    [FlagAlias("to", longAliasOnly: true)]
    public string? ToFlag { get; set; }

    [Description("Swap even if some complaints fail to build: they keep their previous rows and are recorded as failed " +
                 "(without it, one failure leaves every table as it was)")]
    [FlagAlias("keep-failed", longAliasOnly: true)]
    public bool KeepFailedFlag { get; set; }
}

/// <summary>
/// The operator's command line for the reports: <c>dotnet run --project src/Complaints.Host -- reports rebuild</c>
/// (docs/analytics.md). Hosts may keep running meanwhile.
/// </summary>
[Description("Rebuild the reports and analytics tables without a gap, or list the complaints whose report failed", Name = "reports")]
public sealed class ReportsCommand : JasperFxAsyncCommand<ReportsInput>
{
    public override async Task<bool> Execute(ReportsInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        try
        {
            // As the host itself does at start: Development creates what is missing, elsewhere db-apply has.
            if (host.Services.GetRequiredService<IHostEnvironment>().IsDevelopment())
                await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            if (input.Action == ReportsAction.failures)
                return Print(await host.Services.GetRequiredService<ReportFailures>().ListAsync(CancellationToken.None));
            var selection = AuditCommand.Selection(input.ComplaintFlag, input.FromFlag, input.ToFlag,
                host.Services.GetRequiredService<AnalyticsDatabase>().Zone, host.Services.GetRequiredService<InputBounds>());
            var result = await host.Services.GetRequiredService<ReportsRebuild>()
                .RunAsync(selection, input.KeepFailedFlag, CancellationToken.None);
            if (selection.Complaint is { } id && result.Complaints == 0)
            {
                await Console.Error.WriteLineAsync($"No complaint {id} is recorded.");
                return false;
            }
            return Print(result);
        }
        catch (InvalidCommandException e)
        {
            foreach (var (field, messages) in e.Errors)
                await Console.Error.WriteLineAsync($"{field} {string.Join("; ", messages)}");
            return false;
        }
    }

    private static bool Print(RebuildResult result)
    {
        var rate = result.Took.TotalSeconds > 0 ? result.Events / result.Took.TotalSeconds : 0;
        foreach (var failure in result.Failures) Print(failure);
        Console.WriteLine(result.Swapped
            ? $"{result.Complaints - result.Failures.Count} complaints ({result.Events} events) rebuilt in {result.Took.TotalSeconds:0.0} s ({rate:0} events/s)" +
              (result.Failures.Count == 0 ? "; the live tables now hold them." : $"; {result.Failures.Count} more failed and kept their previous rows.")
            : $"{result.Failures.Count} of {result.Complaints} complaints failed to build: nothing was changed " +
              "(fix the cause, or pass --keep-failed to swap in the others).");
        return result.Swapped;
    }

    private static bool Print(IReadOnlyList<ReportFailure> failures)
    {
        foreach (var failure in failures) Print(failure);
        Console.WriteLine(failures.Count == 0
            ? "Every complaint's report is built."
            : $"{failures.Count} complaints' reports cannot be built; after fixing the cause: reports rebuild --complaint <id>.");
        return true;
    }

    private static void Print(ReportFailure failure) =>
        Console.WriteLine($"FAILED {failure.Complaint} at version {failure.Version} ({failure.EventType}, sequence {failure.Sequence}, " +
                          $"{failure.FailedAt}): {failure.Error}");
}
