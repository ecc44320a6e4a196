namespace RealVision.Geometry;

/// <summary>A point in integer micrometres (the unit the polygon library works in).</summary>
public readonly record struct Point64(long X, long Y)
{
    /// <summary>Euclidean distance in micrometres.</summary>
    public double DistanceTo(Point64 other)
    {
        double dx = other.X - X;
        double dy = other.Y - Y;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    public static Point64 operator +(Point64 a, Point64 b) => new(a.X + b.X, a.Y + b.Y);

    public static Point64 operator -(Point64 a, Point64 b) => new(a.X - b.X, a.Y - b.Y);

    public override string ToString() => $"({X}, {Y})";
}
