using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Complaints.Host.Infrastructure;

/// <summary>
/// The writer of last resort: ASP.NET's own writer declines when the request's <c>Accept</c> names no JSON type
/// (a CSV export, <c>Accept: application/x-unknown</c>), and with no writer left the refusal itself became a 500.
/// A refusal is problem+json whatever was asked for (RFC 9457), so this one writes it anyway.
/// </summary>
public sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> problems, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Status ??= context.HttpContext.Response.StatusCode;
        problem.Type ??= "about:blank";
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problems.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(problem, json.Value.SerializerOptions,
            "application/problem+json", context.HttpContext.RequestAborted));
    }
}
