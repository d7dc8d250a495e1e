using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Complaints.Host.Audit;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Complaints.Host.Infrastructure;

public sealed class RequestLimits
{
    /// <summary>A complaint is text; a megabyte is far more than any legitimate command needs.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>No command lists more than a few items; a longer array can only make events and answers huge.</summary>
    public int MaxArrayItems { get; set; } = 1000;

    public IEnumerable<string> Problems()
    {
        if (MaxBodyBytes <= 0) yield return $"MaxBodyBytes must be positive (is {MaxBodyBytes}).";
        if (MaxArrayItems <= 0) yield return $"MaxArrayItems must be positive (is {MaxArrayItems}).";
    }
}

/// <summary>
/// Checks an authorised write's body before any endpoint sees it: JSON content type in UTF-8 (415), size (413), strict JSON
/// (<see cref="StrictJson"/>) and that it binds to the endpoint's request type, with no member the type lacks (400
/// naming the field). It also keeps the body's hash so an
/// <c>Idempotency-Key</c> can tell a retry from a different request.
/// </summary>
public sealed class RequestGuard(RequestDelegate next, IOptions<RequestLimits> limits, IOptions<JsonOptions> json)
{
    private const string BodyHashItem = "complaints.body-hash";

    public static string BodyHash(HttpContext http) => http.Items[BodyHashItem] as string ?? "";

    /// <summary>An upload's endpoint hashes what it read from the form: a multipart body differs by its boundary.</summary>
    public static void SetBodyHash(HttpContext http, string what) =>
        http.Items[BodyHashItem] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path}\n{what}")));

    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        // The console's pages take HTML forms and check them themselves (antiforgery, then the command's own validation).
        if (!HttpMethods.IsPost(request.Method) && !HttpMethods.IsPut(request.Method) && !HttpMethods.IsPatch(request.Method) ||
            http.GetEndpoint()?.Metadata.GetMetadata<WebConsole.ServesFormsAttribute>() is not null)
        {
            await next(http);
            return;
        }

        var upload = http.GetEndpoint()?.Metadata.GetMetadata<TakesUploadAttribute>();
        if ((upload is null ? RefusalOf(request.ContentType) : UploadRefusalOf(request.ContentType)) is { } refusal)
            throw new RequestRejectedException(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", refusal);
        // Media types are case-insensitive, but Wolverine compares them as written: "Application/JSON" would be its 415.
        if (upload is null) request.ContentType = request.ContentType!.ToLowerInvariant();

        var limit = upload?.MaxBodyBytes ?? limits.Value.MaxBodyBytes;
        if (request.ContentLength > limit) throw TooLarge(limit);
        var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
        {
            if (body.Length + read > limit) throw TooLarge(limit);
            body.Write(buffer, 0, read);
        }

        // No endpoint: the answer is 404 or 405 whatever the body holds.
        var endpoint = http.GetEndpoint();
        if (endpoint is not null && upload is null && endpoint.Metadata.GetMetadata<ReadsBodyItselfAttribute>() is null)
        {
            var requestType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            var content = Parse(body.ToArray());
            if (requestType is not null) CheckBinds(content, requestType);
            http.Items[BodyHashItem] = Hash(request, content);
        }
        body.Position = 0;
        request.Body = body;
        await next(http);
    }

    /// <summary>The body parsed once, for both the binding check and the hash; anything but strict JSON is a 400.</summary>
    private JsonElement Parse(byte[] body)
    {
        if (body.Length == 0)
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "Malformed request body",
                "The body is empty: send the command as a JSON object.",
                new Dictionary<string, string[]> { ["body"] = ["is required"] });
        if (StrictJson.Check(body, limits.Value.MaxArrayItems) is { } defect)
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "Malformed request body",
                $"The body is not valid JSON for this command: {FieldOf(defect.Path)} {defect.Problem}.",
                new Dictionary<string, string[]> { [FieldOf(defect.Path)] = [defect.Problem] });
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Method, path and the body in canonical JSON (RFC 8785: members sorted, no insignificant whitespace): a client
    /// that re-serialises the same request in another member order or layout is still retrying the same request.
    /// </summary>
    private static string Hash(HttpRequest request, JsonElement content)
    {
        var canonical = new StringBuilder($"{request.Method} {request.Path}\n");
        CanonicalJson.Write(canonical, content);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    private void CheckBinds(JsonElement content, Type requestType)
    {
        if (UnknownMembers.In(content, requestType, json.Value.SerializerOptions) is { Count: > 0 } unknown)
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "Malformed request body",
                $"The body names members this command does not take: {string.Join(", ", unknown)}.",
                unknown.ToDictionary(path => path, _ => new[] { UnknownMembers.Problem }));
        object? bound;
        try
        {
            bound = content.Deserialize(requestType, json.Value.SerializerOptions);
        }
        catch (JsonException e)
        {
            throw Malformed(e);
        }
        if (bound is null)
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "Malformed request body",
                "The body must be a JSON object.", new Dictionary<string, string[]> { ["body"] = ["is required"] });
    }

    private static RequestRejectedException Malformed(JsonException e) =>
        new(StatusCodes.Status400BadRequest, "Malformed request body", "The body is not valid JSON for this command.",
            new Dictionary<string, string[]> { [FieldOf(e.Path)] = [Describe(e)] });

    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    private static string Describe(JsonException e) =>
        e.Path is null or "$" ? "is not a JSON object" : "has the wrong type or is malformed";

    /// <summary>
    /// Why a content type is refused, or null for JSON: <c>application/json</c> or a <c>+json</c> type, in UTF-8. JSON
    /// exchanged between systems must be UTF-8 (RFC 8259 §8.1), so a charset parameter may only say so: a body
    /// declared Latin-1 or UTF-16 would otherwise be read as UTF-8 and mean something else.
    /// </summary>
    private static string? RefusalOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } type ||
            !(type.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
              type.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
            return $"Send the body as application/json, not '{contentType ?? "nothing"}'.";
        var charset = HeaderUtilities.RemoveQuotes(media.Charset);
        return charset.HasValue && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            ? $"Send the body in UTF-8: charset '{charset}' is not accepted."
            : null;
    }

    private static string? UploadRefusalOf(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
        && !string.IsNullOrEmpty(HeaderUtilities.RemoveQuotes(media.Boundary).Value)
            ? null
            : $"Send the file as multipart/form-data, not '{contentType ?? "nothing"}'.";

    private static RequestRejectedException TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The body may not exceed {limit} bytes.");
}

/// <summary>A request refused before it reached a command; mapped to problem+json with its status.</summary>
public sealed class RequestRejectedException(int status, string title, string detail,
    IReadOnlyDictionary<string, string[]>? errors = null) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;
}

/// <summary>The endpoint parses its body itself (and answers for its shape); the guard only limits its size.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadsBodyItselfAttribute : Attribute;

/// <summary>The endpoint takes one file as multipart/form-data, up to <see cref="MaxBodyBytes"/> in all.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TakesUploadAttribute(long maxBodyBytes) : Attribute
{
    public long MaxBodyBytes { get; } = maxBodyBytes;
}
