using RealVision.Abstractions.Plugins;
using RealVision.Geometry;
using RealVision.Geometry.Fill;

namespace RealVision.Infill.Patterns;

/// <summary>
/// Sections of a lattice of cubes standing on a corner (body diagonal vertical).
/// The three face-plane families of the cubes cut each layer in three line
/// families 120 degrees apart (60 degrees between lines); as z rises every
/// family moves across its lines, so the layers stack into tilted walls.
/// </summary>
/// <remarks>
/// A cube axis e with e · z = 1/√3 has a horizontal part of length √(2/3), so
/// its planes e · p = (k + 0.5) * edge meet the plane at height z in lines
/// (k + 0.5) * edge * √(3/2) - z / √2 from the origin across the line. Each
/// family is spaced 3 * line width / density apart in the layer, which sets
/// the cube edge to that spacing times √(2/3).
/// </remarks>
public sealed class CubicPattern : IInfillPattern
{
    private static readonly double ShiftPerHeight = 1 / Math.Sqrt(2);

    public string Name => "cubic";

    public string Description => "Cubes standing on a corner: three line families that move with z, so the infill is a 3D lattice.";

    public Paths64 Generate(InfillRequest request)
    {
        double density = PatternRequest.EffectiveDensity(request);
        if (density == 0)
        {
            return new Paths64();
        }

        double spacing = 3 * request.LineWidth / density;
        double shift = -Math.IEEERemainder(request.Z * ShiftPerHeight, spacing);
        var lines = new Paths64();
        for (int family = 0; family < 3; family++)
        {
            lines.AddRange(ParallelLines.Generate(request.Area, spacing, request.AngleDegrees + 120 * family, shift));
        }

        return lines;
    }
}
