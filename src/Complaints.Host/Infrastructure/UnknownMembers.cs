using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Complaints.Host.Infrastructure;

/// <summary>
/// The members of a JSON body that the request type it binds to does not have (a typo such as <c>summaryy</c>),
/// found by the serializer's own contract for the type, so names match exactly as binding matches them (case ignored
/// under the web defaults). The serializer would drop them silently and the command would mean less than was sent
/// (docs/adr/0042). A member whose type the serializer reads as a whole (a <see cref="JsonElement"/>, a value with a
/// converter of its own) is that value's business, not looked into.
/// </summary>
public static class UnknownMembers
{
    public const string Problem = "is not a field of this request";

    /// <summary>The paths (<c>owner.nmae</c>, <c>notify[1].x</c>) of the members <paramref name="type"/> does not take.</summary>
    public static IReadOnlyList<string> In(JsonElement body, Type type, JsonSerializerOptions options, string path = "")
    {
        var found = new List<string>();
        Walk(body, type, options, path, found);
        return found;
    }

    private static void Walk(JsonElement element, Type type, JsonSerializerOptions options, string path, List<string> found)
    {
        var info = options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when element.ValueKind == JsonValueKind.Object:
                // A type that keeps what it does not know, or binds to one of several types, takes any member.
                if (info.Properties.Any(p => p.IsExtensionData) || info.PolymorphismOptions is not null) return;
                var names = options.PropertyNameCaseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
                foreach (var member in element.EnumerateObject())
                {
                    var memberPath = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
                    if (info.Properties.FirstOrDefault(p => names.Equals(p.Name, member.Name)) is { } property)
                        Walk(member.Value, property.PropertyType, options, memberPath, found);
                    else found.Add(memberPath);
                }
                return;
            case JsonTypeInfoKind.Enumerable when element.ValueKind == JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                    Walk(item, info.ElementType!, options, $"{path}[{index++}]", found);
                return;
            case JsonTypeInfoKind.Dictionary when element.ValueKind == JsonValueKind.Object:
                foreach (var entry in element.EnumerateObject())
                    Walk(entry.Value, info.ElementType!, options, path.Length == 0 ? entry.Name : $"{path}.{entry.Name}", found);
                return;
            default:
                return;
        }
    }
}
