using System.Globalization;
using System.Text.Json;

namespace RealVision.Service.Api;

/// <summary>
/// Reads JSON request bodies the way the older clients send them: any member casing (camelCase from
/// Node, PascalCase from C#, lower case from the workspace generator), pretty-printed or not, with
/// unknown members ignored.
/// </summary>
public static class JsonBody
{
    /// <summary>
    /// True for multipart/form-data. Other bodies are read as JSON whatever their Content-Type, because
    /// clients send JSON as application/json, text/plain or form-urlencoded alike.
    /// </summary>
    public static bool IsMultipart(HttpRequest request) =>
        request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Parses the request body; returns null for an empty body. Invalid JSON or too deep nesting is URE000.</summary>
    public static async Task<JsonDocument?> ReadAsync(HttpRequest request, int maxDepth, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return null;
        }

        return Parse(buffer.ToArray(), maxDepth, "request body");
    }

    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8, int maxDepth, string description)
    {
        try
        {
            return JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = maxDepth, AllowTrailingCommas = true });
        }
        catch (JsonException ex) when (ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase))
        {
            throw ApiException.Limit("MaxJsonDepth", maxDepth,
                $"The {description} nests JSON deeper than the limit of {maxDepth} levels (setting MaxJsonDepth).");
        }
        catch (JsonException ex)
        {
            throw ApiException.BadRequest($"The {description} is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>Finds a member by name, ignoring case; null when absent or when <paramref name="element"/> is no object.</summary>
    public static JsonElement? Member(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    /// <summary>The member as text: strings as they are, numbers and booleans in invariant form; null when absent or null.</summary>
    public static string? Text(JsonElement element, string name) => Member(element, name) is { } value ? Text(value) : null;

    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>A number member, accepting numbers and numeric strings; <paramref name="fallback"/> when absent.</summary>
    public static double Number(JsonElement element, string name, double fallback)
    {
        string? text = Text(element, name);
        if (text is null)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw ApiException.BadRequest($"Member '{name}' must be a number, not '{text}'.");
    }
}
