using System.Buffers;
using System.Runtime.InteropServices;

namespace RealVision.Geometry.Native;

/// <summary>
/// Paths flattened into pooled arrays in the batch layout of rv_clip.h: x0, y0, x1, y1, ...
/// for all paths, and one point count per path. Dispose returns the arrays to the pool.
/// </summary>
/// <remarks>The arrays may be longer than the data; <see cref="PathCount"/> and <see cref="PointCount"/> give the used part.</remarks>
internal struct PathBatch : IDisposable
{
    private long[]? xy;
    private int[]? counts;

    /// <summary>Flat coordinates; empty (so <c>fixed</c> yields NULL) when there are no points.</summary>
    public readonly long[] Xy => xy ?? [];

    /// <summary>Point count of each path; empty when there are no paths.</summary>
    public readonly int[] Counts => counts ?? [];

    public int PathCount { get; private set; }

    public long PointCount { get; private set; }

    /// <summary>Flattens <paramref name="paths"/>; <paramref name="parameterName"/> names the argument in errors.</summary>
    public static PathBatch FromPaths(Paths64 paths, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(paths, parameterName);
        long pointCount = 0;
        for (int i = 0; i < paths.Count; i++)
        {
            Path64? path = paths[i] ?? throw new ArgumentException(
                $"{parameterName}[{i}] is null; remove it or pass an empty Path64.", parameterName);
            pointCount += path.Count;
        }

        var batch = new PathBatch { PathCount = paths.Count, PointCount = pointCount };
        batch.counts = paths.Count == 0 ? null : ArrayPool<int>.Shared.Rent(paths.Count);
        batch.xy = RentCoordinates(pointCount, parameterName);
        int offset = 0;
        for (int i = 0; i < paths.Count; i++)
        {
            Path64 path = paths[i];
            batch.counts![i] = path.Count;
            PointSpans.CopyToFlat(CollectionsMarshal.AsSpan(path), batch.xy.AsSpan(offset, 2 * path.Count));
            offset += 2 * path.Count;
        }

        return batch;
    }

    /// <summary>Flattens a single path as a batch of one.</summary>
    public static PathBatch FromPath(Path64 path, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(path, parameterName);
        var batch = new PathBatch { PathCount = 1, PointCount = path.Count };
        batch.counts = ArrayPool<int>.Shared.Rent(1);
        batch.counts[0] = path.Count;
        batch.xy = RentCoordinates(path.Count, parameterName);
        PointSpans.CopyToFlat(CollectionsMarshal.AsSpan(path), batch.xy.AsSpan(0, 2 * path.Count));
        return batch;
    }

    public void Dispose()
    {
        if (xy is not null && xy.Length > 0)
        {
            ArrayPool<long>.Shared.Return(xy);
        }

        if (counts is not null)
        {
            ArrayPool<int>.Shared.Return(counts);
        }

        xy = null;
        counts = null;
    }

    private static long[] RentCoordinates(long pointCount, string parameterName)
    {
        if (pointCount > Array.MaxLength / 2)
        {
            throw new ArgumentException(
                $"{parameterName} has {pointCount} points, more than one native call accepts ({Array.MaxLength / 2}); split it into smaller batches.",
                parameterName);
        }

        return pointCount == 0 ? [] : ArrayPool<long>.Shared.Rent((int)(2 * pointCount));
    }
}
