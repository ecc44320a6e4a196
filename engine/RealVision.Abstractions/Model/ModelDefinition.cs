using System.Text.Json;

namespace RealVision.Abstractions.Model;

/// <summary>One model of a workspace: a printed object or an unprinted modifier.</summary>
public sealed class ModelDefinition
{
    public required string Name { get; init; }

    public required Mesh Mesh { get; init; }

    /// <summary>0 for printed objects; a positive value marks a modifier, applied in ascending order.</summary>
    public int SlicingPriority { get; init; }

    public bool IsModifier => SlicingPriority > 0;

    /// <summary>Members of the workspace's <c>metaData.Modifier</c> block, as given.</summary>
    public IReadOnlyDictionary<string, JsonElement> ModifierSettings { get; init; } =
        new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when the workspace had a <c>metaData.Modifier</c> block (even empty).</summary>
    public bool HasModifierBlock { get; init; }

    /// <summary>Name of a point-cloud file (<c>metaData.FileReference</c>), or null.</summary>
    public string? FileReference { get; init; }

    /// <summary><c>metaData.Watertight</c>, such as "PerformCheck"; null when absent.</summary>
    public string? Watertight { get; init; }

    public int PrintingMaterial { get; init; }
}
