using System.Collections;
using System.Diagnostics;

namespace Complaints.Host.Infrastructure;

/// <summary>
/// Every request gets a correlation id (the caller's <c>X-Correlation-Id</c>, or a new one) and a unique
/// request id, both echoed back. Events record the request id as their causation id.
/// </summary>
public static class Correlation
{
    public const string Header = "X-Correlation-Id";
    public const string RequestIdHeader = "X-Request-Id";
    private const int MaxLength = 200;

    public static string Id(HttpContext http) => (string)http.Items[Header]!;

    public static string RequestId(HttpContext http) => (string)http.Items[RequestIdHeader]!;

    /// <summary>The span attribute naming the request's correlation id, so a trace is found from a complaint's events.</summary>
    public const string SpanAttribute = "complaints.correlation_id";

    /// <summary>
    /// Also opens a log scope with both ids around the rest of the request: every line it logs carries them, beside
    /// the trace and span ids ASP.NET Core's own scope adds (docs/operations.md).
    /// </summary>
    public static IApplicationBuilder UseCorrelationIds(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Complaints.Requests");
        return app.Use(async (http, next) =>
        {
            var given = http.Request.Headers[Header].ToString();
            // Only printable ASCII can be echoed in a header; anything else is replaced, never allowed to fail the answer.
            var id = given.Length is > 0 and <= MaxLength && given.All(c => c is >= ' ' and <= '~')
                ? given
                : Guid.NewGuid().ToString("N");
            var requestId = Guid.CreateVersion7().ToString();
            http.Items[Header] = id;
            http.Items[RequestIdHeader] = requestId;
            // Set when the response starts: the exception handler clears headers set earlier.
            http.Response.OnStarting(() =>
            {
                http.Response.Headers[Header] = id;
                http.Response.Headers[RequestIdHeader] = requestId;
                return Task.CompletedTask;
            });
            if (Activity.Current is { IsAllDataRequested: true } span) span.SetTag(SpanAttribute, id);
            using (logger.BeginScope(new Scope(id, requestId))) await next(http);
        });
    }

    /// <summary>The ids as a log scope's named values; one small object per request.</summary>
    private sealed class Scope(string correlationId, string requestId) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 2;

        public KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new("CorrelationId", correlationId),
            1 => new("CausationId", requestId),
            _ => throw new ArgumentOutOfRangeException(nameof(index))
        };

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
            yield return this[1];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"CorrelationId:{correlationId} CausationId:{requestId}";
    }
}
