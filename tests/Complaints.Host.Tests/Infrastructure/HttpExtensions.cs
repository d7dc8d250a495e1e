using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Complaints.Host.Tests.Infrastructure;

public sealed record Answer(HttpStatusCode Status, JsonNode? Body, HttpResponseHeaders Headers, string? ContentType)
{
    public string Text(string property) => Body?[property]?.GetValue<string>() ?? throw new InvalidOperationException(
        $"No '{property}' in {Body?.ToJsonString()}");

    public long Long(string property) => Body?[property]?.GetValue<long>() ?? throw new InvalidOperationException(
        $"No '{property}' in {Body?.ToJsonString()}");

    public Guid Id => Guid.Parse(Text("id"));

    public long Version => Long("version");

    public Answer ShouldBe(HttpStatusCode status)
    {
        Status.ShouldBe(status, Body?.ToJsonString());
        return this;
    }
}

public static class HttpExtensions
{
    public static async Task<Answer> PostJsonAsync(this HttpClient client, string path, object body,
        IDictionary<string, string>? headers = null) =>
        await client.SendJsonAsync(path, JsonSerializer.Serialize(body), headers);

    public static async Task<Answer> SendJsonAsync(this HttpClient client, string path, string json,
        IEnumerable<KeyValuePair<string, string>>? headers = null, string contentType = "application/json") =>
        await client.SendBytesAsync(path, Encoding.UTF8.GetBytes(json), headers, contentType);

    /// <summary>A POST of exactly these bytes, for bodies that are not valid UTF-8.</summary>
    public static async Task<Answer> SendBytesAsync(this HttpClient client, string path, byte[] body,
        IEnumerable<KeyValuePair<string, string>>? headers = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers ?? [])
            request.Headers.TryAddWithoutValidation(name, value);
        return await client.AnswerAsync(request);
    }

    /// <summary>The answer to a request built by hand (another method, a header given twice).</summary>
    public static async Task<Answer> AnswerAsync(this HttpClient client, HttpRequestMessage request) =>
        await Read(await client.SendAsync(request, TestContext.Current.CancellationToken));

    public static async Task<Answer> GetJsonAsync(this HttpClient client, string path) =>
        await Read(await client.GetAsync(path, TestContext.Current.CancellationToken));

    private static async Task<Answer> Read(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new Answer(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Headers,
            response.Content.Headers.ContentType?.MediaType);
    }
}
