using System.Buffers.Binary;
using System.Text.Json;

namespace RealVision.Service.Api;

/// <summary>What the service checks in a model file before queueing it.</summary>
public sealed record InputSummary(long Triangles, IReadOnlyList<string> FileReferences);

/// <summary>
/// Counts triangles and finds point-cloud references without running the engine, so limits and
/// missing files are reported when the task is submitted. The engine checks the rest when it slices.
/// </summary>
public static class InputInspector
{
    public static InputSummary InspectWorkspace(string path, string name, int maxDepth)
    {
        byte[] bytes = File.ReadAllBytes(path);
        using JsonDocument document = JsonBody.Parse(bytes, maxDepth, $"workspace '{name}'");
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || JsonBody.Member(root, "models") is not { ValueKind: JsonValueKind.Array } models)
        {
            throw ApiException.BadRequest($"Workspace '{name}' has no Models array; send a REALvision workspace (.rvwj) file.");
        }

        long triangles = 0;
        var references = new List<string>();
        foreach (JsonElement model in models.EnumerateArray())
        {
            if (JsonBody.Member(model, "modelIndices") is { ValueKind: JsonValueKind.Array } indices)
            {
                triangles += indices.GetArrayLength() / 3;
            }
            else if (JsonBody.Member(model, "modelPositions") is { ValueKind: JsonValueKind.Array } positions)
            {
                triangles += positions.GetArrayLength() / 3;
            }

            if (JsonBody.Member(model, "metaData") is { } meta && JsonBody.Text(meta, "fileReference") is { Length: > 0 } reference)
            {
                references.Add(reference);
            }
        }

        return new InputSummary(triangles, references);
    }

    /// <summary>Counts STL facets: binary when the size is 84 + 50 n bytes, else ASCII "endfacet" keywords.</summary>
    public static InputSummary InspectStl(string path)
    {
        long length = new FileInfo(path).Length;
        if (length >= 84)
        {
            using FileStream stream = File.OpenRead(path);
            Span<byte> header = stackalloc byte[84];
            stream.ReadExactly(header);
            uint count = BinaryPrimitives.ReadUInt32LittleEndian(header[80..]);
            if (84 + 50L * count == length)
            {
                return new InputSummary(count, Array.Empty<string>());
            }
        }

        byte[] text = File.ReadAllBytes(path);
        ReadOnlySpan<byte> keyword = "endfacet"u8;
        long facets = 0;
        ReadOnlySpan<byte> rest = text;
        for (int at = rest.IndexOf(keyword); at >= 0; at = rest.IndexOf(keyword))
        {
            facets++;
            rest = rest[(at + keyword.Length)..];
        }

        return new InputSummary(facets, Array.Empty<string>());
    }
}
