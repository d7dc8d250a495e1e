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

    public static IApplicationBuilder UseCorrelationIds(this IApplicationBuilder app) => app.Use(async (http, next) =>
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
        await next(http);
    });
}
