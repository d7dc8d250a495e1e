using Scalar.AspNetCore;

namespace Complaints.Host.OpenApi;

public static class OpenApiConfiguration
{
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>The contract as OpenAPI at <c>/openapi/v1.json</c>; a browsable reference at <c>/scalar</c> in development.</summary>
    public static WebApplicationBuilder AddComplaintOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<BearerSecurity>();
            options.AddOperationTransformer<CloudEventsBody>();
            options.AddSchemaTransformer<AbsentWhenNull>();
            options.AddOperationTransformer<UploadBody>();
            options.AddOperationTransformer<DeclaredAnswers>();
            options.AddOperationTransformer<ContractConventions>();
            options.AddOperationTransformer<UseCaseSummaries>();
            options.AddDocumentTransformer<DeclaredAnswers>();
            options.AddDocumentTransformer<HealthPaths>();
            options.AddDocumentTransformer<UseCaseSummaries>();
        });
        return builder;
    }

    public static WebApplication UseComplaintOpenApi(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        if (app.Environment.IsDevelopment())
            app.MapScalarApiReference(options => options.WithOpenApiRoutePattern(DocumentPath)).AllowAnonymous();
        return app;
    }
}
