using System.Text;
using System.Text.Json;
using NodaTime.Text;

namespace Complaints.Host.Audit;

/// <summary>
/// Complaint histories as NDJSON: one stored event per line, streams one after another in version order, with
/// the timestamp written exactly as it is hashed (docs/audit.md describes every field).
/// </summary>
public static class HistoryExport
{
    public const string ContentType = "application/x-ndjson";

    /// <summary>Names and texts in Chinese stay readable in the file.</summary>
    private static readonly JsonWriterOptions LineOptions =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> WriteAsync(Stream output, IAsyncEnumerable<StoredEvent> events, CancellationToken ct)
    {
        var count = 0;
        var newline = "\n"u8.ToArray();
        await foreach (var e in events.WithCancellation(ct))
        {
            await using (var json = new Utf8JsonWriter(output, LineOptions))
            {
                json.WriteStartObject();
                json.WriteString("streamId", e.StreamId);
                json.WriteNumber("version", e.Version);
                json.WriteNumber("sequence", e.Sequence);
                json.WriteString("type", e.Type);
                json.WriteString("timestamp", EventSeal.FormatTimestamp(e.Timestamp));
                json.WriteString("actor", e.Actor);
                json.WriteString("correlationId", e.CorrelationId);
                json.WriteString("causationId", e.CausationId);
                json.WriteString("hash", e.Hash);
                if (e.PersonalDataKey is not null) json.WriteString("personalDataKey", e.PersonalDataKey);
                json.WritePropertyName("data");
                e.Data.WriteTo(json);
                json.WriteEndObject();
            }
            await output.WriteAsync(newline, ct);
            count++;
            // Long exports reach the client as they are read rather than all at the end.
            if (count % 500 == 0) await output.FlushAsync(ct);
        }
        return count;
    }

    /// <summary>Reads an export back; a line that is not an exported event is refused with its line number.</summary>
    public static async IAsyncEnumerable<StoredEvent> ReadAsync(TextReader input)
    {
        var number = 0;
        while (await input.ReadLineAsync() is { } line)
        {
            number++;
            if (line.Trim().Length == 0) continue;
            StoredEvent e;
            try
            {
                e = Parse(line);
            }
            catch (Exception problem) when (problem is JsonException or FormatException or KeyNotFoundException
                                                or InvalidOperationException or UnparsableValueException)
            {
                throw new FormatException($"Line {number} is not an exported event: {problem.Message}", problem);
            }
            yield return e;
        }
    }

    private static StoredEvent Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        return new StoredEvent(
            root.GetProperty("streamId").GetGuid(),
            root.GetProperty("version").GetInt64(),
            root.GetProperty("sequence").GetInt64(),
            root.GetProperty("type").GetString() ?? throw new FormatException("type is null"),
            EventSeal.TimestampPattern.Parse(root.GetProperty("timestamp").GetString() ?? "").Value,
            OptionalText(root, "actor"), OptionalText(root, "correlationId"), OptionalText(root, "causationId"),
            OptionalText(root, "hash"), OptionalText(root, "personalDataKey"),
            root.GetProperty("data").Clone());
    }

    private static string? OptionalText(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
