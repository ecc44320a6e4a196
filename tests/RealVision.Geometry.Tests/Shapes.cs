namespace RealVision.Geometry.Tests;

/// <summary>Test shapes in micrometres and measurements computed without the code under test.</summary>
internal static class Shapes
{
    /// <summary>Axis-aligned square with its lower-left corner at (x, y), counter-clockwise (an outer contour).</summary>
    public static Path64 Square(long x, long y, long side) =>
        new([new(x, y), new(x + side, y), new(x + side, y + side), new(x, y + side)]);

    /// <summary>The same square clockwise (a hole).</summary>
    public static Path64 SquareHole(long x, long y, long side)
    {
        Path64 square = Square(x, y, side);
        square.Reverse();
        return square;
    }

    public static Path64 Line(params (long X, long Y)[] points) => new(points.Select(p => new Point64(p.X, p.Y)));

    /// <summary>Signed shoelace area, positive for counter-clockwise paths.</summary>
    /// <remarks>Exact: the points are taken relative to the first one and multiplied in 128-bit integers.</remarks>
    public static double ShoelaceArea(Path64 path)
    {
        if (path.Count == 0)
        {
            return 0;
        }

        Point64 origin = path[0];
        Int128 twiceArea = 0;
        for (int i = 0; i < path.Count; i++)
        {
            Point64 a = path[i] - origin;
            Point64 b = path[(i + 1) % path.Count] - origin;
            twiceArea += ((Int128)a.X * b.Y) - ((Int128)b.X * a.Y);
        }

        return (double)twiceArea / 2;
    }

    public static double ShoelaceArea(Paths64 paths) => paths.Sum(ShoelaceArea);

    public static double Length(Path64 line)
    {
        double length = 0;
        for (int i = 1; i < line.Count; i++)
        {
            length += line[i - 1].DistanceTo(line[i]);
        }

        return length;
    }

    public static double Length(Paths64 lines) => lines.Sum(Length);

    public static long MaxY(Paths64 paths) => paths.SelectMany(p => p).Max(p => p.Y);

    public static long MinX(Paths64 paths) => paths.SelectMany(p => p).Min(p => p.X);

    public static long MaxX(Paths64 paths) => paths.SelectMany(p => p).Max(p => p.X);
}
