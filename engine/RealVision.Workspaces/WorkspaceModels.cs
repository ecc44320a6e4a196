using RealVision.Abstractions.Model;
using RealVision.Geometry;
using RealVision.Workspaces.Hulls;

namespace RealVision.Workspaces;

/// <summary>
/// What a model is in the workspace: a printed object (SlicingPriority 0) or
/// a modifier (positive priority) with either a constant FillDensityFactor
/// (0 to 1) or a FileReference to a point-cloud file.
/// </summary>
public sealed record ModelRole(int SlicingPriority, double? FillDensityFactor = null, string? FileReference = null)
{
    public static ModelRole Object { get; } = new(0);

    public bool IsModifier => SlicingPriority > 0;

    public static ModelRole DensityModifier(double factor, int priority) => new(priority, FillDensityFactor: factor);

    public static ModelRole PointCloudModifier(string fileReference, int priority) => new(priority, FileReference: fileReference);
}

/// <summary>A model to place: its name in the workspace (the STL file name), its mesh in the file's coordinates and its role.</summary>
public sealed record ModelSource(string Name, Mesh Mesh, ModelRole Role);

/// <summary>Where models go: the bed size (mm) and, when set, the point the models' bounding-box centre moves to instead of the bed centre.</summary>
public sealed record BedLayout(double BedWidth, double BedDepth, double? CentreX = null, double? CentreY = null);

/// <summary>A placed model: triangle corners in bed coordinates (three per triangle, file order) and its convex hull.</summary>
public sealed class GeneratedModel
{
    public required string Name { get; init; }

    public required ModelRole Role { get; init; }

    /// <summary>One entry per triangle corner, as in ModelPositions.</summary>
    public required Point3D[] Corners { get; init; }

    public required ConvexHull Hull { get; init; }
}

/// <summary>A user error in generating a workspace or point cloud; the message names the model or value.</summary>
public sealed class WorkspaceGenerationException : Exception
{
    public WorkspaceGenerationException(string message)
        : base(message)
    {
    }
}
