namespace RealVision.Geometry;

/// <summary>A mesh vertex in millimetres.</summary>
public readonly record struct Point3D(double X, double Y, double Z);

/// <summary>Axis-aligned box in millimetres; <see cref="Empty"/> has min above max.</summary>
public readonly record struct Box3D(Point3D Min, Point3D Max)
{
    public static Box3D Empty { get; } = new(
        new Point3D(double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity),
        new Point3D(double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity));

    public bool IsEmpty => Min.X > Max.X;

    public Point3D Size => new(Max.X - Min.X, Max.Y - Min.Y, Max.Z - Min.Z);

    public Box3D Include(Point3D p) => new(
        new Point3D(Math.Min(Min.X, p.X), Math.Min(Min.Y, p.Y), Math.Min(Min.Z, p.Z)),
        new Point3D(Math.Max(Max.X, p.X), Math.Max(Max.Y, p.Y), Math.Max(Max.Z, p.Z)));

    public Box3D Include(Box3D other) => other.IsEmpty ? this : Include(other.Min).Include(other.Max);
}
