using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RealVision.Geometry.Native;

/// <summary>Copies points between <see cref="Point64"/> spans and the flat x, y layout of rv_clip.h.</summary>
internal static class PointSpans
{
    /// <summary>
    /// Whether <see cref="Point64"/> is laid out in memory as X then Y, two longs and nothing else,
    /// so whole spans can be copied as memory blocks. Checked once at run time, so a change to
    /// <see cref="Point64"/> falls back to copying point by point instead of corrupting data.
    /// </summary>
    private static readonly bool IsTwoLongs = CheckLayout();

    internal static void CopyToFlat(ReadOnlySpan<Point64> points, Span<long> xy)
    {
        if (IsTwoLongs)
        {
            MemoryMarshal.Cast<Point64, long>(points).CopyTo(xy);
            return;
        }

        for (int i = 0; i < points.Length; i++)
        {
            xy[2 * i] = points[i].X;
            xy[(2 * i) + 1] = points[i].Y;
        }
    }

    internal static void CopyFromFlat(ReadOnlySpan<long> xy, Span<Point64> points)
    {
        if (IsTwoLongs)
        {
            MemoryMarshal.Cast<long, Point64>(xy).CopyTo(points);
            return;
        }

        for (int i = 0; i < points.Length; i++)
        {
            points[i] = new Point64(xy[2 * i], xy[(2 * i) + 1]);
        }
    }

    private static bool CheckLayout()
    {
        if (Unsafe.SizeOf<Point64>() != 2 * sizeof(long))
        {
            return false;
        }

        var probe = new Point64(1, 2);
        ReadOnlySpan<long> values = MemoryMarshal.Cast<Point64, long>(new ReadOnlySpan<Point64>(in probe));
        return values[0] == 1 && values[1] == 2;
    }
}
