using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Complaints.Host.OpenApi;

/// <summary>Declares the bearer token every endpoint but readiness needs (docs/security.md).</summary>
internal sealed class BearerSecurity : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "Complaints";
        document.Info.Description = "Event-sourced complaint workflow engine. The contract: docs/contract/http-contract.md in the repository.";
        document.Info.Contact = new OpenApiContact { Name = "Complaints engine maintainers", Email = "complaints-engine@example.com" };
        document.Info.License = new OpenApiLicense { Name = "Proprietary: for the operator's own services", Identifier = "LicenseRef-Proprietary" };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT with `name` and `roles` claims; see docs/security.md for the roles each endpoint admits."
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }];
        return Task.CompletedTask;
    }
}
