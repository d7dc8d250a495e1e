using RangeAttribute = System.ComponentModel.DataAnnotations.RangeAttribute;
using System.Globalization;
using System.Reflection;
using Complaints.Domain;
using Complaints.Host.Complaints;
using Complaints.Projections;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

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
            logger.RequestFailed(exception, http.Request.Method, http.Request.Path);
            problem = Internal();
        }
        else if (exception is SealedValueUnreadableException)
            logger.PersonalDataUnreadable(exception, http.Request.Method, http.Request.Path);
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.DatabaseUnreachable(exception, http.Request.Method, http.Request.Path);
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
            // The server's fault, logged where it was met; a 409 all the same, since retrying cannot help (ADR 0014).
            UnreadableHistoryException e => Problem(StatusCodes.Status409Conflict, "history-unreadable",
                "The complaint's history cannot be read", e.Message),
            // Also the server's fault (the secret changed without the rebuilds, or a stored value was edited), logged
            // where it is answered; retrying cannot help either (ADR 0040).
            SealedValueUnreadableException e => Problem(StatusCodes.Status409Conflict, "personal-data-unreadable",
                "The complaint's personal data cannot be read", e.Message),
            BadHttpRequestException e => Problem(e.StatusCode, "bad-request", "Bad request", "The request could not be read."),
            // The commit may have reached the database before the connection broke: only a retry can tell.
            _ when DatabaseOutage.Caused(exception) => Problem(StatusCodes.Status503ServiceUnavailable, "database-unavailable",
                "Database unavailable", "The database could not be reached, so this request may or may not have been " +
                "recorded. Send it again with the same Idempotency-Key: it is recorded at most once."),
            _ => null
        };

    /// <summary>Every problem answer passes here, ours and those ASP.NET Core or Wolverine write themselves.</summary>
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type?.StartsWith(TypeBase, StringComparison.Ordinal) != true) Adopt(problem, context.HttpContext);
        problem.Extensions["correlationId"] = context.HttpContext.Items[Correlation.Header];
    }

    /// <summary>
    /// A problem the frameworks made (an unknown path or an id that does not parse, a wrong method, a query value
    /// that does not parse, a body Wolverine could not read) in this project's shape, so clients see one kind of
    /// answer and none of the frameworks' own members.
    /// </summary>
    private static void Adopt(ProblemDetails problem, HttpContext http)
    {
        // Wolverine's answer to a query value it cannot parse names the parameter, with a detail quoting the value.
        var parameter = problem.Extensions.TryGetValue("parameter", out var named) ? named as string : null;
        var traceId = problem.Extensions.TryGetValue("traceId", out var trace) ? trace : null;
        problem.Extensions.Clear();
        if (traceId is not null) problem.Extensions["traceId"] = traceId;
        var adopted = parameter is not null && problem.Status == StatusCodes.Status400BadRequest
            ? InvalidQuery(parameter, QueryValueRule(http, parameter))
            : (problem.Status ?? http.Response.StatusCode) switch
            {
                StatusCodes.Status404NotFound => Problem(StatusCodes.Status404NotFound, "not-found", "Not found",
                    "Nothing is at this address: the path or the complaint id is unknown."),
                StatusCodes.Status405MethodNotAllowed => Problem(StatusCodes.Status405MethodNotAllowed, "method-not-allowed",
                    "Method not allowed", "This address does not accept that method."),
                StatusCodes.Status406NotAcceptable => Problem(StatusCodes.Status406NotAcceptable, "not-acceptable",
                    "Not acceptable", "This address answers in JSON: accept application/json or application/problem+json."),
                StatusCodes.Status415UnsupportedMediaType => Problem(StatusCodes.Status415UnsupportedMediaType,
                    "unsupported-media-type", "Unsupported media type", "Send the body as application/json."),
                >= StatusCodes.Status500InternalServerError => Internal(),
                var status => Problem(status, "bad-request", "Bad request",
                    "The request could not be read.")
            };
        (problem.Status, problem.Type, problem.Title, problem.Detail) = (adopted.Status, adopted.Type, adopted.Title, adopted.Detail);
        foreach (var (key, value) in adopted.Extensions) problem.Extensions[key] = value;
    }

    private static ProblemDetails InvalidQuery(string parameter, string rule) =>
        Problem(StatusCodes.Status400BadRequest, "invalid-query", "Invalid query value",
            $"The query parameter '{parameter}' {rule}.", new Dictionary<string, string[]> { [parameter] = [rule] });

    /// <summary>
    /// What the endpoint's parameter of that name accepts, read from the method Wolverine binds it to: its
    /// <see cref="RangeAttribute"/> when it has one (a page size), so the answer states the range the endpoint takes.
    /// </summary>
    private static string QueryValueRule(HttpContext http, string parameter)
    {
        var declaration = http.GetEndpoint()?.Metadata.GetMetadata<HttpChain>()?.Method.Method.GetParameters()
            .FirstOrDefault(p => p.Name == parameter);
        if (declaration?.GetCustomAttribute<RangeAttribute>() is { } range)
            return string.Create(CultureInfo.InvariantCulture, $"must be a whole number from {range.Minimum} to {range.Maximum}");
        var declared = declaration?.ParameterType;
        return (declared is null ? null : Nullable.GetUnderlyingType(declared) ?? declared) switch
        {
            { } type when type == typeof(int) => $"must be a whole number from {int.MinValue} to {int.MaxValue}",
            { } type when type == typeof(long) => $"must be a whole number from {long.MinValue} to {long.MaxValue}",
            { } type when type == typeof(bool) => "must be true or false",
            _ => "has a value that cannot be read"
        };
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
