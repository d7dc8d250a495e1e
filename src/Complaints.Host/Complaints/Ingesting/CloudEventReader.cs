using System.Text.Json;
using System.Text.RegularExpressions;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using CloudNative.CloudEvents.SystemTextJson;
using Complaints.Domain;
using Microsoft.Net.Http.Headers;

namespace Complaints.Host.Complaints.Ingesting;

/// <summary>A CloudEvent that passed every check: the SDK's event, its command (null for register) and target.</summary>
public sealed record IncomingCloudEvent(CloudEvent Event, JsonElement Data, CloudEventCommand? Command, CommandTarget? Target);

/// <summary>
/// Reads one CloudEvent 1.0, from the JSON event format (structured mode, or one event of a batch) or from the HTTP
/// binding's binary mode (ce- headers, the body as <c>data</c>), and checks every attribute, naming the one refused.
/// The SDK's attribute definitions check what the spec types say (RFC 3339 <c>time</c>, an absolute
/// <c>dataschema</c>, no control characters in strings, lowercase alphanumeric names, integers); on top come the
/// rules it leaves out (docs/adr/0016): lengths, <c>source</c> a URI-reference by RFC 3986, scalar extensions,
/// JSON data only, and what a command needs (a known <c>type</c>, the complaint as <c>subject</c>).
/// </summary>
public static partial class CloudEventReader
{
    public const int MaxIdLength = 200;
    /// <summary>Source, subject and every other attribute value: the causation id on every event is source#id.</summary>
    public const int MaxAttributeLength = 2048;
    /// <summary>The spec's limit for attribute names (a SHOULD there, a rule here).</summary>
    public const int MaxNameLength = 20;

    private const string SpecVersion = "specversion";
    private const string DataMustBeObject = "must be the command's body, a JSON object";

    private static readonly CloudEventAttribute PlanVersion =
        CloudEventAttribute.CreateExtension("planversion", CloudEventAttributeType.Integer);
    private static readonly CloudEventAttribute[] Extensions = [PlanVersion];
    private static readonly IReadOnlyDictionary<string, CloudEventAttribute> Known =
        CloudEventsSpecVersion.V1_0.AllAttributes.Append(PlanVersion).Append(CloudEventsSpecVersion.SpecVersionAttribute)
            .ToDictionary(a => a.Name);
    private static readonly JsonEventFormatter Formatter = new();

    /// <summary>One event in the JSON event format; <paramref name="element"/> has passed the strict JSON check.</summary>
    public static IncomingCloudEvent Structured(JsonElement element)
    {
        var v = new Validator();
        if (element.ValueKind != JsonValueKind.Object)
        {
            v.Add("event", "must be a JSON object: a CloudEvent in the JSON event format");
            v.ThrowIfInvalid();
        }
        var present = new List<string>();
        // The JSON format treats a null attribute as absent, as the SDK does.
        foreach (var member in element.EnumerateObject().Where(m => m.Value.ValueKind != JsonValueKind.Null))
        {
            present.Add(member.Name);
            if (member.Name == "data") continue;
            if (member.Name == "data_base64")
                v.Add(member.Name, "is not accepted: a command's body is JSON and goes in data, never both");
            else if (TextOf(member, v) is { } text) CheckAttribute(member.Name, text, v);
        }
        CheckRequired(present, v, _ => "is required");
        v.ThrowIfInvalid();
        return Complete(Formatter.ConvertFromJsonElement(element, Extensions), v);
    }

    /// <summary>One event in binary mode: the attributes in ce- headers, <paramref name="data"/> the parsed body.</summary>
    public static IncomingCloudEvent Binary(IHeaderDictionary headers, string contentType, JsonElement data)
    {
        var v = new Validator();
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, Extensions);
        var present = new List<string>();
        foreach (var (header, values) in headers)
        {
            if (HttpUtilities.GetAttributeNameFromHeaderName(header) is not { } name) continue;
            present.Add(name);
            if (AttributeFromHeader(name, values, v) is { } text && CheckAttribute(name, text, v) && name != SpecVersion)
                cloudEvent.SetAttributeFromString(name, text);
        }
        CheckRequired(present, v, name => $"is required: the ce-{name} header in binary mode, or send the event " +
            $"as {CloudEventsEndpoint.Structured}");
        if (CheckAttribute("datacontenttype", contentType, v)) cloudEvent.DataContentType = contentType;
        v.ThrowIfInvalid();
        cloudEvent.Data = data;
        return Complete(cloudEvent, v);
    }

    /// <summary>The id and source of an event that may be refused, when they are usable, so a batch's caller can
    /// match each result to its event.</summary>
    public static (string? Id, string? Source) IdentityOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
            ? (Text(element, "id", MaxIdLength), Text(element, "source", MaxAttributeLength))
            : (null, null);

    /// <summary>JSON (application/json or a +json type) in UTF-8, the only body a command has.</summary>
    public static bool IsJson(MediaTypeHeaderValue media) =>
        (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
         media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)) && IsUtf8(media);

    public static bool IsUtf8(MediaTypeHeaderValue media) =>
        !media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);

    private static string? Text(JsonElement element, string name, int limit) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String &&
        value.GetString() is { Length: > 0 } text && text.Length <= limit ? text : null;

    /// <summary>The attribute as the text the SDK parses; CloudEvents attributes are scalar.</summary>
    private static string? TextOf(JsonProperty member, Validator v)
    {
        var value = member.Value;
        var isExtension = Known.GetValueOrDefault(member.Name) is not { IsExtension: false };
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.True or JsonValueKind.False when isExtension:
                return value.ValueKind == JsonValueKind.True ? "true" : "false";
            case JsonValueKind.Number when isExtension:
                if (value.TryGetInt32(out var integer)) return integer.ToString(System.Globalization.CultureInfo.InvariantCulture);
                v.Add(member.Name, ExpectedOf(CloudEventAttributeType.Integer)! + ", the only numbers CloudEvents has");
                return null;
            default:
                v.Add(member.Name, isExtension
                    ? "must be a string, a boolean or an integer: extension attributes are scalar"
                    : "must be a JSON string");
                return null;
        }
    }

    private static string? AttributeFromHeader(string name, Microsoft.Extensions.Primitives.StringValues values, Validator v)
    {
        if (values.Count != 1 || values[0] is not { } value)
        {
            v.Add(name, "is sent more than once");
            return null;
        }
        if (name == "datacontenttype")
        {
            v.Add(name, "is the Content-Type header in binary mode, not ce-datacontenttype");
            return null;
        }
        if (value.Any(c => c > '\u007E'))
        {
            v.Add(name, "has characters outside printable ASCII: the HTTP binding sends them percent-encoded " +
                        "as UTF-8 (%E5%91%BC for 呼)");
            return null;
        }
        try
        {
            return HttpUtilities.DecodeHeaderValue(value);
        }
        catch (ArgumentException e)
        {
            v.Add(name, e.Message);
            return null;
        }
    }

    /// <summary>One attribute, by the spec (through the SDK's definition of it) and by this engine's rules.</summary>
    private static bool CheckAttribute(string name, string text, Validator v)
    {
        if (name.Length is 0 or > MaxNameLength || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            v.Add(name.Length == 0 ? "event" : name,
                $"is not an attribute name: names are 1 to {MaxNameLength} lowercase letters a-z or digits");
            return false;
        }
        // Length, and what no attribute may hold: control characters (the spec's string type excludes them) and the
        // invisible formatting characters (U+202E, U+200B) that make an id, source or subject read as another one.
        var characters = new Validator();
        characters.OptionalLine(text, name, name == "id" ? MaxIdLength : MaxAttributeLength);
        if (characters.HasError(name))
        {
            foreach (var message in characters.Errors[name]) v.Add(name, message);
            return false;
        }
        var attribute = Known.GetValueOrDefault(name);
        try
        {
            (attribute ?? CloudEventAttribute.CreateExtension(name, CloudEventAttributeType.String)).Parse(text);
        }
        catch (ArgumentException e)
        {
            v.Add(name, ExpectedOf(attribute?.Type) ?? $"is invalid: {(e.InnerException ?? e).Message}");
            return false;
        }
        var refusal = name switch
        {
            SpecVersion when text != "1.0" => "must be \"1.0\"",
            "source" when !IsUriReference(text) =>
                "must be a URI-reference (RFC 3986), such as urn:call-centre:eu-1 or https://call-centre.example/eu-1",
            "type" when !CloudEventTypes.All.Contains(text) => $"must be one of {string.Join(", ", CloudEventTypes.All)}",
            "datacontenttype" when !MediaTypeHeaderValue.TryParse(text, out var media) || !IsJson(media) =>
                "must be application/json or a +json media type (UTF-8): a command's body is JSON",
            _ => null
        };
        if (refusal is not null) v.Add(name, refusal);
        return refusal is null;
    }

    /// <summary>What a value of the spec's type looks like, where the SDK's reason would not say.</summary>
    private static string? ExpectedOf(CloudEventAttributeType? type) =>
        type == CloudEventAttributeType.Timestamp ? "must be an RFC 3339 timestamp with an offset, such as 2026-11-20T09:30:00Z"
        : type == CloudEventAttributeType.Uri ? "must be an absolute URI, such as https://complaints.example/schemas/register"
        : type == CloudEventAttributeType.Integer ? $"must be an integer from {int.MinValue} to {int.MaxValue}"
        : null;

    private static void CheckRequired(List<string> present, Validator v, Func<string, string> required)
    {
        foreach (var name in CloudEventsSpecVersion.V1_0.RequiredAttributes.Select(a => a.Name).Prepend(SpecVersion))
            if (!present.Contains(name)) v.Add(name, required(name));
    }

    /// <summary>What the command needs of a well-formed event: its body, and the complaint (and plan) it acts on.</summary>
    private static IncomingCloudEvent Complete(CloudEvent cloudEvent, Validator v)
    {
        var data = cloudEvent.Data is JsonElement { ValueKind: JsonValueKind.Object } body ? body : default;
        if (data.ValueKind != JsonValueKind.Object) v.Add("data", DataMustBeObject);
        var command = CloudEventTypes.Commands.GetValueOrDefault(cloudEvent.Type!);
        CommandTarget? target = null;
        if (command is not null)
        {
            if (!Guid.TryParse(cloudEvent.Subject, out var complaint)) v.Add("subject", "must be the complaint id for this type");
            var plan = cloudEvent[PlanVersion] as int?;
            if (command.TargetsPlan && plan is null)
                v.Add("planversion", "is required for this type: the plan version, as in the HTTP path");
            target = new CommandTarget(complaint, plan ?? 0);
        }
        v.ThrowIfInvalid();
        return new IncomingCloudEvent(cloudEvent, data, command, target);
    }

    /// <summary>
    /// RFC 3986 §4.1: a URI or a relative reference, split as its appendix B does, each part of the characters its
    /// grammar allows (percent-escapes well formed); IP literals in the authority are not parsed further.
    /// </summary>
    private static bool IsUriReference(string text)
    {
        var parts = UriParts().Match(text);
        return parts.Success &&
               (!parts.Groups["scheme"].Success || Scheme().IsMatch(parts.Groups["scheme"].Value)) &&
               Authority().IsMatch(parts.Groups["authority"].Value) &&
               PathQueryOrFragment().IsMatch(parts.Groups["rest"].Value);
    }

    [GeneratedRegex(@"^(?:(?<scheme>[^:/?#]+):)?(?://(?<authority>[^/?#]*))?(?<rest>.*)\z", RegexOptions.Singleline)]
    private static partial Regex UriParts();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*\z")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@\[\]]|%[0-9A-Fa-f]{2})*\z")]
    private static partial Regex Authority();

    /// <summary>Path, then <c>?query</c>, then one <c>#fragment</c>: pchar, "/" and "?" (a second "#" is refused).</summary>
    [GeneratedRegex(@"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*(?:#(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?\z")]
    private static partial Regex PathQueryOrFragment();
}
