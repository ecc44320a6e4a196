using RealVision.Abstractions.Plugins;
using RealVision.Geometry;
using RealVision.Geometry.Fill;

namespace RealVision.Infill.Patterns;

/// <summary>
/// Three families of parallel lines at 60 degrees to each other that meet in
/// common points, tiling the plane with equilateral triangles, the same on
/// every layer. Each family is spaced 3 * line width / density apart.
/// </summary>
public sealed class TrianglesPattern : IInfillPattern
{
    public string Name => "triangles";

    public string Description => "Three line families at 60 degrees forming equilateral triangles, the same on every layer.";

    public Paths64 Generate(InfillRequest request)
    {
        double density = PatternRequest.EffectiveDensity(request);
        if (density == 0)
        {
            return new Paths64();
        }

        double spacing = 3 * request.LineWidth / density;

        // Across-line coordinates of the three families satisfy v0 = v60 - v120 at
        // every point. The 60 and 120 degree families sit at (k + 0.5) * spacing,
        // so their crossings fall on whole multiples of the spacing in v0: shifting
        // the first family by half a spacing puts it through those crossings.
        Paths64 lines = ParallelLines.Generate(request.Area, spacing, request.AngleDegrees, spacing / 2);
        lines.AddRange(ParallelLines.Generate(request.Area, spacing, request.AngleDegrees + 60));
        lines.AddRange(ParallelLines.Generate(request.Area, spacing, request.AngleDegrees + 120));
        return lines;
    }
}
