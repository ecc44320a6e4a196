using RealVision.Abstractions.Plugins;
using RealVision.Geometry;
using RealVision.Geometry.Fill;

namespace RealVision.Infill.Lines;

/// <summary>
/// Parallel lines at spacing line width / density, so the lines cover the
/// requested fraction of the area. The direction turns 90 degrees on every
/// other layer.
/// </summary>
public sealed class LinesPattern : IInfillPattern
{
    public string Name => "lines";

    public string Description => "Parallel lines, direction alternating by 90 degrees each layer.";

    public Paths64 Generate(InfillRequest request)
    {
        if (request.Density <= 0)
        {
            return new Paths64();
        }

        double spacing = request.LineWidth / Math.Min(request.Density, 1.0);
        double angle = request.AngleDegrees + (request.LayerIndex % 2 == 0 ? 0 : 90);
        return ParallelLines.Generate(request.Area, spacing, angle);
    }
}
