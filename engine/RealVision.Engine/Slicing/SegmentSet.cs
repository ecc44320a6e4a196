using RealVision.Geometry;

namespace RealVision.Engine.Slicing;

/// <summary>
/// Segments of one layer, each from the mesh edge where it enters to the edge
/// where it leaves, and their chaining into contours by shared edge.
/// </summary>
internal sealed class SegmentSet
{
    private readonly List<long> startEdge;
    private readonly List<long> endEdge;
    private readonly List<Point64> startPoint;
    private readonly List<Point64> endPoint;

    public SegmentSet(int capacity)
    {
        startEdge = new List<long>(capacity);
        endEdge = new List<long>(capacity);
        startPoint = new List<Point64>(capacity);
        endPoint = new List<Point64>(capacity);
    }

    public void Add(long fromEdge, Point64 from, long toEdge, Point64 to)
    {
        startEdge.Add(fromEdge);
        startPoint.Add(from);
        endEdge.Add(toEdge);
        endPoint.Add(to);
    }

    public LayerContours Chain()
    {
        int count = startEdge.Count;
        var result = new LayerContours();
        if (count == 0)
        {
            return result;
        }

        // Segments starting at each edge; an edge used by more than two
        // triangles (non-manifold) can start several segments, kept in a list.
        var byStart = new Dictionary<long, int>(count, EdgeKeyComparer.Instance);
        var nextSameStart = new int[count];
        for (int i = count - 1; i >= 0; i--)
        {
            nextSameStart[i] = byStart.TryGetValue(startEdge[i], out int head) ? head : -1;
            byStart[startEdge[i]] = i;
        }

        var used = new bool[count];
        for (int first = 0; first < count; first++)
        {
            if (used[first])
            {
                continue;
            }

            var path = new Path64();
            int current = first;
            bool closed = false;
            while (true)
            {
                used[current] = true;
                AppendPoint(path, startPoint[current]);
                long edge = endEdge[current];
                if (edge == startEdge[first])
                {
                    closed = true;
                    break;
                }

                int next = FindUnused(byStart, nextSameStart, used, edge);
                if (next < 0)
                {
                    AppendPoint(path, endPoint[current]);
                    break;
                }

                current = next;
            }

            if (closed)
            {
                if (path.Count >= 3)
                {
                    result.Closed.Add(path);
                }
            }
            else if (path.Count >= 2)
            {
                result.Open.Add(path);
            }
        }

        return result;
    }

    /// <summary>
    /// Hashes edge keys ((low vertex &lt;&lt; 32) | high vertex) with a
    /// multiplicative mix. The default hash of a long XORs its halves, so keys
    /// of nearby vertex numbers collide, and chaining on a fine mesh grew with
    /// the square of the edges per layer.
    /// </summary>
    private sealed class EdgeKeyComparer : IEqualityComparer<long>
    {
        public static readonly EdgeKeyComparer Instance = new();

        public bool Equals(long x, long y) => x == y;

        public int GetHashCode(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 32);
    }

    private static int FindUnused(Dictionary<long, int> byStart, int[] nextSameStart, bool[] used, long edge)
    {
        if (!byStart.TryGetValue(edge, out int candidate))
        {
            return -1;
        }

        while (candidate >= 0 && used[candidate])
        {
            candidate = nextSameStart[candidate];
        }

        return candidate;
    }

    private static void AppendPoint(Path64 path, Point64 point)
    {
        if (path.Count == 0 || path[^1] != point)
        {
            path.Add(point);
        }
    }
}
