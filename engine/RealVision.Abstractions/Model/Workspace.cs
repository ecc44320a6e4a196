namespace RealVision.Abstractions.Model;

/// <summary>A build plate: models with meshes in bed coordinates (mm).</summary>
public sealed class Workspace
{
    public List<ModelDefinition> Models { get; } = new();

    /// <summary>
    /// True when the coordinates are absolute bed positions (workspace files);
    /// false when the engine should place the models (STL: centred on the bed, lowest point on z = 0).
    /// </summary>
    public bool HasAbsolutePlacement { get; init; }

    /// <summary>The workspace's <c>Printer.Dummy</c> triple, when present; not used for slicing.</summary>
    public IReadOnlyList<int>? PrinterTag { get; init; }

    /// <summary>The workspace's <c>SelectedSupport</c>, when present.</summary>
    public string? SelectedSupport { get; init; }
}
