using RealVision.Abstractions.Plugins;
using RealVision.Geometry;

namespace RealVision.Infill.Patterns;

/// <summary>
/// Regular hexagons drawn as zigzag polylines, the same on every layer, so the
/// layers stack into hexagonal prisms. Each polyline advances along the pattern
/// direction and alternates between two levels across it: a straight run one
/// hexagon side long, a slanted hexagon side, a run on the other level, a slant back. Neighbouring
/// polylines are mirror images, so each run lies beside a run of a neighbour and
/// the two close a row of hexagons. The pair of runs is laid side by side (each
/// half a line width from the shared hexagon side) rather than on top of each other.
/// </summary>
/// <remarks>
/// With hexagon side a, polylines are h = a √3 / 2 apart and one period of a
/// polyline is 3a long along the pattern direction: two runs of length a and
/// two slants that cross h - line width while advancing a / 2. The side is
/// solved so that the line length per unit area times the line width equals
/// the density. At density 1 the slants vanish and the polylines become
/// straight lines one line width apart.
/// </remarks>
public sealed class HoneycombPattern : IInfillPattern
{
    private static readonly double HalfSqrt3 = Math.Sqrt(3) / 2;

    public string Name => "honeycomb";

    public string Description => "Regular hexagons from zigzag lines, the same on every layer.";

    public Paths64 Generate(InfillRequest request)
    {
        double density = PatternRequest.EffectiveDensity(request);
        if (density == 0)
        {
            return new Paths64();
        }

        double width = request.LineWidth;
        double side = SideForDensity(width, density);
        double pitch = side * HalfSqrt3;
        double period = 3 * side;
        var frame = new PatternFrame(request.AngleDegrees);
        FrameBounds bounds = frame.Bounds(request.Area);

        long firstLine = (long)Math.Floor(bounds.MinV / pitch) - 1;
        long lastLine = (long)Math.Ceiling(bounds.MaxV / pitch);
        long firstPeriod = (long)Math.Floor(bounds.MinU / period) - 1;
        long lastPeriod = (long)Math.Ceiling(bounds.MaxU / period) + 1;
        var lines = new Paths64((int)Math.Min(lastLine - firstLine + 1, 1_000_000));
        for (long line = firstLine; line <= lastLine; line++)
        {
            // Polyline `line` runs between v = line * pitch and (line + 1) * pitch. Even
            // polylines start each period on the low level, odd ones on the high level.
            double low = line * pitch + width / 2;
            double high = (line + 1) * pitch - width / 2;
            (double first, double second) = line % 2 == 0 ? (low, high) : (high, low);
            var path = new Path64((int)(4 * (lastPeriod - firstPeriod) + 1));
            for (long p = firstPeriod; p < lastPeriod; p++)
            {
                double u = p * period;
                path.Add(frame.ToWorld(u, first));
                path.Add(frame.ToWorld(u + side, first));
                path.Add(frame.ToWorld(u + 1.5 * side, second));
                path.Add(frame.ToWorld(u + 2.5 * side, second));
            }

            path.Add(frame.ToWorld(lastPeriod * period, first));
            lines.Add(path);
        }

        return OpenPaths.ClipEach(lines, request.Area);
    }

    /// <summary>
    /// Returns the hexagon side (micrometres) whose pattern covers
    /// <paramref name="density"/> of the area. Coverage falls steadily as the
    /// side grows: it is 1 at side 2w/√3 (polylines one line width apart, no
    /// slant) and at most 8w / (3√3 side) beyond, so bisection between those
    /// bounds converges.
    /// </summary>
    internal static double SideForDensity(double width, double density)
    {
        double low = width / HalfSqrt3;
        if (density >= 1)
        {
            return low;
        }

        double high = 8 * width / (3 * Math.Sqrt(3) * density);
        for (int i = 0; i < 100 && high - low > 1e-6; i++)
        {
            double middle = (low + high) / 2;
            if (Coverage(width, middle) > density)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }

    /// <summary>Fraction of the area that lines of width <paramref name="width"/> cover for hexagon side <paramref name="side"/>.</summary>
    internal static double Coverage(double width, double side)
    {
        double pitch = side * HalfSqrt3;
        double slantAcross = Math.Max(pitch - width, 0);
        double slant = Math.Sqrt(slantAcross * slantAcross + side * side / 4);
        double lengthPerPeriod = 2 * side + 2 * slant;
        return width * lengthPerPeriod / (3 * side * pitch);
    }
}
