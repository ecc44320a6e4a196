using RealVision.Abstractions.Plugins;
using RealVision.Geometry;

namespace RealVision.Patterns.Tests.Support;

/// <summary>Areas, requests and measurements of polylines for pattern tests. Lengths are micrometres.</summary>
public static class Shapes
{
    public const long LineWidth = 400;
    public const long LayerHeight = 200;

    /// <summary>Counter-clockwise axis-aligned rectangle.</summary>
    public static Path64 Rectangle(long x0, long y0, long x1, long y1) =>
        new() { new(x0, y0), new(x1, y0), new(x1, y1), new(x0, y1) };

    /// <summary>Counter-clockwise regular polygon around the origin with a vertex on the positive X axis.</summary>
    public static Path64 RegularPolygon(double radius, int vertices)
    {
        var path = new Path64(vertices);
        for (int i = 0; i < vertices; i++)
        {
            double angle = 2 * Math.PI * i / vertices;
            path.Add(new Point64((long)Math.Round(radius * Math.Cos(angle)), (long)Math.Round(radius * Math.Sin(angle))));
        }

        return path;
    }

    /// <summary>A request for layer <paramref name="layer"/> of a stack of 0.2 mm layers, slice plane at mid-layer.</summary>
    public static InfillRequest Request(Paths64 area, double density, double angle = 45, int layer = 10) => new()
    {
        Area = area,
        Density = density,
        LineWidth = LineWidth,
        AngleDegrees = angle,
        LayerIndex = layer,
        Z = LayerHeight / 2 + layer * LayerHeight,
        LayerHeight = LayerHeight,
    };

    public static double Length(Paths64 lines)
    {
        double length = 0;
        foreach (Path64 line in lines)
        {
            for (int i = 1; i < line.Count; i++)
            {
                length += line[i - 1].DistanceTo(line[i]);
            }
        }

        return length;
    }

    /// <summary>Fraction of <paramref name="areaUm2"/> that lines one line width wide cover.</summary>
    public static double Coverage(Paths64 lines, double areaUm2) => Length(lines) * LineWidth / areaUm2;

    public static IEnumerable<(Point64 A, Point64 B)> Segments(Paths64 lines)
    {
        foreach (Path64 line in lines)
        {
            for (int i = 1; i < line.Count; i++)
            {
                yield return (line[i - 1], line[i]);
            }
        }
    }

    /// <summary>Distance from (x, y) to the nearest segment of <paramref name="lines"/>.</summary>
    public static double DistanceToLines(double x, double y, Paths64 lines)
    {
        double best = double.MaxValue;
        foreach ((Point64 a, Point64 b) in Segments(lines))
        {
            best = Math.Min(best, DistanceToSegment(x, y, a, b));
        }

        return best;
    }

    public static double DistanceToSegment(double x, double y, Point64 a, Point64 b)
    {
        double dx = b.X - a.X;
        double dy = b.Y - a.Y;
        double lengthSquared = dx * dx + dy * dy;
        double t = lengthSquared == 0 ? 0 : Math.Clamp(((x - a.X) * dx + (y - a.Y) * dy) / lengthSquared, 0, 1);
        double px = a.X + t * dx - x;
        double py = a.Y + t * dy - y;
        return Math.Sqrt(px * px + py * py);
    }

    /// <summary>Segment direction in degrees, folded into [0, 180).</summary>
    public static double Direction(Point64 a, Point64 b)
    {
        double degrees = Math.Atan2(b.Y - a.Y, b.X - a.X) * 180 / Math.PI;
        return ((degrees % 180) + 180) % 180;
    }

    /// <summary>Smallest difference between two directions taken modulo 180 degrees.</summary>
    public static double DirectionDifference(double a, double b)
    {
        double difference = Math.Abs(a - b) % 180;
        return Math.Min(difference, 180 - difference);
    }
}
