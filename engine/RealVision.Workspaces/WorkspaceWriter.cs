using System.Text.Json;
using RealVision.Geometry;

namespace RealVision.Workspaces;

/// <summary>
/// Writes a REALvision workspace (.rvwj) as the vendor's generator does. The
/// output is one line of UTF-8 JSON without a BOM, with members in the
/// generator's order and the legacy transform fields at their defaults.
/// ModelPositions has one entry per triangle corner and ModelIndices counts
/// 0..n-1. Numbers are the shortest text that reads back to the same double
/// ("120", "95.73223114013672").
/// </summary>
public static class WorkspaceWriter
{
    /// <summary>
    /// Printer.Dummy as the generator writes it: [electronicVersion,
    /// manufacturer, model] of its printer entry. The engine ignores it and
    /// slices for the printer the request names.
    /// </summary>
    public static IReadOnlyList<int> DefaultPrinterTag { get; } = new[] { 3, 0, 1 };

    public static void Write(Stream output, IReadOnlyList<GeneratedModel> models, IReadOnlyList<int>? printerTag = null)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteStartObject("Printer");
        json.WriteStartArray("Dummy");
        foreach (int value in printerTag ?? DefaultPrinterTag)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartArray("Models");
        foreach (GeneratedModel model in models)
        {
            WriteModel(json, model);
        }

        json.WriteEndArray();
        json.WriteString("SelectedSupport", "none");
        json.WriteEndObject();
    }

    /// <summary>Writes to a temporary file beside <paramref name="path"/> and renames it, so a failure leaves no partial file.</summary>
    public static void WriteFile(string path, IReadOnlyList<GeneratedModel> models, IReadOnlyList<int>? printerTag = null)
    {
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Write(stream, models, printerTag);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static void WriteModel(Utf8JsonWriter json, GeneratedModel model)
    {
        json.WriteStartObject();
        json.WriteStartObject("metaData");
        json.WriteBoolean("IsGroup", false);
        json.WriteString("Path", "");
        json.WriteString("Name", model.Name);
        json.WriteNumber("PrintingMaterial", 0);
        json.WriteString("Watertight", "PerformCheck");
        json.WriteNumber("SlicingPriority", model.Role.SlicingPriority);
        if (model.Role.IsModifier)
        {
            // A point-cloud modifier has an empty Modifier block beside its FileReference.
            json.WriteStartObject("Modifier");
            if (model.Role.FillDensityFactor is double factor)
            {
                json.WriteNumber("FillDensityFactor", factor);
            }

            json.WriteEndObject();
            if (model.Role.FileReference is string reference)
            {
                json.WriteString("FileReference", reference);
            }
        }

        json.WriteEndObject();

        WriteVector(json, "position", 0, 0, 0);
        WriteVector(json, "scale", 1, 1, 1);
        json.WriteNumber("rotationX", 0);
        json.WriteNumber("rotationY", 0);
        json.WriteNumber("rotationZ", 0);
        json.WriteBoolean("FlipedX", false);
        json.WriteBoolean("FlipedY", false);
        json.WriteBoolean("FlipedZ", false);

        WritePoints(json, "BoundsPositions", model.Hull.Vertices);
        WriteIndices(json, "BoundsIndices", model.Hull.Indices);
        WritePoints(json, "ModelPositions", model.Corners);
        json.WriteStartArray("ModelIndices");
        for (int n = 0; n < model.Corners.Length; n++)
        {
            json.WriteNumberValue(n);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteVector(Utf8JsonWriter json, string name, double x, double y, double z)
    {
        json.WriteStartObject(name);
        json.WriteNumber("X", x);
        json.WriteNumber("Y", y);
        json.WriteNumber("Z", z);
        json.WriteEndObject();
    }

    private static void WritePoints(Utf8JsonWriter json, string name, IEnumerable<Point3D> points)
    {
        json.WriteStartArray(name);
        foreach (Point3D p in points)
        {
            // Adding 0.0 writes -0 as 0, as JSON.stringify does.
            json.WriteStartObject();
            json.WriteNumber("X", p.X + 0.0);
            json.WriteNumber("Y", p.Y + 0.0);
            json.WriteNumber("Z", p.Z + 0.0);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteIndices(Utf8JsonWriter json, string name, IEnumerable<int> indices)
    {
        json.WriteStartArray(name);
        foreach (int index in indices)
        {
            json.WriteNumberValue(index);
        }

        json.WriteEndArray();
    }
}
