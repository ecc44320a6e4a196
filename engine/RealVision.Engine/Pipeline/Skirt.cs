using RealVision.Engine.Settings;
using RealVision.Geometry;

namespace RealVision.Engine.Pipeline;

/// <summary>Loops around the first layer that prime the nozzle before the model starts.</summary>
internal static class Skirt
{
    /// <summary>Returns the skirt loops that fit on the bed and how many requested loops did not.</summary>
    public static (Paths64 Loops, int OffBed) Build(Paths64 firstLayerOutline, ResolvedSettings settings)
    {
        int loops = settings.Integer("skirt_loops");
        if (loops == 0 || firstLayerOutline.Count == 0)
        {
            return (new Paths64(), 0);
        }

        long lineWidth = settings.Micrometres("line_width");
        long distance = settings.Micrometres("skirt_distance");
        var deltas = Enumerable.Range(0, loops).Select(k => distance + lineWidth / 2.0 + k * lineWidth).ToArray();
        long width = settings.Micrometres("machine_width");
        long depth = settings.Micrometres("machine_depth");
        var skirt = new Paths64();
        int offBed = 0;
        foreach (Paths64 loop in Clipper.OffsetMany(firstLayerOutline, deltas, JoinType.Round))
        {
            // Only the outside contour of each loop: holes of the outline get no skirt.
            var outside = loop.Where(p => Clipper.Area(p) > 0).ToList();
            if (outside.All(p => p.All(point => point.X >= 0 && point.Y >= 0 && point.X <= width && point.Y <= depth)))
            {
                skirt.AddRange(outside);
            }
            else
            {
                offBed++;
            }
        }

        return (skirt, offBed);
    }
}
