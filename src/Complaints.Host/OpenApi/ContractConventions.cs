using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Complaints.Host.OpenApi;

/// <summary>
/// What the contract's conventions add to every operation (docs/contract/http-contract.md): the problem answers,
/// the correlation, idempotency and condition headers, and no token on anonymous endpoints.
/// </summary>
internal sealed class ContractConventions : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken ct)
    {
        var anonymous = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
        var write = context.Description.HttpMethod == HttpMethods.Post;
        var path = context.Description.RelativePath ?? "";
        // Commands on an existing complaint (and CloudEvents, which name one) meet its state and version.
        var onComplaint = path.Contains("{id}", StringComparison.Ordinal) || path == "api/events";
        if (anonymous) operation.Security = [];

        var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct);
        var answers = new List<(string Code, string Meaning)> { ("400", "Malformed or invalid input") };
        if (!anonymous) answers.AddRange([("401", "No or invalid bearer token"), ("403", "The token's roles do not allow this")]);
        var ruleVersion = path.StartsWith("api/rules/", StringComparison.Ordinal);
        if (onComplaint)
            answers.Add(path.Contains("{attachmentId}", StringComparison.Ordinal)
                ? ("404", "Unknown complaint or attachment") : ("404", "Unknown complaint"));
        if (ruleVersion) answers.Add(("404", "Unknown rule kind or version"));
        if (write && onComplaint)
            answers.AddRange([
                ("409", "Not allowed in the complaint's current state (names its status and allowed actions), or concurrent changes"),
                ("412", "If-Match names a stale version")
            ]);
        // The reads that open the read models' sealed contact (ADR 0040).
        if (!write && path is "api/complaints/{id}" or "api/complaints/{id}/report" or "api/complaints/{id}/notifications")
            answers.Add(("409", "The complaint's sealed personal data cannot be opened: a server fault its read models' rebuild repairs"));
        if (write)
            answers.AddRange([
                ("413", "Body too large"), ("415", "Not JSON, or a charset other than UTF-8"),
                ("422", "Idempotency-Key reused with a different body")
            ]);
        if (context.Description.HttpMethod == HttpMethods.Put) answers.Add(("412", "If-Match names a stale revision"));
        answers.Add(("503", "The database could not be reached; send the request again (with the same Idempotency-Key)"));
        operation.Responses ??= new OpenApiResponses();
        // Wolverine lists a bare 404 on every endpoint; only those that name a complaint or a rule version can answer it.
        if (!onComplaint && !ruleVersion && operation.Responses.TryGetValue("404", out var bare) && bare.Content is not { Count: > 0 })
            operation.Responses.Remove("404");
        foreach (var (code, meaning) in answers)
            operation.Responses[code] = new OpenApiResponse
            {
                Description = meaning,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } }
            };

        operation.Parameters ??= [];
        operation.Parameters.Add(Header("X-Correlation-Id", "The business conversation; recorded on the events, echoed, generated when absent."));
        if (!write) return;
        operation.Parameters.Add(Header("Idempotency-Key", "Printable ASCII, up to 200 characters, the caller's own: the same key and body (members in any order) answer the first answer again."));
        operation.Parameters.Add(Header("If-Match", "\"<version>\": run only if the complaint is still at that version (else 412)."));
    }

    internal static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name, In = ParameterLocation.Header, Required = false, Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String }
    };
}
