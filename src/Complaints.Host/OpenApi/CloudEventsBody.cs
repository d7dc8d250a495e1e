using Complaints.Host.Complaints.Ingesting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Complaints.Host.OpenApi;

/// <summary>
/// The CloudEvents endpoint reads its body itself, so its modes are described here: one event or a batch in the JSON
/// event format, or binary mode (the command's body as application/json, the attributes in ce- headers).
/// </summary>
internal sealed class CloudEventsBody : IOpenApiOperationTransformer
{
    /// <summary>The attributes binary mode carries as headers; the spec requires the first four.</summary>
    private static readonly (string Attribute, string Meaning)[] BinaryModeHeaders =
    [
        ("specversion", "\"1.0\""), ("id", "the event's id (with source its idempotency key)"),
        ("source", "a URI-reference naming the posting system"), ("type", "the command, com.complaints.…"),
        ("subject", "the complaint id, for every type but register"),
        ("planversion", "the plan version, for the two plan steps"), ("time", "RFC 3339, checked, not used"),
        ("dataschema", "a URI, checked, not used")
    ];

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken ct)
    {
        if (context.Description.RelativePath?.TrimStart('/') != "api/events") return;
        var cloudEvent = await context.GetOrCreateSchemaAsync(typeof(CloudEventDocument), null, ct);
        cloudEvent.Required = new HashSet<string>(["specversion", "id", "source", "type"]);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = $"One CloudEvent (structured mode), a batch of up to {CloudEventsEndpoint.MaxBatchSize}, or in " +
                          "binary mode the command's body with the attributes in ce- headers; see docs/integration.md.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [CloudEventsEndpoint.Structured] = new() { Schema = cloudEvent },
                [CloudEventsEndpoint.Batch] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Array, Items = cloudEvent } },
                ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "binary mode: data" } }
            }
        };
        operation.Parameters ??= [];
        foreach (var (attribute, meaning) in BinaryModeHeaders)
            operation.Parameters.Add(ContractConventions.Header("ce-" + attribute, $"Binary mode: {meaning}."));
    }
}
