using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Complaints.Domain;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace Complaints.Projections;

/// <summary>
/// One set of JSON conventions for the store and the wire: camelCase, enums by their kebab-case wire
/// names, NodaTime values (durations included) as ISO-8601, and the complaint state stored with its record name.
/// </summary>
public static class ComplaintJson
{
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // jsonb reorders keys, so the state's discriminator may not come first.
        options.AllowOutOfOrderMetadataProperties = true;
        options.Converters.Add(new JsonStringEnumConverter<Severity>());
        options.Converters.Add(new WireNameEnumConverter());
        options.Converters.Add(new IsoDurationConverter());
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
            .WithAddedModifier(ComplaintStateHierarchy);
        return options;
    }

    public static JsonSerializerOptions Create() => Configure(new JsonSerializerOptions());

    /// <summary>
    /// Enums by their kebab-case wire names. A type of its own because Marten replaces every
    /// <see cref="JsonStringEnumConverter"/> with its PascalCase one, which would store names the wire never uses.
    /// </summary>
    private sealed class WireNameEnumConverter : JsonConverterFactory
    {
        private readonly JsonStringEnumConverter inner = new(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false);

        public override bool CanConvert(Type typeToConvert) => inner.CanConvert(typeToConvert);

        public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            inner.CreateConverter(typeToConvert, options);
    }

    private static void ComplaintStateHierarchy(JsonTypeInfo info)
    {
        if (info.Type != typeof(ComplaintState)) return;
        info.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "$state" };
        foreach (var type in typeof(ComplaintState).GetNestedTypes().Where(t => t.IsSubclassOf(typeof(ComplaintState))))
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, type.Name));
    }
}
