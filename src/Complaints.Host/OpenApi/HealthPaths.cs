using Complaints.Host.Health;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Complaints.Host.OpenApi;

/// <summary>
/// The health endpoints are ASP.NET Core's health-check middleware, which the API explorer does not describe: their
/// operations are written here, anonymous, with the answers they really give (docs/operations.md).
/// </summary>
internal sealed class HealthPaths : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Paths ??= [];
        document.Paths[HealthConfiguration.LivePath] = await PathAsync<Liveness>(document, context,
            "Liveness: the process runs", "200 while the process serves requests; an orchestrator restarts it otherwise.",
            [("200", "The process runs")], ct);
        document.Paths[HealthConfiguration.ReadyPath] = await PathAsync<Readiness>(document, context,
            "Readiness: the store, the message runtime and the projections",
            "200 when the event store answers, the message runtime runs and no projection has stopped; 503 `not-ready` " +
            "(store or runtime down) or `degraded` (a projection stopped). The failure text of a stopped projection is " +
            "shown to authenticated callers only.",
            [("200", "Ready"), ("503", "Not ready, or degraded")], ct);
    }

    private static async Task<OpenApiPathItem> PathAsync<TAnswer>(OpenApiDocument document,
        OpenApiDocumentTransformerContext context, string summary, string description,
        IReadOnlyList<(string Code, string Meaning)> answers, CancellationToken ct)
    {
        var name = typeof(TAnswer).Name;
        document.AddComponent(name, await context.GetOrCreateSchemaAsync(typeof(TAnswer), null, ct));
        if (document.Components?.Schemas?.ContainsKey(nameof(ProblemDetails)) != true)
            document.AddComponent(nameof(ProblemDetails), await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct));
        var responses = new OpenApiResponses();
        foreach (var (code, meaning) in answers)
            responses[code] = new OpenApiResponse
            {
                Description = meaning,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = new OpenApiSchemaReference(name, document) }
                }
            };
        // The query guard refuses a malformed query before any endpoint runs, here too.
        responses["400"] = new OpenApiResponse
        {
            Description = "Malformed query",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemDetails), document) }
            }
        };
        return new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    Summary = summary, Description = description, Tags = new HashSet<OpenApiTagReference> { new("Health", document) },
                    OperationId = name == nameof(Readiness) ? "getReadiness" : "getLiveness",
                    Security = [], Responses = responses,
                    Parameters = [ContractConventions.Header("X-Correlation-Id", "The business conversation; echoed, generated when absent.")]
                }
            }
        };
    }
}
