using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Complaints.Domain;
using Complaints.Host.Infrastructure;
using Complaints.Host.Complaints.Writing;
using Complaints.Host.Reports.Rebuilding;
using Marten;
using Npgsql;

namespace Complaints.Host.Audit;

/// <summary>An export that cannot be loaded, or a database it must not be loaded into; nothing was written.</summary>
public sealed class ImportRefusedException(string message) : Exception(message);

public sealed record ImportResult(int Complaints, int Events);

/// <summary>
/// Loads an NDJSON export into an empty database exactly as it was recorded (versions, timestamps, actors,
/// correlation and causation ids, hashes), then rebuilds the read models from it.
/// </summary>
public sealed partial class HistoryImport(IDocumentStore store, EventLog log, ReportsRebuild rebuild)
{
    private const int ComplaintsPerTransaction = 100;

    private readonly IReadOnlyDictionary<string, Type> eventTypes = store.Options.Events.AllKnownEventTypes()
        .ToDictionary(t => t.EventType.Name, t => t.EventType);

    /// <param name="open">Opens the export; it is read twice, to check every chain before anything is written.</param>
    public async Task<ImportResult> ImportAsync(Func<TextReader> open, CancellationToken ct)
    {
        var counted = await CheckAsync(open, ct);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        if (await log.RecordsAsync(EventSelection.All, ct) is { Count: > 0 })
            throw new ImportRefusedException("The database already holds complaints; import only into an empty one.");

        long highestNumber = 0;
        using (var input = open())
        {
            var batch = new List<IReadOnlyList<StoredEvent>>();
            await foreach (var stream in EventLog.ByStream(HistoryExport.ReadAsync(input)).WithCancellation(ct))
            {
                highestNumber = Math.Max(highestNumber, NumberOf(stream[0]));
                batch.Add(stream);
                if (batch.Count < ComplaintsPerTransaction) continue;
                await AppendAsync(batch, ct);
                batch.Clear();
            }
            await AppendAsync(batch, ct);
        }
        await ContinueNumberingAfterAsync(highestNumber, ct);

        // The stored copy must verify exactly as the file did.
        await foreach (var report in log.VerifyAsync(EventSelection.All, ct))
            if (!report.Valid)
                throw new InvalidOperationException(
                    $"Complaint {report.Id} does not verify after import at version {report.FirstAlteredVersion}: {report.Problem}");

        // A complaint whose report cannot be built is recorded as failed rather than refusing the verified history.
        await rebuild.RunAsync(EventSelection.All, keepFailed: true, ct);
        return counted;
    }

    /// <summary>
    /// Every chain must hold, and every event must read back into its type and write out unchanged, so what is
    /// stored is exactly what the file holds and a file the engine could not have written is refused whole.
    /// </summary>
    private async Task<ImportResult> CheckAsync(Func<TextReader> open, CancellationToken ct)
    {
        using var input = open();
        int complaints = 0, events = 0;
        try
        {
            await foreach (var stream in EventLog.ByStream(HistoryExport.ReadAsync(input)).WithCancellation(ct))
            {
                var report = ChainVerifier.Verify(stream[0].StreamId, stream, null);
                if (!report.Valid)
                    throw new ImportRefusedException(
                        $"Complaint {report.Id} is altered at version {report.FirstAlteredVersion}: {report.Problem}.");
                foreach (var e in stream) CheckRoundTrip(e);
                complaints++;
                events += stream.Count;
            }
        }
        catch (FormatException e)
        {
            throw new ImportRefusedException(e.Message);
        }
        return new ImportResult(complaints, events);
    }

    private void CheckRoundTrip(StoredEvent e)
    {
        string? problem;
        try
        {
            using var rewritten = JsonDocument.Parse(store.Options.Serializer().ToJson(Deserialize(e)));
            problem = Canonical(rewritten.RootElement) == Canonical(e.Data)
                ? null
                : "its data holds fields or values the engine does not write";
        }
        catch (Exception failure) when (failure is JsonException or NotSupportedException or InvalidOperationException)
        {
            problem = "its data cannot be read as a " + e.Type;
        }
        if (problem is not null)
            throw new ImportRefusedException($"Complaint {e.StreamId} version {e.Version}: {problem}.");
    }

    private object Deserialize(StoredEvent e)
    {
        var type = eventTypes.GetValueOrDefault(e.Type)
                   ?? throw new ImportRefusedException($"Complaint {e.StreamId} version {e.Version}: unknown event type '{e.Type}'.");
        using var json = new MemoryStream(Encoding.UTF8.GetBytes(e.Data.GetRawText()));
        return store.Options.Serializer().FromJson(type, json);
    }

    private static string Canonical(JsonElement data)
    {
        var text = new StringBuilder();
        CanonicalJson.Write(text, data);
        return text.ToString();
    }

    private async Task AppendAsync(List<IReadOnlyList<StoredEvent>> streams, CancellationToken ct)
    {
        if (streams.Count == 0) return;
        await using var session = store.LightweightSession();
        foreach (var stream in streams)
            ComplaintAppender.AppendRecorded(session, stream[0].StreamId, stream.Select(e => (Deserialize(e), e)));
        await session.SaveChangesAsync(ct);
    }

    /// <summary>New complaints registered after the import get numbers the imported ones do not have.</summary>
    private async Task ContinueNumberingAfterAsync(long highestNumber, CancellationToken ct)
    {
        if (highestNumber == 0) return;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"select setval('{StoreConfiguration.NumberSequence}', @n)", connection);
        command.Parameters.AddWithValue("n", highestNumber);
        await command.ExecuteScalarAsync(ct);
    }

    private static long NumberOf(StoredEvent first) =>
        first.Type == nameof(ComplaintReceived)
        && first.Data.TryGetProperty("number", out var number)
        && NumberSuffix().Match(number.GetString() ?? "") is { Success: true } match
            ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    [GeneratedRegex(@"-(\d+)$")]
    private static partial Regex NumberSuffix();
}
