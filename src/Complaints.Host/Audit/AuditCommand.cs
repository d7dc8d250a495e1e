using Complaints.Domain;
using Complaints.Host.Reports;
using JasperFx.CommandLine;
using Marten;
using NodaTime;

namespace Complaints.Host.Audit;

public enum AuditAction
{
    verify,
    export,
    import
}

public sealed class AuditInput : NetCoreInput
{
    [Description("verify: check every complaint's hash chain (exit code 1 on any break); export: write histories " +
                 "as NDJSON to --file; import: load an export (--file) into an empty database and rebuild the read models")]
    public AuditAction Action { get; set; } = AuditAction.verify;

    [Description("The NDJSON file to write (export) or read (import)")]
    [FlagAlias("file", longAliasOnly: true)]
    public string? FileFlag { get; set; }

    [Description("Only this complaint id (verify, export)")]
    [FlagAlias("complaint", longAliasOnly: true)]
    public string? ComplaintFlag { get; set; }

    [Description("Only complaints registered from this date (reporting zone) or ISO-8601 instant (verify, export)")]
    [FlagAlias("from", longAliasOnly: true)]
    public string? FromFlag { get; set; }

    [Description("Only complaints registered up to this date (inclusive, reporting zone) or instant (verify, export)")]
    [FlagAlias("to", longAliasOnly: true)]
    public string? ToFlag { get; set; }

    [Description("verify: also recount every clock with the rule versions in force when it was recorded and name each that " +
                 "differs from what was recorded (docs/rules-over-time.md)")]
    [FlagAlias("clocks", longAliasOnly: true)]
    public bool ClocksFlag { get; set; }
}

/// <summary>The auditor's and operator's command line: <c>dotnet run --project src/Complaints.Host -- audit verify</c>.</summary>
[Description("Verify, export or import complaint histories with their hash chains (docs/audit.md)", Name = "audit")]
public sealed class AuditCommand : JasperFxAsyncCommand<AuditInput>
{
    public override async Task<bool> Execute(AuditInput input)
    {
        using var host = input.BuildHost();
        var log = host.Services.GetRequiredService<EventLog>();
        var zone = host.Services.GetRequiredService<AnalyticsDatabase>().Zone;
        var bounds = host.Services.GetRequiredService<InputBounds>();
        var ct = CancellationToken.None;
        try
        {
            return input.Action switch
            {
                AuditAction.export => await ExportAsync(log, Selection(input, zone, bounds), Required(input.FileFlag), ct),
                AuditAction.import => await ImportAsync(host.Services.GetRequiredService<HistoryImport>(),
                    Required(input.FileFlag), ct),
                _ => await VerifyAsync(log, Selection(input, zone, bounds), ct)
                     & (!input.ClocksFlag || await VerifyClocksAsync(host.Services, Selection(input, zone, bounds), ct))
            };
        }
        catch (InvalidCommandException e)
        {
            foreach (var (field, messages) in e.Errors)
                await Console.Error.WriteLineAsync($"{field} {string.Join("; ", messages)}");
            return false;
        }
        catch (Exception e) when (e is ImportRefusedException or ArgumentException or IOException
                                       or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return false;
        }
    }

    private static async Task<bool> VerifyAsync(EventLog log, EventSelection selection, CancellationToken ct)
    {
        int complaints = 0, events = 0, broken = 0;
        await foreach (var report in log.VerifyAsync(selection, ct))
        {
            complaints++;
            events += report.Events;
            if (report.Valid) continue;
            broken++;
            Console.WriteLine($"ALTERED {report.Id} at version {report.FirstAlteredVersion}: {report.Problem}");
        }
        if (selection.Complaint is { } id && complaints == 0)
        {
            Console.WriteLine($"No complaint {id} is recorded.");
            return false;
        }
        Console.WriteLine($"{complaints} complaints, {events} events checked: " +
                          (broken == 0 ? "every hash chain holds." : $"{broken} altered."));
        return broken == 0;
    }

    /// <summary>Each selected complaint's clocks replayed (docs/rules-over-time.md); any difference fails the check.</summary>
    private static async Task<bool> VerifyClocksAsync(IServiceProvider services, EventSelection selection, CancellationToken ct)
    {
        var history = services.GetRequiredService<Rules.RuleHistory>();
        await history.LoadAsync(ct);
        int complaints = 0, clocks = 0, differing = 0;
        await foreach (var stream in services.GetRequiredService<Rules.ClockStreams>().SelectedAsync(selection, ct))
        {
            complaints++;
            foreach (var row in Rules.RulesEndpoints.Replayed(stream, history).Deadlines)
            {
                clocks++;
                if (row.Differences.Count == 0) continue;
                differing++;
                Console.WriteLine($"CLOCK {stream.Id} {row.Rule}#{row.Round} differs: {string.Join(", ", row.Differences)} " +
                                  $"(recorded due {row.Recorded?.DueAt.ToString() ?? "-"}, recomputed {row.Recomputed?.DueAt.ToString() ?? "-"})");
            }
        }
        Console.WriteLine($"{complaints} complaints, {clocks} clocks replayed: " +
                          (differing == 0 ? "every recorded deadline follows from the rules then in force." : $"{differing} differ."));
        return differing == 0;
    }

    private static async Task<bool> ExportAsync(EventLog log, EventSelection selection, string file, CancellationToken ct)
    {
        await using var output = File.Create(file);
        var events = await HistoryExport.WriteAsync(output, log.ReadAsync(selection, ct), ct);
        Console.WriteLine($"{events} events written to {file}.");
        return true;
    }

    private static async Task<bool> ImportAsync(HistoryImport import, string file, CancellationToken ct)
    {
        if (!File.Exists(file)) throw new FileNotFoundException($"{file} does not exist.");
        var result = await import.ImportAsync(() => File.OpenText(file), ct);
        Console.WriteLine($"{result.Complaints} complaints ({result.Events} events) imported; read models rebuilt.");
        return true;
    }

    private static EventSelection Selection(AuditInput input, DateTimeZone zone, InputBounds bounds) =>
        Selection(input.ComplaintFlag, input.FromFlag, input.ToFlag, zone, bounds);

    /// <summary>
    /// Reads a complaint id and a period as the HTTP export does, so every command selects the same complaints.
    /// </summary>
    public static EventSelection Selection(string? complaintFlag, string? fromFlag, string? toFlag, DateTimeZone zone,
        InputBounds bounds)
    {
        var v = new Validator();
        Guid? complaint = null;
        if (complaintFlag is { } text)
            if (Guid.TryParse(text, out var id)) complaint = id;
            else v.Add("--complaint", "must be a complaint id (a GUID)");
        var from = ReportFilter.Bound(v, fromFlag, "--from", zone, upper: false, bounds);
        var to = ReportFilter.Bound(v, toFlag, "--to", zone, upper: true, bounds);
        if (from is { } start && to is { } end && end <= start) v.Add("--to", "must not lie before --from");
        v.ThrowIfInvalid();
        return new EventSelection(complaint, from, to);
    }

    private static string Required(string? file) =>
        file ?? throw new ArgumentException("--file is required: the NDJSON file to write or read.");
}
