using RealVision.Geometry;

namespace RealVision.Engine.Meshes;

/// <summary>Point-in-shell test by ray parity, for deciding whether one shell lies inside another.</summary>
internal static class PointInside
{
    // Distance (mm) under which a point counts as on the surface, not inside.
    private const double SurfaceToleranceMm = 0.001;

    /// <summary>
    /// True when <paramref name="p"/> is inside the closed shell and more than
    /// a micrometre from its surface. The ray leaves in a fixed oblique
    /// direction so it rarely grazes an edge or vertex of axis-aligned meshes.
    /// </summary>
    public static bool IsStrictlyInside(Point3D p, Point3D[] v, int[] triangles, List<int> shell)
    {
        const double dx = 0.5773502691896258, dy = 0.5773502691896257, dz = 0.5773502691896259;
        var ray = (X: dx + 1e-7, Y: dy - 2e-7, Z: dz + 3e-7);
        int crossings = 0;
        foreach (int t in shell)
        {
            Point3D a = v[triangles[3 * t]], b = v[triangles[3 * t + 1]], c = v[triangles[3 * t + 2]];
            if (DistanceToTriangle(p, a, b, c) <= SurfaceToleranceMm)
            {
                return false;
            }

            if (RayHits(p, ray, a, b, c))
            {
                crossings++;
            }
        }

        return crossings % 2 == 1;
    }

    // Möller–Trumbore ray/triangle intersection for t > 0.
    private static bool RayHits(Point3D o, (double X, double Y, double Z) d, Point3D a, Point3D b, Point3D c)
    {
        double e1x = b.X - a.X, e1y = b.Y - a.Y, e1z = b.Z - a.Z;
        double e2x = c.X - a.X, e2y = c.Y - a.Y, e2z = c.Z - a.Z;
        double px = d.Y * e2z - d.Z * e2y, py = d.Z * e2x - d.X * e2z, pz = d.X * e2y - d.Y * e2x;
        double det = e1x * px + e1y * py + e1z * pz;
        if (Math.Abs(det) < 1e-15)
        {
            return false;
        }

        double inv = 1 / det;
        double tx = o.X - a.X, ty = o.Y - a.Y, tz = o.Z - a.Z;
        double u = (tx * px + ty * py + tz * pz) * inv;
        if (u < 0 || u > 1)
        {
            return false;
        }

        double qx = ty * e1z - tz * e1y, qy = tz * e1x - tx * e1z, qz = tx * e1y - ty * e1x;
        double w = (d.X * qx + d.Y * qy + d.Z * qz) * inv;
        if (w < 0 || u + w > 1)
        {
            return false;
        }

        return (e2x * qx + e2y * qy + e2z * qz) * inv > 0;
    }

    private static double DistanceToTriangle(Point3D p, Point3D a, Point3D b, Point3D c)
    {
        // Closest point on the triangle: a vertex, a point on an edge, or an interior point, by barycentric regions.
        var ab = Sub(b, a);
        var ac = Sub(c, a);
        var ap = Sub(p, a);
        double d1 = Dot(ab, ap), d2 = Dot(ac, ap);
        if (d1 <= 0 && d2 <= 0) return Length(ap);
        var bp = Sub(p, b);
        double d3 = Dot(ab, bp), d4 = Dot(ac, bp);
        if (d3 >= 0 && d4 <= d3) return Length(bp);
        double vc = d1 * d4 - d3 * d2;
        if (vc <= 0 && d1 >= 0 && d3 <= 0)
        {
            double t = d1 / (d1 - d3);
            return Length(Sub(ap, Scale(ab, t)));
        }

        var cp = Sub(p, c);
        double d5 = Dot(ab, cp), d6 = Dot(ac, cp);
        if (d6 >= 0 && d5 <= d6) return Length(cp);
        double vb = d5 * d2 - d1 * d6;
        if (vb <= 0 && d2 >= 0 && d6 <= 0)
        {
            double t = d2 / (d2 - d6);
            return Length(Sub(ap, Scale(ac, t)));
        }

        double va = d3 * d6 - d5 * d4;
        if (va <= 0 && d4 - d3 >= 0 && d5 - d6 >= 0)
        {
            double t = (d4 - d3) / (d4 - d3 + (d5 - d6));
            return Length(Sub(bp, Scale(Sub(c, b), t)));
        }

        double denominator = 1 / (va + vb + vc);
        double v = vb * denominator, w = vc * denominator;
        var closest = (a.X + ab.X * v + ac.X * w, a.Y + ab.Y * v + ac.Y * w, a.Z + ab.Z * v + ac.Z * w);
        return Length((p.X - closest.Item1, p.Y - closest.Item2, p.Z - closest.Item3));
    }

    private static (double X, double Y, double Z) Sub(Point3D a, Point3D b) => (a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    private static (double X, double Y, double Z) Sub((double X, double Y, double Z) a, (double X, double Y, double Z) b) =>
        (a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    private static (double X, double Y, double Z) Scale((double X, double Y, double Z) a, double s) => (a.X * s, a.Y * s, a.Z * s);

    private static double Dot((double X, double Y, double Z) a, (double X, double Y, double Z) b) => a.X * b.X + a.Y * b.Y + a.Z * b.Z;

    private static double Length((double X, double Y, double Z) a) => Math.Sqrt(Dot(a, a));
}
