using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Complaints.Host.OpenApi;

/// <summary>
/// Endpoints that return an <c>IResult</c> declare their real answers with <c>ProducesResponseType</c>; the
/// generator still adds a 200 typed as <c>IResult</c>, which describes nothing, so it is dropped.
/// </summary>
internal sealed class DeclaredAnswers : IOpenApiOperationTransformer, IOpenApiDocumentTransformer
{
    private const string Placeholder = "IResult";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        foreach (var (code, answer) in operation.Responses?.ToList() ?? [])
            if (answer.Content?.Values.Any(media => media.Schema is OpenApiSchemaReference { Reference.Id: Placeholder }) == true)
                operation.Responses!.Remove(code);
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Components?.Schemas?.Remove(Placeholder);
        return Task.CompletedTask;
    }
}
