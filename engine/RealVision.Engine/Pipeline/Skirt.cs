using RealVision.Engine.Settings;
using RealVision.Geometry;

namespace RealVision.Engine.Pipeline;

/// <summary>Loops around the first layer that prime the nozzle before the model starts.</summary>
internal static class Skirt
{
    public static Paths64 Build(Paths64 firstLayerOutline, ResolvedSettings settings)
    {
        int loops = settings.Integer("skirt_loops");
        if (loops == 0 || firstLayerOutline.Count == 0)
        {
            return new Paths64();
        }

        long lineWidth = settings.Micrometres("line_width");
        long distance = settings.Micrometres("skirt_distance");
        var deltas = Enumerable.Range(0, loops).Select(k => distance + lineWidth / 2.0 + k * lineWidth).ToArray();
        var skirt = new Paths64();
        foreach (Paths64 loop in Clipper.OffsetMany(firstLayerOutline, deltas, JoinType.Round))
        {
            // Only the outside contour of each loop: holes of the outline get no skirt.
            skirt.AddRange(loop.Where(p => Clipper.Area(p) > 0));
        }

        return skirt;
    }
}
