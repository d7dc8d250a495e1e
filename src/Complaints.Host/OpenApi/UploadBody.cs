using Complaints.Host.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Complaints.Host.OpenApi;

/// <summary>An endpoint that takes a file (<see cref="TakesUploadAttribute"/>) reads its form itself, so its body is described here.</summary>
internal sealed class UploadBody : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<TakesUploadAttribute>().Any())
            return Task.CompletedTask;
        var text = new OpenApiSchema { Type = JsonSchemaType.String };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = $"One file (at most {Complaints.StaffWork.Evidence.MaxFileBytes} bytes) of the allowed types, " +
                          "whose bytes must be of the declared type; optional description and by.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string>(["file"]),
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["file"] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.String, Format = "binary",
                                Description = string.Join(", ", Complaints.StaffWork.Evidence.Types.Select(t => t.ContentType).Distinct())
                            },
                            ["description"] = text,
                            ["by"] = text
                        }
                    }
                }
            }
        };
        return Task.CompletedTask;
    }
}
