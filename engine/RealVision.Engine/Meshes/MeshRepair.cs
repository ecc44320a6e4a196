using RealVision.Abstractions.Model;
using RealVision.Geometry;

namespace RealVision.Engine.Meshes;

/// <summary>
/// Prepares a mesh for slicing. It drops zero-area and duplicate triangles and
/// makes the winding consistent within each shell (a set of triangles joined
/// through manifold edges). Closed shells are turned outward, and closed shells
/// lying strictly inside an odd number of other closed shells are turned
/// inward, so they become cavities whatever winding the file gave them. Shells
/// that touch or overlap keep their outward winding and are unioned when
/// sliced. Stored normals are never used.
/// </summary>
public static class MeshRepair
{
    public static (Mesh Mesh, MeshReport Report) Repair(Mesh mesh)
    {
        var report = new MeshReport();
        int[] triangles = RemoveDegenerateAndDuplicates(mesh, report);
        var topology = new EdgeTopology(triangles);
        report.OpenEdges = topology.OpenEdges;
        report.NonManifoldEdges = topology.NonManifoldEdges;

        int[] shellOf = topology.OrientShells(report);
        int shellCount = report.Shells;
        var shells = new List<int>[shellCount];
        for (int s = 0; s < shellCount; s++)
        {
            shells[s] = new List<int>();
        }

        for (int t = 0; t < shellOf.Length; t++)
        {
            shells[shellOf[t]].Add(t);
        }

        // Each closed shell outward first. A shell with open or non-manifold
        // edges has no inside, so its volume sign means nothing and it is left as it is.
        var vertices = mesh.Vertices;
        var closed = shells.Select(shell => shell.All(topology.HasAllNeighbours)).ToArray();
        for (int s = 0; s < shellCount; s++)
        {
            if (closed[s] && ShellVolume(vertices, triangles, shells[s]) < 0)
            {
                FlipShell(triangles, shells[s]);
                report.ReorientedShells++;
            }
        }

        var closedShells = shells.Where((_, s) => closed[s]).ToArray();
        if (closedShells.Length > 1)
        {
            MakeCavities(vertices, triangles, closedShells, report);
        }

        var repaired = new Mesh(vertices, triangles);
        report.VolumeMm3 = repaired.SignedVolume();
        return (repaired, report);
    }

    private static int[] RemoveDegenerateAndDuplicates(Mesh mesh, MeshReport report)
    {
        int[] source = mesh.Indices;
        var kept = new List<int>(source.Length);
        var seen = new HashSet<(int, int, int)>();
        for (int i = 0; i < source.Length; i += 3)
        {
            int a = source[i], b = source[i + 1], c = source[i + 2];
            if (a == b || b == c || c == a || IsCollinear(mesh.Vertices[a], mesh.Vertices[b], mesh.Vertices[c]))
            {
                report.DegenerateTriangles++;
                continue;
            }

            // The same three vertices in any order: an exact or a reversed duplicate.
            var key = Sorted(a, b, c);
            if (!seen.Add(key))
            {
                report.DuplicateTriangles++;
                continue;
            }

            kept.Add(a);
            kept.Add(b);
            kept.Add(c);
        }

        return kept.ToArray();
    }

    private static bool IsCollinear(Point3D a, Point3D b, Point3D c)
    {
        double ux = b.X - a.X, uy = b.Y - a.Y, uz = b.Z - a.Z;
        double vx = c.X - a.X, vy = c.Y - a.Y, vz = c.Z - a.Z;
        double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
        return nx == 0 && ny == 0 && nz == 0;
    }

    private static (int, int, int) Sorted(int a, int b, int c)
    {
        if (a > b) (a, b) = (b, a);
        if (b > c) (b, c) = (c, b);
        if (a > b) (a, b) = (b, a);
        return (a, b, c);
    }

    private static double ShellVolume(Point3D[] v, int[] triangles, List<int> shell)
    {
        double sixVolume = 0;
        foreach (int t in shell)
        {
            Point3D a = v[triangles[3 * t]], b = v[triangles[3 * t + 1]], c = v[triangles[3 * t + 2]];
            sixVolume += a.X * (b.Y * c.Z - b.Z * c.Y) - a.Y * (b.X * c.Z - b.Z * c.X) + a.Z * (b.X * c.Y - b.Y * c.X);
        }

        return sixVolume / 6;
    }

    private static void FlipShell(int[] triangles, List<int> shell)
    {
        foreach (int t in shell)
        {
            (triangles[3 * t + 1], triangles[3 * t + 2]) = (triangles[3 * t + 2], triangles[3 * t + 1]);
        }
    }

    /// <summary>
    /// A shell is nested in another when its box lies inside the other's box
    /// and sample vertices lie strictly inside the other shell (by ray parity,
    /// and more than a micrometre from its surface). A shell nested an odd
    /// number of times is a cavity and turns inward.
    /// </summary>
    private static void MakeCavities(Point3D[] v, int[] triangles, List<int>[] shells, MeshReport report)
    {
        int count = shells.Length;
        var boxes = shells.Select(shell => ShellBox(v, triangles, shell)).ToArray();
        var depth = new int[count];
        for (int inner = 0; inner < count; inner++)
        {
            for (int outer = 0; outer < count; outer++)
            {
                if (inner != outer && Inside(boxes[inner], boxes[outer])
                    && IsNested(v, triangles, shells[inner], shells[outer]))
                {
                    depth[inner]++;
                }
            }
        }

        for (int s = 0; s < count; s++)
        {
            if (depth[s] % 2 == 1)
            {
                FlipShell(triangles, shells[s]);
                report.Cavities++;
            }
        }
    }

    private static bool IsNested(Point3D[] v, int[] triangles, List<int> inner, List<int> outer)
    {
        const int Samples = 8;
        int step = Math.Max(1, inner.Count / Samples);
        for (int k = 0; k < inner.Count; k += step)
        {
            Point3D p = v[triangles[3 * inner[k]]];
            if (!PointInside.IsStrictlyInside(p, v, triangles, outer))
            {
                return false;
            }
        }

        return true;
    }

    private static Box3D ShellBox(Point3D[] v, int[] triangles, List<int> shell)
    {
        var box = Box3D.Empty;
        foreach (int t in shell)
        {
            box = box.Include(v[triangles[3 * t]]).Include(v[triangles[3 * t + 1]]).Include(v[triangles[3 * t + 2]]);
        }

        return box;
    }

    private static bool Inside(Box3D inner, Box3D outer) =>
        inner.Min.X >= outer.Min.X && inner.Min.Y >= outer.Min.Y && inner.Min.Z >= outer.Min.Z
        && inner.Max.X <= outer.Max.X && inner.Max.Y <= outer.Max.Y && inner.Max.Z <= outer.Max.Z;
}
