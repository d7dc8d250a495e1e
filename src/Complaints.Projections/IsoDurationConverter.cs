using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Complaints.Projections;

/// <summary>Durations as ISO-8601 (<c>PT2H30M</c>), as the HTTP contract writes them.</summary>
public sealed class IsoDurationConverter : JsonConverter<Duration>
{
    public override Duration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var parsed = PeriodPattern.NormalizingIso.Parse(reader.GetString() ?? "");
        return parsed.Success
            ? parsed.Value.ToDuration()
            : throw new JsonException($"'{reader.GetString()}' is not an ISO-8601 duration.");
    }

    public override void Write(Utf8JsonWriter writer, Duration value, JsonSerializerOptions options) =>
        writer.WriteStringValue(PeriodPattern.NormalizingIso.Format(
            Period.FromNanoseconds(value.ToInt64Nanoseconds()).Normalize()));
}
