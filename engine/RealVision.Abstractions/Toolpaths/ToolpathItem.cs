using RealVision.Geometry;

namespace RealVision.Abstractions.Toolpaths;

/// <summary>One step of a layer's toolpath: a travel or an extrusion path.</summary>
public abstract record ToolpathItem;

/// <summary>A move without extrusion to <paramref name="To"/>, with a retraction before it when <paramref name="Retract"/>.</summary>
public sealed record Travel(Point64 To, bool Retract, double SpeedMmPerS) : ToolpathItem;

/// <summary>
/// An extruded path starting at <c>Points[0]</c> (where the previous item left
/// the nozzle). A closed path returns to its first point at the end.
/// Width and height are micrometres; the extruded volume per mm of path is
/// <see cref="CrossSectionMm2"/> (a rectangle of width by height).
/// </summary>
public sealed record ExtrusionPath(
    Feature Feature,
    Path64 Points,
    bool Closed,
    long Width,
    long Height,
    double SpeedMmPerS) : ToolpathItem
{
    public double CrossSectionMm2 => Width / 1000.0 * (Height / 1000.0);

    /// <summary>Path length in mm, including the closing segment of a closed path.</summary>
    public double LengthMm()
    {
        double length = 0;
        for (int i = 1; i < Points.Count; i++)
        {
            length += Points[i - 1].DistanceTo(Points[i]);
        }

        if (Closed && Points.Count > 2)
        {
            length += Points[^1].DistanceTo(Points[0]);
        }

        return length / 1000.0;
    }
}
