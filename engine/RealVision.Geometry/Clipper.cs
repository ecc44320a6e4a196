using System.Buffers;
using RealVision.Geometry.Native;

namespace RealVision.Geometry;

/// <summary>
/// Polygon operations in integer micrometres over the native shim (Clipper 6.4.2).
/// Each call crosses into native code once with all its paths.
/// </summary>
/// <remarks>
/// Methods are thread-safe and share no state. Coordinates must stay within ±(2^62 - 1)
/// (about ±4.6e18); a native failure, such as a coordinate beyond that range, raises
/// <see cref="GeometryException"/> with the shim's message. In polygon results (all but
/// <see cref="IntersectOpen"/>, <see cref="DifferenceOpen"/> and <see cref="Clean"/>) outer contours are
/// counter-clockwise (positive area) and holes clockwise.
/// </remarks>
public static unsafe class Clipper
{
    public static Paths64 Union(Paths64 subject, FillRule fillRule = FillRule.NonZero) =>
        Boolean(RvClipNative.OpUnion, subject, null, fillRule, "Clipper.Union");

    public static Paths64 Union(Paths64 subject, Paths64 clip, FillRule fillRule = FillRule.NonZero) =>
        Boolean(RvClipNative.OpUnion, subject, clip ?? throw new ArgumentNullException(nameof(clip)), fillRule, "Clipper.Union");

    public static Paths64 Intersect(Paths64 subject, Paths64 clip, FillRule fillRule = FillRule.NonZero) =>
        Boolean(RvClipNative.OpIntersection, subject, clip ?? throw new ArgumentNullException(nameof(clip)), fillRule, "Clipper.Intersect");

    public static Paths64 Difference(Paths64 subject, Paths64 clip, FillRule fillRule = FillRule.NonZero) =>
        Boolean(RvClipNative.OpDifference, subject, clip ?? throw new ArgumentNullException(nameof(clip)), fillRule, "Clipper.Difference");

    public static Paths64 Xor(Paths64 subject, Paths64 clip, FillRule fillRule = FillRule.NonZero) =>
        Boolean(RvClipNative.OpXor, subject, clip ?? throw new ArgumentNullException(nameof(clip)), fillRule, "Clipper.Xor");

    /// <summary>Clips open polylines to closed polygons; returns the pieces of the lines inside.</summary>
    public static Paths64 IntersectOpen(Paths64 lines, Paths64 clip, FillRule fillRule = FillRule.NonZero) =>
        BooleanOpen(RvClipNative.OpIntersection, lines, clip, fillRule, "Clipper.IntersectOpen");

    /// <summary>Clips open polylines to closed polygons; returns the pieces of the lines outside.</summary>
    public static Paths64 DifferenceOpen(Paths64 lines, Paths64 clip, FillRule fillRule = FillRule.NonZero) =>
        BooleanOpen(RvClipNative.OpDifference, lines, clip, fillRule, "Clipper.DifferenceOpen");

    /// <summary>Offsets by <paramref name="delta"/> micrometres (negative shrinks polygons).</summary>
    /// <param name="paths">Closed polygons (outer contours counter-clockwise) or open lines, as <paramref name="endType"/> says.</param>
    /// <param name="delta">Offset distance in micrometres.</param>
    /// <param name="joinType">Shape of convex corners.</param>
    /// <param name="endType">Whether the paths are polygons or open lines, and the cap of open line ends.</param>
    /// <param name="miterLimit">Longest miter as a multiple of |delta|; longer miters are squared off. Values below 2 act as 2.</param>
    /// <param name="arcTolerance">Largest gap in micrometres between a round join or end and its polygon; values above |delta| / 4 act as |delta| / 4, and 0 or less selects 0.25.</param>
    public static Paths64 Offset(
        Paths64 paths,
        double delta,
        JoinType joinType = JoinType.Miter,
        EndType endType = EndType.Polygon,
        double miterLimit = 2.0,
        double arcTolerance = 5.0)
    {
        ValidateOffsetOptions(joinType, endType, miterLimit, arcTolerance);
        ValidateDelta(delta, nameof(delta));
        using PathBatch batch = PathBatch.FromPaths(paths, nameof(paths));
        int status;
        ClipResultHandle result;
        fixed (long* xy = batch.Xy)
        fixed (int* counts = batch.Counts)
        {
            status = RvClipNative.rv_clip_offset(
                xy, counts, batch.PathCount, delta, (int)joinType, (int)endType, miterLimit, arcTolerance, out result);
        }

        using (result)
        {
            RvClipNative.ThrowIfFailed(status, "Clipper.Offset");
            return ClipResultReader.ReadSet(result, 0, "Clipper.Offset");
        }
    }

    /// <summary>Offsets the same paths by several deltas in one native call; result i belongs to deltas[i].</summary>
    /// <remarks>The paths are closed polygons; the other parameters are as for <see cref="Offset"/>.</remarks>
    public static Paths64[] OffsetMany(
        Paths64 paths,
        IReadOnlyList<double> deltas,
        JoinType joinType = JoinType.Miter,
        double miterLimit = 2.0,
        double arcTolerance = 5.0)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        ValidateOffsetOptions(joinType, EndType.Polygon, miterLimit, arcTolerance);
        double[] deltaArray = deltas.Count == 0 ? [] : ArrayPool<double>.Shared.Rent(deltas.Count);
        try
        {
            for (int i = 0; i < deltas.Count; i++)
            {
                ValidateDelta(deltas[i], $"{nameof(deltas)}[{i}]");
                deltaArray[i] = deltas[i];
            }

            using PathBatch batch = PathBatch.FromPaths(paths, nameof(paths));
            int status;
            ClipResultHandle result;
            fixed (long* xy = batch.Xy)
            fixed (int* counts = batch.Counts)
            fixed (double* deltaPointer = deltaArray)
            {
                status = RvClipNative.rv_clip_offset_many(
                    xy, counts, batch.PathCount, deltaPointer, deltas.Count, (int)joinType, (int)EndType.Polygon, miterLimit, arcTolerance, out result);
            }

            using (result)
            {
                RvClipNative.ThrowIfFailed(status, "Clipper.OffsetMany");
                return ClipResultReader.ReadAllSets(result, "Clipper.OffsetMany");
            }
        }
        finally
        {
            if (deltaArray.Length > 0)
            {
                ArrayPool<double>.Shared.Return(deltaArray);
            }
        }
    }

    /// <summary>Unions the polygons and returns outer contours and holes nested as they enclose each other.</summary>
    public static PolyTree64 UnionToTree(Paths64 subject, FillRule fillRule = FillRule.NonZero)
    {
        int fill = ToNativeFill(fillRule);
        using PathBatch batch = PathBatch.FromPaths(subject, nameof(subject));
        int status;
        ClipResultHandle result;
        fixed (long* xy = batch.Xy)
        fixed (int* counts = batch.Counts)
        {
            status = RvClipNative.rv_clip_union_tree(xy, counts, batch.PathCount, fill, out result);
        }

        using (result)
        {
            RvClipNative.ThrowIfFailed(status, "Clipper.UnionToTree");
            return ClipResultReader.ReadTree(result, "Clipper.UnionToTree");
        }
    }

    /// <summary>Removes self-intersections, returning simple polygons.</summary>
    public static Paths64 Simplify(Paths64 paths, FillRule fillRule = FillRule.NonZero)
    {
        int fill = ToNativeFill(fillRule);
        using PathBatch batch = PathBatch.FromPaths(paths, nameof(paths));
        int status;
        ClipResultHandle result;
        fixed (long* xy = batch.Xy)
        fixed (int* counts = batch.Counts)
        {
            status = RvClipNative.rv_clip_simplify(xy, counts, batch.PathCount, fill, out result);
        }

        using (result)
        {
            RvClipNative.ThrowIfFailed(status, "Clipper.Simplify");
            return ClipResultReader.ReadSet(result, 0, "Clipper.Simplify");
        }
    }

    /// <summary>Removes vertices closer than <paramref name="distance"/> micrometres to their neighbours or to a straight line through them.</summary>
    /// <remarks>Polygons left with fewer than 3 vertices are dropped from the result.</remarks>
    public static Paths64 Clean(Paths64 paths, double distance)
    {
        if (!double.IsFinite(distance) || distance < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(distance), distance, "The clean distance must be a finite number of micrometres, 0 or more.");
        }

        using PathBatch batch = PathBatch.FromPaths(paths, nameof(paths));
        int status;
        ClipResultHandle result;
        fixed (long* xy = batch.Xy)
        fixed (int* counts = batch.Counts)
        {
            status = RvClipNative.rv_clip_clean(xy, counts, batch.PathCount, distance, out result);
        }

        using (result)
        {
            RvClipNative.ThrowIfFailed(status, "Clipper.Clean");
            return ClipResultReader.ReadSet(result, 0, "Clipper.Clean", minimumPoints: 3);
        }
    }

    /// <summary>Signed area in square micrometres, positive for counter-clockwise.</summary>
    public static double Area(Path64 path)
    {
        using PathBatch batch = PathBatch.FromPath(path, nameof(path));
        return Area(batch);
    }

    /// <summary>Sum of signed areas.</summary>
    public static double Area(Paths64 paths)
    {
        using PathBatch batch = PathBatch.FromPaths(paths, nameof(paths));
        return Area(batch);
    }

    private static double Area(in PathBatch batch)
    {
        double total;
        int status;
        fixed (long* xy = batch.Xy)
        fixed (int* counts = batch.Counts)
        {
            status = RvClipNative.rv_clip_area(xy, counts, batch.PathCount, null, &total);
        }

        RvClipNative.ThrowIfFailed(status, "Clipper.Area");
        return total;
    }

    private static Paths64 Boolean(int op, Paths64 subject, Paths64? clip, FillRule fillRule, string operation)
    {
        int fill = ToNativeFill(fillRule);
        using PathBatch subjectBatch = PathBatch.FromPaths(subject, nameof(subject));
        using PathBatch clipBatch = clip is null ? default : PathBatch.FromPaths(clip, nameof(clip));
        int status;
        ClipResultHandle result;
        fixed (long* subjectXy = subjectBatch.Xy)
        fixed (int* subjectCounts = subjectBatch.Counts)
        fixed (long* clipXy = clipBatch.Xy)
        fixed (int* clipCounts = clipBatch.Counts)
        {
            status = RvClipNative.rv_clip_boolean(
                op,
                subjectXy,
                subjectCounts,
                subjectBatch.PathCount,
                fill,
                clipXy,
                clipCounts,
                clipBatch.PathCount,
                fill,
                out result);
        }

        using (result)
        {
            RvClipNative.ThrowIfFailed(status, operation);
            return ClipResultReader.ReadSet(result, 0, operation);
        }
    }

    private static Paths64 BooleanOpen(int op, Paths64 lines, Paths64 clip, FillRule fillRule, string operation)
    {
        int fill = ToNativeFill(fillRule);
        using PathBatch lineBatch = PathBatch.FromPaths(lines, nameof(lines));
        using PathBatch clipBatch = PathBatch.FromPaths(clip, nameof(clip));
        int status;
        ClipResultHandle result;
        fixed (long* lineXy = lineBatch.Xy)
        fixed (int* lineCounts = lineBatch.Counts)
        fixed (long* clipXy = clipBatch.Xy)
        fixed (int* clipCounts = clipBatch.Counts)
        {
            status = RvClipNative.rv_clip_boolean_open(
                op,
                lineXy,
                lineCounts,
                lineBatch.PathCount,
                fill,
                clipXy,
                clipCounts,
                clipBatch.PathCount,
                fill,
                out result);
        }

        using (result)
        {
            RvClipNative.ThrowIfFailed(status, operation);
            return ClipResultReader.ReadSet(result, 0, operation);
        }
    }

    // The managed enums use the numbering of the RV_CLIP_FILL_*, RV_CLIP_JOIN_* and RV_CLIP_END_* constants.
    private static int ToNativeFill(FillRule fillRule)
    {
        if (fillRule is < FillRule.EvenOdd or > FillRule.Negative)
        {
            throw new ArgumentOutOfRangeException(nameof(fillRule), fillRule, "Unknown fill rule; use a FillRule member.");
        }

        return (int)fillRule;
    }

    private static void ValidateOffsetOptions(JoinType joinType, EndType endType, double miterLimit, double arcTolerance)
    {
        if (joinType is < JoinType.Square or > JoinType.Miter)
        {
            throw new ArgumentOutOfRangeException(nameof(joinType), joinType, "Unknown join type; use a JoinType member.");
        }

        if (endType is < EndType.Polygon or > EndType.OpenRound)
        {
            throw new ArgumentOutOfRangeException(nameof(endType), endType, "Unknown end type; use an EndType member.");
        }

        if (!double.IsFinite(miterLimit))
        {
            throw new ArgumentOutOfRangeException(nameof(miterLimit), miterLimit, "The miter limit must be a finite multiple of the offset delta.");
        }

        if (!double.IsFinite(arcTolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(arcTolerance), arcTolerance, "The arc tolerance must be a finite number of micrometres.");
        }
    }

    private static void ValidateDelta(double delta, string parameterName)
    {
        if (!double.IsFinite(delta))
        {
            throw new ArgumentOutOfRangeException(parameterName, delta, "The offset delta must be a finite number of micrometres.");
        }
    }
}
