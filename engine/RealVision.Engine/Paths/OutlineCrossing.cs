using RealVision.Geometry;

namespace RealVision.Engine.Paths;

/// <summary>
/// Tells whether a straight travel crosses a layer's outline. A travel
/// between two points inside the part that crosses no outline edge stays in
/// the part, where oozing does not show, so it needs no retraction. Edges are
/// bucketed into horizontal bands so a query looks at nearby edges only.
/// </summary>
internal sealed class OutlineCrossing
{
    private const long BandHeight = 2000;
    private readonly Dictionary<long, List<(Point64 A, Point64 B)>> bands = new();

    public OutlineCrossing(Paths64 outline)
    {
        foreach (Path64 path in outline)
        {
            for (int i = 0; i < path.Count; i++)
            {
                Point64 a = path[i];
                Point64 b = path[(i + 1) % path.Count];
                for (long band = Band(Math.Min(a.Y, b.Y)); band <= Band(Math.Max(a.Y, b.Y)); band++)
                {
                    if (!bands.TryGetValue(band, out var edges))
                    {
                        edges = new List<(Point64, Point64)>();
                        bands[band] = edges;
                    }

                    edges.Add((a, b));
                }
            }
        }
    }

    public bool Crosses(Point64 from, Point64 to)
    {
        long minY = Math.Min(from.Y, to.Y);
        long maxY = Math.Max(from.Y, to.Y);
        for (long band = Band(minY); band <= Band(maxY); band++)
        {
            if (!bands.TryGetValue(band, out var edges))
            {
                continue;
            }

            foreach ((Point64 a, Point64 b) in edges)
            {
                if (SegmentsIntersect(from, to, a, b))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static long Band(long y) => Math.DivRem(y, BandHeight, out long remainder) - (remainder < 0 ? 1 : 0);

    private static bool SegmentsIntersect(Point64 p1, Point64 p2, Point64 q1, Point64 q2)
    {
        // Bounding boxes first; then orientation tests in 128-bit-safe doubles
        // (coordinates stay far below 2^53 micrometres).
        if (Math.Max(p1.X, p2.X) < Math.Min(q1.X, q2.X) || Math.Max(q1.X, q2.X) < Math.Min(p1.X, p2.X)
            || Math.Max(p1.Y, p2.Y) < Math.Min(q1.Y, q2.Y) || Math.Max(q1.Y, q2.Y) < Math.Min(p1.Y, p2.Y))
        {
            return false;
        }

        double d1 = Cross(q1, q2, p1);
        double d2 = Cross(q1, q2, p2);
        double d3 = Cross(p1, p2, q1);
        double d4 = Cross(p1, p2, q2);
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0) || d1 == 0 || d2 == 0)
            && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0) || d3 == 0 || d4 == 0);
    }

    private static double Cross(Point64 o, Point64 a, Point64 b) =>
        (double)(a.X - o.X) * (b.Y - o.Y) - (double)(a.Y - o.Y) * (b.X - o.X);
}
