using Complaints.Domain;
using Complaints.Host.Complaints;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Host.Infrastructure;

/// <summary>
/// Turns every refusal into RFC 9457 problem+json, and gives bare status answers (an unknown path, an id
/// that is not a GUID) a detail and the correlation id too. An unreachable database answers 503 (retry); unexpected
/// failures answer 500 with no stack trace or SQL; the details go to the log only.
/// </summary>
public sealed class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    private const string TypeBase = "https://complaints.example/problems/";

    /// <summary>Seconds a client is asked to wait before retrying when the database is unreachable.</summary>
    private const string RetryAfterOutage = "1";

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = ProblemFor(exception);
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled failure on {Method} {Path}", http.Request.Method, http.Request.Path);
            problem = Internal();
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning(exception, "The database is unreachable on {Method} {Path}", http.Request.Method, http.Request.Path);
            http.Response.Headers.RetryAfter = RetryAfterOutage;
        }

        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http, ProblemDetails = problem, Exception = exception
        });
    }

    public static ProblemDetails Internal() =>
        Problem(StatusCodes.Status500InternalServerError, "internal", "Internal error",
            "The server failed to process the request; nothing was recorded. Quote the correlation id when reporting it.");

    /// <summary>The answer to a refusal, or null for a failure nobody anticipated.</summary>
    public static ProblemDetails? ProblemFor(Exception exception) =>
        exception switch
        {
            RequestRejectedException e => Problem(e.Status, "request-rejected", e.Title, e.Message, e.Errors),
            InvalidCommandException e => Problem(StatusCodes.Status400BadRequest, "validation", "Invalid command",
                "One or more fields are invalid.", e.Errors),
            AccessDeniedException e => Problem(StatusCodes.Status403Forbidden, "forbidden", "Role not allowed", e.Message),
            ComplaintNotFoundException e => Problem(StatusCodes.Status404NotFound, "not-found", "Complaint not found", e.Message),
            CommandNotAllowedException e => WithExtensions(
                Problem(StatusCodes.Status409Conflict, "not-allowed", "Command not allowed in the current state", e.Message),
                // RFC 9457 reserves "status" for the HTTP code, so the complaint's own status sits one level down.
                ("complaint", new { status = e.Status, allowedActions = e.AllowedActions }),
                ("currentStatus", e.Status), ("allowedActions", e.AllowedActions)),
            StaleVersionException e => WithExtensions(
                Problem(StatusCodes.Status412PreconditionFailed, "stale-version", "The complaint has changed", e.Message),
                ("currentVersion", e.CurrentVersion)),
            IdempotencyKeyReusedException e => Problem(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused",
                "Idempotency-Key reused with a different request", e.Message),
            WriteContentionException e => Problem(StatusCodes.Status409Conflict, "write-contention",
                "Concurrent changes", e.Message),
            BadHttpRequestException e => Problem(e.StatusCode, "bad-request", "Bad request", "The request could not be read."),
            // The commit may have reached the database before the connection broke: only a retry can tell.
            _ when DatabaseOutage.Caused(exception) => Problem(StatusCodes.Status503ServiceUnavailable, "database-unavailable",
                "Database unavailable", "The database could not be reached, so this request may or may not have been " +
                "recorded. Send it again with the same Idempotency-Key: it is recorded at most once."),
            _ => null
        };

    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status404NotFound => "Nothing is at this address: the path or the complaint id is unknown.",
            StatusCodes.Status405MethodNotAllowed => "This address does not accept that method.",
            _ => problem.Title
        };
        // Wolverine refuses a query value it cannot parse ("?version=abc") naming the parameter outside "errors".
        if (problem.Extensions.TryGetValue("parameter", out var parameter) && parameter is string name
            && !problem.Extensions.ContainsKey("errors"))
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [name] = ["cannot be read as the expected type"] };
        problem.Extensions["correlationId"] = context.HttpContext.Items[Correlation.Header];
    }

    internal static ProblemDetails Problem(int status, string type, string title, string detail,
        IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails { Status = status, Type = TypeBase + type, Title = title, Detail = detail };
        if (errors is not null) problem.Extensions["errors"] = errors;
        return problem;
    }

    private static ProblemDetails WithExtensions(ProblemDetails problem, params (string Key, object Value)[] extensions)
    {
        foreach (var (key, value) in extensions) problem.Extensions[key] = value;
        return problem;
    }
}
