using RealVision.Abstractions.Plugins;
using RealVision.Geometry;
using RealVision.Geometry.Fill;

namespace RealVision.Infill.Patterns;

/// <summary>
/// Two families of parallel lines at 90 degrees to each other, the same on
/// every layer. Each family is spaced 2 * line width / density apart, so
/// together they have 2 / spacing of line length per unit area and cover the
/// requested fraction of it (crossings counted twice, as they are extruded twice).
/// </summary>
public sealed class GridPattern : IInfillPattern
{
    public string Name => "grid";

    public string Description => "Two line families crossing at 90 degrees, the same on every layer.";

    public Paths64 Generate(InfillRequest request)
    {
        double density = PatternRequest.EffectiveDensity(request);
        if (density == 0)
        {
            return new Paths64();
        }

        double spacing = 2 * request.LineWidth / density;
        Paths64 lines = ParallelLines.Generate(request.Area, spacing, request.AngleDegrees);
        lines.AddRange(ParallelLines.Generate(request.Area, spacing, request.AngleDegrees + 90));
        return lines;
    }
}
