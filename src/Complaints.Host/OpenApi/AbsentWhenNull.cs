using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Complaints.Host.OpenApi;

/// <summary>
/// Answers leave out a member whose value is null (the JSON options ignore nulls when writing), so a member that can
/// be null is not required: a CloudEvent's result carries an answer or a problem, never both. Request bodies keep
/// their lists: there a member is required because the command needs it, whatever its type says.
/// </summary>
internal sealed class AbsentWhenNull : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (schema.Required is not { Count: > 0 } required || context.JsonPropertyInfo is not null
            || context.JsonTypeInfo.Type.Name.EndsWith("Request", StringComparison.Ordinal)
            || context.JsonTypeInfo.Type.Name.EndsWith("Form", StringComparison.Ordinal)) return Task.CompletedTask;
        foreach (var property in context.JsonTypeInfo.Properties)
            if (property.IsGetNullable && CanBeNull(property.PropertyType)) required.Remove(property.Name);
        return Task.CompletedTask;
    }

    private static bool CanBeNull(Type type) => !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;
}
