namespace RealVision.Geometry;

/// <summary>
/// Polygon operations in integer micrometres over the native shim (Clipper 6.4.2).
/// Each call crosses into native code once with all its paths.
/// </summary>
public static class Clipper
{
    public static Paths64 Union(Paths64 subject, FillRule fillRule = FillRule.NonZero) =>
        throw new NotImplementedException();

    public static Paths64 Union(Paths64 subject, Paths64 clip, FillRule fillRule = FillRule.NonZero) =>
        throw new NotImplementedException();

    public static Paths64 Intersect(Paths64 subject, Paths64 clip, FillRule fillRule = FillRule.NonZero) =>
        throw new NotImplementedException();

    public static Paths64 Difference(Paths64 subject, Paths64 clip, FillRule fillRule = FillRule.NonZero) =>
        throw new NotImplementedException();

    public static Paths64 Xor(Paths64 subject, Paths64 clip, FillRule fillRule = FillRule.NonZero) =>
        throw new NotImplementedException();

    /// <summary>Clips open polylines to closed polygons; returns the pieces of the lines inside.</summary>
    public static Paths64 IntersectOpen(Paths64 lines, Paths64 clip, FillRule fillRule = FillRule.NonZero) =>
        throw new NotImplementedException();

    /// <summary>Offsets by <paramref name="delta"/> micrometres (negative shrinks polygons).</summary>
    public static Paths64 Offset(
        Paths64 paths,
        double delta,
        JoinType joinType = JoinType.Miter,
        EndType endType = EndType.Polygon,
        double miterLimit = 2.0,
        double arcTolerance = 5.0) =>
        throw new NotImplementedException();

    /// <summary>Offsets the same paths by several deltas in one native call; result i belongs to deltas[i].</summary>
    public static Paths64[] OffsetMany(
        Paths64 paths,
        IReadOnlyList<double> deltas,
        JoinType joinType = JoinType.Miter,
        double miterLimit = 2.0,
        double arcTolerance = 5.0) =>
        throw new NotImplementedException();

    public static PolyTree64 UnionToTree(Paths64 subject, FillRule fillRule = FillRule.NonZero) =>
        throw new NotImplementedException();

    /// <summary>Removes self-intersections, returning simple polygons.</summary>
    public static Paths64 Simplify(Paths64 paths, FillRule fillRule = FillRule.NonZero) =>
        throw new NotImplementedException();

    /// <summary>Removes vertices closer than <paramref name="distance"/> micrometres to their neighbours or to a straight line through them.</summary>
    public static Paths64 Clean(Paths64 paths, double distance) =>
        throw new NotImplementedException();

    /// <summary>Signed area in square micrometres, positive for counter-clockwise.</summary>
    public static double Area(Path64 path) => throw new NotImplementedException();

    /// <summary>Sum of signed areas.</summary>
    public static double Area(Paths64 paths) => throw new NotImplementedException();
}
