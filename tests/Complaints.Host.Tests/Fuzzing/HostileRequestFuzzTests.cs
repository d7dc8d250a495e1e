using System.Net;
using System.Text;
using Complaints.Host.Security;
using Complaints.Host.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Host.Tests.Fuzzing;

/// <summary>
/// Hostile requests drawn at random against every mapped endpoint, as an anonymous caller and as each role:
/// bodies that are malformed by construction, odd route values, hostile query values and headers. None may answer
/// 5xx, none may record anything, and readiness stays 200 throughout.
/// </summary>
public sealed class HostileRequestFuzzTests(ComplaintsApi api) : ApiTest(api)
{
    private const int Requests = 600;

    private sealed record Route(string Method, string Pattern);

    private sealed record Hostile(Route Route, string Caller, string Path, byte[]? Body, string ContentType,
        IReadOnlyList<(string Name, string Value)> Headers)
    {
        public override string ToString() =>
            $"{Route.Method} {Path} as {Caller}, {ContentType}, headers [{string.Join("; ", Headers.Select(h => $"{h.Name}: {h.Value}"))}], " +
            $"body {(Body is null ? "none" : Convert.ToBase64String(Body))}";
    }

    [Fact]
    public async Task Hostile_requests_to_every_endpoint_never_answer_5xx_record_nothing_and_leave_readiness_ready()
    {
        var complaint = await Client.RegisterConfirmedAsync();
        var recorded = await Api.EventCountAsync();
        var callers = Roles.All.ToDictionary(role => role, role => Api.ClientFor($"fuzz-{role}", role));
        callers["anonymous"] = Api.CreateClient();
        var failures = new List<string>();

        var requests = from route in Gen.Elements(Routes())
                       from caller in Gen.Elements(callers.Keys.ToArray())
                       from path in PathFor(route, complaint)
                       from query in QueryString
                       from body in Body
                       from contentType in ContentTypes
                       from headers in HeaderSets
                       select new Hostile(route, caller, path + query, route.Method is "GET" ? null : body, contentType, headers);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Requests), Prop.ForAll(requests.ToArbitrary(), request =>
        {
            var status = SendAsync(callers[request.Caller], request).GetAwaiter().GetResult();
            if (status >= 500) failures.Add($"{status}: {request}"[..Math.Min(600, request.ToString().Length)]);
        }));

        failures.ShouldBeEmpty();
        (await Api.EventCountAsync()).ShouldBe(recorded);
        (await Client.GetJsonAsync("/health/ready")).ShouldBe(HttpStatusCode.OK);
        foreach (var client in callers.Values) client.Dispose();
    }

    private static async Task<int> SendAsync(HttpClient client, Hostile hostile)
    {
        using var request = new HttpRequestMessage(new HttpMethod(hostile.Route.Method), hostile.Path);
        if (hostile.Body is { } body)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", hostile.ContentType);
        }
        foreach (var (name, value) in hostile.Headers) request.Headers.TryAddWithoutValidation(name, value);
        using var answer = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await answer.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        return (int)answer.StatusCode;
    }

    private Route[] Routes() =>
        Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            .Where(e => !e.RoutePattern.RawText!.TrimStart('/').StartsWith("scalar/", StringComparison.Ordinal))
            .Select(e => new Route(e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single(),
                "/" + e.RoutePattern.RawText!.TrimStart('/')))
            .Distinct().OrderBy(r => r.Method + r.Pattern).ToArray();

    /// <summary>
    /// Each route value is a real one, an unknown one, or hostile text (escaped, so the request can be sent; a NUL in the
    /// path is refused by the test server's client and by Kestrel before the engine sees it).
    /// </summary>
    private static Gen<string> PathFor(Route route, Guid complaint)
    {
        var values = Gen.Elements(complaint.ToString(), Guid.NewGuid().ToString(), Guid.Empty.ToString(), "0", "-1", "1",
            "2147483648", "99999999999999999999", "2026-11", "0000-01", "9999-12", "2026-13", "abc", "%ED%A0%80", "%01",
            "%FF", new string('9', 300), "{" + complaint + "}", complaint.ToString("N"), "..%2F..%2Fetc");
        var path = Gen.Constant(route.Pattern);
        foreach (var _ in route.Pattern.Where(c => c == '{'))
            path = from p in path from value in values select ReplaceFirstParameter(p, value);
        return path;
    }

    private static string ReplaceFirstParameter(string pattern, string value)
    {
        var open = pattern.IndexOf('{');
        return pattern[..open] + value + pattern[(pattern.IndexOf('}', open) + 1)..];
    }

    private static readonly string[] QueryNames =
    [
        "asOf", "version", "from", "to", "page", "pageSize", "status", "severity", "category", "department", "region",
        "overdue", "receivedFrom", "receivedTo", "groupBy", "period", "complaint"
    ];

    private static readonly string[] HostileValues =
    [
        "", "0000-01-01", "-0001-01-01", "0001-01-01", "9999-12-31", "2026-02-30", "2026-11-22T01:30:00Z",
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "-1", "0", "2147483648", "1e400", "NaN", "true", "abc",
        "%00", "%0A", "%1B", "%ED%A0%80", "%FF", "%C3", "a%00b", new string('x', 4000), "A", "week", "department"
    ];

    private static readonly Gen<string> QueryString =
        from count in Gen.Choose(0, 3)
        from pairs in Gen.ListOf(from name in Gen.Elements(QueryNames) from value in Gen.Elements(HostileValues)
                                 select $"{name}={value}", count)
        select pairs.Count == 0 ? "" : "?" + string.Join("&", pairs);

    /// <summary>Bodies no command can accept, whatever the endpoint: each breaks JSON, UTF-8 or strictness.</summary>
    private static readonly Gen<byte[]> Body = Gen.OneOf(
        Gen.Elements(
            "", "{", "}", "[", "null", "0", "\"text\"", "[]", "[1,2]", "{\"a\":1,\"a\":2}", "{\"by\":\"x\",\"by\":\"y\"}",
            "{\"a\":\"\\ud800\"}", "{\"\\udc00\":1}", "{\"a\":1e400}", "{\"specversion\":\"1.0\",\"id\":\"1\",\"id\":\"2\"}",
            "[{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/s\",\"type\":\"t\",\"type\":\"u\"}]",
            "{\"a\":" + new string('[', 200) + new string(']', 200) + "}", "{\"a\":tru}", "{'a':1}", "{\"a\":1,}",
            "{\"score\":99999999999999999999999999999999", "\u0000", "{\"a\":\"b\"} trailing")
            .Select(Encoding.UTF8.GetBytes),
        Gen.Elements<byte[]>([0xFF, 0xFE], [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D], [0xEF, 0xBB, 0xBF, 0x7B],
            [0x7B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x3A, 0x31, 0x7D]),
        Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(bytes => (byte[])[0x7B, .. bytes, 0xFF]));

    private static readonly Gen<string> ContentTypes = Gen.Elements(
        "application/json", "application/json; charset=utf-8", "application/json; charset=utf-16", "application/problem+json",
        "application/cloudevents+json", "application/cloudevents-batch+json", "text/plain", "application/jsonx",
        "multipart/form-data; boundary=x", "", ";;;");

    private static readonly Gen<IReadOnlyList<(string, string)>> HeaderSets =
        from count in Gen.Choose(0, 3)
        from headers in Gen.ListOf(Gen.Elements<(string, string)>(
            ("If-Match", "garbage"), ("If-Match", "\"-1\""), ("If-Match", "\"99999999999999999999\""), ("If-Match", "*"),
            ("If-Match", "W/\"1\""), ("Idempotency-Key", new string('k', 5000)), ("Idempotency-Key", ""),
            ("Idempotency-Key", "投诉"), ("X-Correlation-Id", new string('c', 5000)), ("X-Correlation-Id", "é\t"),
            ("Accept", "text/csv"), ("Accept", "application/x-unknown"), ("Accept-Language", "xx-%%"),
            ("ce-specversion", "1.0"), ("ce-id", ""), ("ce-source", "%%"), ("ce-type", "nope")), count)
        select (IReadOnlyList<(string, string)>)headers.ToList();
}
