using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RealVision.Service.Api;

/// <summary>
/// Describes a request body in the OpenAPI document only. The handlers read bodies themselves, and
/// ASP.NET Core's Accepts metadata would reject requests whose Content-Type differs (older clients
/// send JSON with various content types or none), so this metadata documents without enforcing.
/// </summary>
public sealed class DocumentedBody
{
    public DocumentedBody(Type type, params string[] contentTypes)
    {
        Type = type;
        ContentTypes = contentTypes;
    }

    public Type Type { get; }

    public IReadOnlyList<string> ContentTypes { get; }

    /// <summary>Adds the documented bodies of an endpoint to its OpenAPI operation.</summary>
    public static async Task ApplyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var bodies = context.Description.ActionDescriptor.EndpointMetadata.OfType<DocumentedBody>().ToList();
        if (bodies.Count == 0)
        {
            return;
        }

        var requestBody = new OpenApiRequestBody { Required = true, Content = new Dictionary<string, OpenApiMediaType>() };
        foreach (DocumentedBody body in bodies)
        {
            foreach (string contentType in body.ContentTypes)
            {
                OpenApiSchema schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken);
                requestBody.Content[contentType] = new OpenApiMediaType { Schema = schema };
            }
        }

        operation.RequestBody = requestBody;
    }
}
