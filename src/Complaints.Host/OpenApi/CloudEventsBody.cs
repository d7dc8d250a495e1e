using Complaints.Host.Complaints.Ingesting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Complaints.Host.OpenApi;

/// <summary>The CloudEvents endpoint reads its body itself, so its two content types are described here.</summary>
internal sealed class CloudEventsBody : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken ct)
    {
        if (context.Description.RelativePath?.TrimStart('/') != "api/events") return;
        var cloudEvent = await context.GetOrCreateSchemaAsync(typeof(CloudEventDocument), null, ct);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "One CloudEvent (structured mode) or a batch of 1–100; see docs/integration.md.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [CloudEventsEndpoint.Structured] = new() { Schema = cloudEvent },
                ["application/json"] = new() { Schema = cloudEvent },
                [CloudEventsEndpoint.Batch] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Array, Items = cloudEvent } }
            }
        };
    }
}
