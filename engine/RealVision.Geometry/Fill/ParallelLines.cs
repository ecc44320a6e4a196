namespace RealVision.Geometry.Fill;

/// <summary>
/// Straight parallel lines clipped to an area: the base of line infill and
/// skins. Lines sit at (k + 0.5) * spacing from the origin across their
/// direction, so every region of a layer shares one global frame and
/// neighbouring regions line up.
/// </summary>
public static class ParallelLines
{
    /// <param name="area">Polygons to fill, in micrometres.</param>
    /// <param name="spacing">Distance between line centres, micrometres.</param>
    /// <param name="angleDegrees">Line direction, measured from the X axis.</param>
    /// <param name="shift">Offset of the whole family across the lines, micrometres.</param>
    public static Paths64 Generate(Paths64 area, double spacing, double angleDegrees, double shift = 0)
    {
        if (area.Count == 0 || spacing <= 0)
        {
            return new Paths64();
        }

        double angle = angleDegrees * Math.PI / 180.0;
        double cos = Math.Cos(angle);
        double sin = Math.Sin(angle);

        // In the rotated frame (u along the lines, v across them) find the extent of the area.
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

        long firstLine = (long)Math.Ceiling((minV - shift) / spacing - 0.5);
        long lastLine = (long)Math.Floor((maxV - shift) / spacing - 0.5);
        if (lastLine < firstLine)
        {
            return new Paths64();
        }

        var lines = new Paths64((int)Math.Min(lastLine - firstLine + 1, 1_000_000));
        double startU = minU - spacing;
        double endU = maxU + spacing;
        for (long k = firstLine; k <= lastLine; k++)
        {
            double v = (k + 0.5) * spacing + shift;
            lines.Add(new Path64(2)
            {
                Rotate(startU, v, cos, sin),
                Rotate(endU, v, cos, sin),
            });
        }

        return Clipper.IntersectOpen(lines, area);
    }

    private static Point64 Rotate(double u, double v, double cos, double sin) =>
        new((long)Math.Round(u * cos - v * sin), (long)Math.Round(u * sin + v * cos));
}
