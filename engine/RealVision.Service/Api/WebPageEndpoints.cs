using System.Reflection;
using RealVision.Service.Security;

namespace RealVision.Service.Api;

/// <summary>Serves the small web page (upload, progress, layer preview) embedded in the assembly, plus /health.</summary>
public static class WebPageEndpoints
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Page("index.html")).WithMetadata(new PublicEndpointAttribute()).ExcludeFromDescription();
        app.MapGet("/app/{file}", (string file) => Page(file)).WithMetadata(new PublicEndpointAttribute()).ExcludeFromDescription();
        app.MapGet("/health", () => Results.Json(new { status = "ok" }))
            .WithMetadata(new PublicEndpointAttribute()).WithTags("Service").WithSummary("Liveness check; needs no key.");
    }

    private static IResult Page(string file)
    {
        // Only names of embedded resources are served: the name selects a resource, never a file path.
        Stream? stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("wwwroot/" + file);
        if (stream is null || !ContentTypes.TryGetValue(Path.GetExtension(file), out string? contentType))
        {
            stream?.Dispose();
            return Results.NotFound();
        }

        return Results.Stream(stream, contentType);
    }
}
