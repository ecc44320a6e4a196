using RealVision.Geometry;

namespace RealVision.Workspaces.Hulls;

/// <summary>
/// Turns a triangulated convex hull into one whose vertices are all extreme
/// points: adjacent triangles on exactly one plane are merged into a facet,
/// the facet's outline drops corners where it runs straight on, and the
/// remaining convex polygon is triangulated as a fan from its first corner.
/// </summary>
internal static class FacetMerger
{
    public static List<int[]> Retriangulate(Point3D[] points, List<int[]> triangles)
    {
        var triangleByEdge = new Dictionary<(int, int), int>();
        for (int t = 0; t < triangles.Count; t++)
        {
            foreach ((int from, int to) in Edges(triangles[t]))
            {
                triangleByEdge.Add((from, to), t);
            }
        }

        int[] facetOf = GroupCoplanar(points, triangles, triangleByEdge);
        var result = new List<int[]>();
        foreach (IGrouping<int, int> facet in Enumerable.Range(0, triangles.Count).GroupBy(t => facetOf[t]))
        {
            List<int> outline = Outline(facet.Select(t => triangles[t]), t => facetOf[triangleByEdge[t]] == facet.Key);
            List<int> corners = DropStraightCorners(points, outline);
            for (int n = 1; n + 1 < corners.Count; n++)
            {
                result.Add(new[] { corners[0], corners[n], corners[n + 1] });
            }
        }

        return result;
    }

    /// <summary>Facet number of each triangle: neighbours whose far corner lies exactly on the triangle's plane share one.</summary>
    private static int[] GroupCoplanar(Point3D[] points, List<int[]> triangles, Dictionary<(int, int), int> triangleByEdge)
    {
        var parent = Enumerable.Range(0, triangles.Count).ToArray();

        int Root(int t)
        {
            while (parent[t] != t)
            {
                parent[t] = parent[parent[t]];
                t = parent[t];
            }

            return t;
        }

        for (int t = 0; t < triangles.Count; t++)
        {
            int[] triangle = triangles[t];
            foreach ((int from, int to) in Edges(triangle))
            {
                int neighbour = triangleByEdge[(to, from)];
                int farCorner = triangles[neighbour].First(v => v != from && v != to);
                if (ExactPredicates.Orient(points[triangle[0]], points[triangle[1]], points[triangle[2]], points[farCorner]) == 0)
                {
                    parent[Root(neighbour)] = Root(t);
                }
            }
        }

        return Enumerable.Range(0, triangles.Count).Select(Root).ToArray();
    }

    /// <summary>
    /// The facet's boundary as one loop of vertices, in the triangles' winding:
    /// the edges whose reverse belongs to another facet.
    /// </summary>
    private static List<int> Outline(IEnumerable<int[]> triangles, Func<(int, int), bool> reverseInFacet)
    {
        var next = new Dictionary<int, int>();
        foreach (int[] triangle in triangles)
        {
            foreach ((int from, int to) in Edges(triangle))
            {
                if (!reverseInFacet((to, from)))
                {
                    next.Add(from, to);
                }
            }
        }

        int start = next.Keys.Min();
        var loop = new List<int> { start };
        for (int vertex = next[start]; vertex != start; vertex = next[vertex])
        {
            loop.Add(vertex);
        }

        if (loop.Count != next.Count)
        {
            throw new InvalidOperationException($"A hull facet's outline has {next.Count} edges but its loop only {loop.Count}; the hull is not convex.");
        }

        return loop;
    }

    /// <summary>Removes corners that lie on the straight line through their neighbours, until none is left.</summary>
    private static List<int> DropStraightCorners(Point3D[] points, List<int> loop)
    {
        var corners = new List<int>(loop);
        bool removed = true;
        while (removed && corners.Count > 3)
        {
            removed = false;
            for (int n = 0; n < corners.Count && corners.Count > 3; n++)
            {
                int previous = corners[(n + corners.Count - 1) % corners.Count];
                int next = corners[(n + 1) % corners.Count];
                if (ExactPredicates.Collinear(points[previous], points[corners[n]], points[next]))
                {
                    corners.RemoveAt(n);
                    removed = true;
                    n--;
                }
            }
        }

        return corners;
    }

    private static (int From, int To)[] Edges(int[] triangle) =>
        new[] { (triangle[0], triangle[1]), (triangle[1], triangle[2]), (triangle[2], triangle[0]) };
}
