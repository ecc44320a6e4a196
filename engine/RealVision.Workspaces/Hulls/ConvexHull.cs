using RealVision.Geometry;

namespace RealVision.Workspaces.Hulls;

/// <summary>
/// A closed convex hull: shared vertices and triangles (three indices each),
/// counter-clockwise seen from outside. Every vertex is an extreme point of
/// the input; flat facets are triangulated as fans over their corners.
/// </summary>
public sealed class ConvexHull
{
    private ConvexHull(Point3D[] vertices, int[] indices)
    {
        Vertices = vertices;
        Indices = indices;
    }

    public Point3D[] Vertices { get; }

    public int[] Indices { get; }

    public int TriangleCount => Indices.Length / 3;

    /// <summary>
    /// Computes the hull of <paramref name="points"/> (duplicates allowed).
    /// Returns false when the points span no volume: fewer than four, or all
    /// on one plane.
    /// </summary>
    /// <remarks>
    /// Quickhull with exact orientation tests, so no tolerance decides which
    /// points are outside. Quickhull may keep a vertex that later ends up
    /// inside a flat facet or on a straight edge. So the hull's coplanar
    /// triangles are merged into facets, corners on straight stretches of a
    /// facet's outline are dropped, and each facet is triangulated again.
    /// </remarks>
    public static bool TryCompute(IEnumerable<Point3D> points, out ConvexHull hull)
    {
        Point3D[] unique = points.Select(p => new Point3D(p.X + 0.0, p.Y + 0.0, p.Z + 0.0)).Distinct().ToArray();
        var builder = new QuickHull(unique);
        if (!builder.Build())
        {
            hull = new ConvexHull(Array.Empty<Point3D>(), Array.Empty<int>());
            return false;
        }

        List<int[]> triangles = FacetMerger.Retriangulate(unique, builder.Faces());
        hull = Compact(unique, triangles);
        return true;
    }

    /// <summary>Keeps the vertices the triangles use, numbered in order of first use.</summary>
    private static ConvexHull Compact(Point3D[] points, List<int[]> triangles)
    {
        var newIndex = new Dictionary<int, int>();
        var vertices = new List<Point3D>();
        var indices = new int[triangles.Count * 3];
        int n = 0;
        foreach (int[] triangle in triangles)
        {
            foreach (int old in triangle)
            {
                if (!newIndex.TryGetValue(old, out int index))
                {
                    index = vertices.Count;
                    newIndex.Add(old, index);
                    vertices.Add(points[old]);
                }

                indices[n++] = index;
            }
        }

        return new ConvexHull(vertices.ToArray(), indices);
    }
}
