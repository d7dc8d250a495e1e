using System.Globalization;
using Complaints.Domain;
using JasperFx.CommandLine;
using Marten;
using Marten.Events;
using NodaTime;
using NodaTime.Text;

namespace Complaints.Host.Demo;

public sealed class DemoInput : NetCoreInput
{
    [Description("The month to fill, yyyy-MM; it must have ended (default: last month)")]
    [FlagAlias("month", longAliasOnly: true)]
    public string? MonthFlag { get; set; }

    [Description("How many complaints the month receives (default 300)")]
    [FlagAlias("complaints", longAliasOnly: true)]
    public int ComplaintsFlag { get; set; } = 300;

    [Description("The seed of the month's chance (default 2026): the same seed gives the same month")]
    [FlagAlias("seed", longAliasOnly: true)]
    public int SeedFlag { get; set; } = 2026;

    [Description("Add the month to a database that already holds complaints")]
    [FlagAlias("add", longAliasOnly: true)]
    public bool AddFlag { get; set; }
}

/// <summary>
/// <c>dotnet run --project src/Complaints.Host -- demo --month 2026-11</c>: fills an empty development database with a
/// month of complaints recorded through the engine's own write path (docs/console.md), so the console has something
/// to show.
/// </summary>
[Description("Fill an empty database with a realistic month of complaints, recorded through the engine's own workflow", Name = "demo")]
public sealed class DemoCommand : JasperFxAsyncCommand<DemoInput>
{
    public const int MaxComplaints = 20_000;

    public override async Task<bool> Execute(DemoInput input)
    {
        using var host = input.BuildHost();
        var now = host.Services.GetRequiredService<IClock>().GetCurrentInstant();
        if (Refusal(input, now) is { } refusal)
        {
            await Console.Error.WriteLineAsync(refusal);
            return false;
        }
        var month = Month(input.MonthFlag, now)!.Value;

        // The write path needs the message runtime (timers and webhooks leave through its outbox), so the host starts,
        // serving on a port of its own choosing rather than the engine's.
        if (host is WebApplication web)
        {
            web.Urls.Clear();
            web.Urls.Add("http://127.0.0.1:0");
        }
        await host.StartAsync();
        try
        {
            await using var query = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            if (!input.AddFlag && await query.Events.QueryAllRawEvents().AnyAsync())
            {
                await Console.Error.WriteLineAsync(
                    "The database already holds complaints; the demo fills an empty one (--add adds the month to them).");
                return false;
            }
            var result = await ActivatorUtilities.CreateInstance<DemoMonth>(host.Services)
                .RecordAsync(month, input.ComplaintsFlag, input.SeedFlag, CancellationToken.None);
            // So the console shows the month as soon as the engine serves it.
            await host.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(10));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Recorded {result.Complaints} complaints of {month:yyyy-MM}: {result.Commands} commands, {result.TimersFired} timers fired " +
                $"({string.Join(", ", result.Paths.OrderBy(p => p.Key).Select(p => $"{p.Value} {WireNames.Of(p.Key)}"))})."));
            return true;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>Why the input cannot be run, in one line, or null.</summary>
    public static string? Refusal(DemoInput input, Instant now)
    {
        if (input.ComplaintsFlag is < 1 or > MaxComplaints)
            return $"--complaints must be between 1 and {MaxComplaints}.";
        if (Month(input.MonthFlag, now) is not { } month)
            return $"--month must be a month such as 2026-11, not '{input.MonthFlag}'.";
        var ends = month.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(DemoMonth.Zone).ToInstant();
        return ends > now ? $"--month {month:yyyy-MM} has not ended yet: the demo records a month that is over." : null;
    }

    private static YearMonth? Month(string? text, Instant now)
    {
        if (text is null) return now.InUtc().Date.ToYearMonth().PlusMonths(-1);
        var parsed = YearMonthPattern.Iso.Parse(text);
        return parsed.Success && parsed.Value.Year >= 2000 ? parsed.Value : null;
    }
}
