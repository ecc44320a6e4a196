using RealVision.Geometry;

namespace RealVision.Infill.Patterns;

/// <summary>
/// A frame rotated by the pattern angle about the origin: u runs along the
/// angle, v across it. Patterns lay out their lines in (u, v) from the origin,
/// so every region of every layer shares one global frame.
/// </summary>
internal readonly struct PatternFrame
{
    private readonly double cos;
    private readonly double sin;

    public PatternFrame(double angleDegrees)
    {
        double angle = angleDegrees * Math.PI / 180.0;
        cos = Math.Cos(angle);
        sin = Math.Sin(angle);
    }

    /// <summary>Maps a frame point (micrometres) back to a world point, rounded to whole micrometres.</summary>
    public Point64 ToWorld(double u, double v) =>
        new((long)Math.Round(u * cos - v * sin), (long)Math.Round(u * sin + v * cos));

    /// <summary>Extent of <paramref name="area"/> in frame coordinates.</summary>
    public FrameBounds Bounds(Paths64 area)
    {
        double minU = double.MaxValue, maxU = double.MinValue, minV = double.MaxValue, maxV = double.MinValue;
        foreach (Path64 path in area)
        {
            foreach (Point64 p in path)
            {
                double u = p.X * cos + p.Y * sin;
                double v = -p.X * sin + p.Y * cos;
                minU = Math.Min(minU, u);
                maxU = Math.Max(maxU, u);
                minV = Math.Min(minV, v);
                maxV = Math.Max(maxV, v);
            }
        }

        return new FrameBounds(minU, maxU, minV, maxV);
    }
}

/// <summary>An axis-aligned box in frame coordinates, micrometres.</summary>
internal readonly record struct FrameBounds(double MinU, double MaxU, double MinV, double MaxV);
