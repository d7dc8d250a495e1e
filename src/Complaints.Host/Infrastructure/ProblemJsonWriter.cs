using System.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Complaints.Host.Infrastructure;

/// <summary>
/// Writes every problem as <c>application/problem+json</c> in the project's shape (<see cref="ProblemMapping.Complete"/>),
/// whatever the <c>Accept</c> header asks for. ASP.NET Core's own writer declines a client that does not accept JSON (a
/// browser, a CSV reader of the ledger): its refusals went out with no body or as text, and where an answer had to be
/// written (an exception, an unauthenticated call) as a 500.
/// </summary>
public sealed class ProblemJsonWriter(IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problem.Extensions["traceId"] = Activity.Current?.Id ?? http.TraceIdentifier;
        ProblemMapping.Complete(context);
        var options = json.Value.SerializerOptions;
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, options.GetTypeInfo(problem.GetType()),
            "application/problem+json", http.RequestAborted));
    }
}
