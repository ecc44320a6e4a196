using System.Buffers;
using System.Runtime.InteropServices;

namespace RealVision.Geometry.Native;

/// <summary>Copies native results into managed paths and trees.</summary>
internal static unsafe class ClipResultReader
{
    /// <summary>Reads every set of <paramref name="result"/>, one <see cref="Paths64"/> per set.</summary>
    public static Paths64[] ReadAllSets(ClipResultHandle result, string operation)
    {
        int setCount = RvClipNative.rv_clip_result_set_count(result);
        var sets = new Paths64[setCount];
        for (int set = 0; set < setCount; set++)
        {
            sets[set] = ReadSet(result, set, operation);
        }

        return sets;
    }

    /// <summary>Reads one set; paths with fewer than <paramref name="minimumPoints"/> points are left out.</summary>
    public static Paths64 ReadSet(ClipResultHandle result, int set, string operation, int minimumPoints = 0)
    {
        (int pathCount, long pointCount) = GetSetSize(result, set, operation);
        long[] xy = pointCount == 0 ? [] : ArrayPool<long>.Shared.Rent((int)(2 * pointCount));
        int[] counts = pathCount == 0 ? [] : ArrayPool<int>.Shared.Rent(pathCount);
        try
        {
            CopySet(result, set, xy, counts, pathCount, pointCount, operation);
            return ToPaths(xy, counts.AsSpan(0, pathCount), minimumPoints);
        }
        finally
        {
            ReturnToPool(xy, counts);
        }
    }

    /// <summary>Reads set 0 of a tree result and rebuilds the nesting of its paths.</summary>
    public static PolyTree64 ReadTree(ClipResultHandle result, string operation)
    {
        const int Set = 0;
        (int pathCount, long pointCount) = GetSetSize(result, Set, operation);
        long[] xy = pointCount == 0 ? [] : ArrayPool<long>.Shared.Rent((int)(2 * pointCount));
        int[] counts = pathCount == 0 ? [] : ArrayPool<int>.Shared.Rent(pathCount);
        int[] parents = pathCount == 0 ? [] : ArrayPool<int>.Shared.Rent(pathCount);
        int[] holes = pathCount == 0 ? [] : ArrayPool<int>.Shared.Rent(pathCount);
        try
        {
            CopySet(result, Set, xy, counts, pathCount, pointCount, operation);
            fixed (int* parentsPointer = parents)
            fixed (int* holesPointer = holes)
            {
                int status = RvClipNative.rv_clip_result_copy_tree(result, Set, parentsPointer, holesPointer, pathCount);
                RvClipNative.ThrowIfFailed(status, operation);
            }

            Paths64 paths = ToPaths(xy, counts.AsSpan(0, pathCount), minimumPoints: 0);
            return BuildTree(paths, parents.AsSpan(0, pathCount), holes.AsSpan(0, pathCount), operation);
        }
        finally
        {
            ReturnToPool(xy, counts);
            ReturnToPool(parents);
            ReturnToPool(holes);
        }
    }

    private static (int PathCount, long PointCount) GetSetSize(ClipResultHandle result, int set, string operation)
    {
        int pathCount = RvClipNative.rv_clip_result_path_count(result, set);
        long pointCount = RvClipNative.rv_clip_result_point_count(result, set);
        if (pathCount < 0 || pointCount < 0)
        {
            throw new GeometryException($"{operation} failed: the native result has no set {set}.");
        }

        if (pointCount > Array.MaxLength / 2)
        {
            throw new GeometryException(
                $"{operation} failed: the result has {pointCount} points, more than one managed array can hold; split the input into smaller batches.");
        }

        return (pathCount, pointCount);
    }

    private static void CopySet(ClipResultHandle result, int set, long[] xy, int[] counts, int pathCount, long pointCount, string operation)
    {
        fixed (long* xyPointer = xy)
        fixed (int* countsPointer = counts)
        {
            int status = RvClipNative.rv_clip_result_copy_set(result, set, xyPointer, 2 * pointCount, countsPointer, pathCount);
            RvClipNative.ThrowIfFailed(status, operation);
        }
    }

    private static Paths64 ToPaths(long[] xy, ReadOnlySpan<int> counts, int minimumPoints)
    {
        var paths = new Paths64(counts.Length);
        int offset = 0;
        foreach (int count in counts)
        {
            if (count >= minimumPoints)
            {
                var path = new Path64(count);
                CollectionsMarshal.SetCount(path, count);
                PointSpans.CopyFromFlat(xy.AsSpan(offset, 2 * count), CollectionsMarshal.AsSpan(path));
                paths.Add(path);
            }

            offset += 2 * count;
        }

        return paths;
    }

    private static PolyTree64 BuildTree(Paths64 paths, ReadOnlySpan<int> parents, ReadOnlySpan<int> holes, string operation)
    {
        var tree = new PolyTree64();
        var nodes = new PolyNode64[paths.Count];
        for (int i = 0; i < paths.Count; i++)
        {
            var node = new PolyNode64(paths[i], holes[i] != 0);
            nodes[i] = node;
            int parent = parents[i];
            if (parent == -1)
            {
                tree.Children.Add(node);
            }
            else if (parent >= 0 && parent < i)
            {
                nodes[parent].Children.Add(node);
            }
            else
            {
                // The shim lists parents before their children, so any other index is a bug in the shim.
                throw new GeometryException($"{operation} failed: path {i} of the native tree names parent {parent}, which does not precede it.");
            }
        }

        return tree;
    }

    private static void ReturnToPool(long[] xy, int[] counts)
    {
        if (xy.Length > 0)
        {
            ArrayPool<long>.Shared.Return(xy);
        }

        ReturnToPool(counts);
    }

    private static void ReturnToPool(int[] values)
    {
        if (values.Length > 0)
        {
            ArrayPool<int>.Shared.Return(values);
        }
    }
}
