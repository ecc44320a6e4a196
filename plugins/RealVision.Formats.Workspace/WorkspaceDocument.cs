using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealVision.Formats.Rvwj;

// JSON shape of a workspace file. Member names match case-insensitively, and unknown members are skipped.

internal sealed class WorkspaceDocument
{
    public PrinterSection? Printer { get; set; }

    public List<ModelEntry?>? Models { get; set; }

    public string? SelectedSupport { get; set; }
}

internal sealed class PrinterSection
{
    /// <summary>Printer tag, [electronicVersion, manufacturer, model] in the generator's output.</summary>
    public int[]? Dummy { get; set; }
}

internal sealed class ModelEntry
{
    public MetaDataSection? MetaData { get; set; }

    // Legacy transform fields: always at their defaults in known files, and ignored.
    public LegacyVector? Position { get; set; }

    public LegacyVector? Scale { get; set; }

    public double? RotationX { get; set; }

    public double? RotationY { get; set; }

    public double? RotationZ { get; set; }

    public bool? FlipedX { get; set; }

    public bool? FlipedY { get; set; }

    public bool? FlipedZ { get; set; }

    /// <summary>Convex hull, or a one-point placeholder. It is read only to check its JSON types.</summary>
    public List<LegacyVector?>? BoundsPositions { get; set; }

    public List<int>? BoundsIndices { get; set; }

    public List<WorkspaceVertex>? ModelPositions { get; set; }

    public List<int>? ModelIndices { get; set; }
}

internal sealed class MetaDataSection
{
    public bool? IsGroup { get; set; }

    public string? Path { get; set; }

    public string? Name { get; set; }

    public int? PrintingMaterial { get; set; }

    public string? Watertight { get; set; }

    public int? SlicingPriority { get; set; }

    public JsonElement? Modifier { get; set; }

    public string? FileReference { get; set; }

    /// <summary>The portal's example places this member here instead of inside <see cref="Modifier"/>.</summary>
    public JsonElement? FillDensityFactor { get; set; }
}

internal sealed class LegacyVector
{
    public double? X { get; set; }

    public double? Y { get; set; }

    public double? Z { get; set; }
}

/// <summary>One entry of <c>ModelPositions</c>. A coordinate given as null or as a non-finite literal is NaN or infinite here.</summary>
[JsonConverter(typeof(WorkspaceVertexConverter))]
internal readonly record struct WorkspaceVertex(double X, double Y, double Z);

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, MaxDepth = WorkspaceFormat.MaxJsonDepth)]
[JsonSerializable(typeof(WorkspaceDocument))]
internal sealed partial class WorkspaceJsonContext : JsonSerializerContext
{
}
