using RealVision.Abstractions.Model;
using RealVision.Geometry;

namespace RealVision.Formats.Tests;

/// <summary>A triangle given by its three corners, counter-clockwise seen from outside.</summary>
public readonly record struct Triangle(Point3D A, Point3D B, Point3D C);

/// <summary>Hand-built shapes and measurements computed here, independently of the readers.</summary>
public static class TestGeometry
{
    /// <summary>Returns the 12 outward-wound triangles of the box from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Triangle[] Box(Point3D min, Point3D max)
    {
        Point3D Corner(int i, int j, int k) => new(i == 0 ? min.X : max.X, j == 0 ? min.Y : max.Y, k == 0 ? min.Z : max.Z);

        // Each face is a quad listed counter-clockwise seen from outside; its normal was checked by hand.
        Point3D[][] faces =
        {
            new[] { Corner(0, 0, 0), Corner(0, 1, 0), Corner(1, 1, 0), Corner(1, 0, 0) }, // -Z
            new[] { Corner(0, 0, 1), Corner(1, 0, 1), Corner(1, 1, 1), Corner(0, 1, 1) }, // +Z
            new[] { Corner(0, 0, 0), Corner(1, 0, 0), Corner(1, 0, 1), Corner(0, 0, 1) }, // -Y
            new[] { Corner(0, 1, 0), Corner(0, 1, 1), Corner(1, 1, 1), Corner(1, 1, 0) }, // +Y
            new[] { Corner(0, 0, 0), Corner(0, 0, 1), Corner(0, 1, 1), Corner(0, 1, 0) }, // -X
            new[] { Corner(1, 0, 0), Corner(1, 1, 0), Corner(1, 1, 1), Corner(1, 0, 1) }, // +X
        };

        var triangles = new List<Triangle>();
        foreach (Point3D[] q in faces)
        {
            triangles.Add(new Triangle(q[0], q[1], q[2]));
            triangles.Add(new Triangle(q[0], q[2], q[3]));
        }

        return triangles.ToArray();
    }

    /// <summary>Returns the corner tetrahedron (0,0,0), (a,0,0), (0,b,0), (0,0,c), whose volume is abc/6.</summary>
    public static Triangle[] Tetrahedron(double a, double b, double c)
    {
        var o = new Point3D(0, 0, 0);
        var x = new Point3D(a, 0, 0);
        var y = new Point3D(0, b, 0);
        var z = new Point3D(0, 0, c);
        return new[]
        {
            new Triangle(o, y, x),
            new Triangle(o, x, z),
            new Triangle(o, z, y),
            new Triangle(x, y, z),
        };
    }

    /// <summary>Signed volume by the divergence theorem: the sum of a · (b × c) / 6 over all triangles.</summary>
    public static double Volume(Mesh mesh)
    {
        double sum = 0;
        for (int t = 0; t < mesh.TriangleCount; t++)
        {
            Point3D a = mesh.Vertices[mesh.Indices[3 * t]];
            Point3D b = mesh.Vertices[mesh.Indices[3 * t + 1]];
            Point3D c = mesh.Vertices[mesh.Indices[3 * t + 2]];
            double crossX = b.Y * c.Z - b.Z * c.Y;
            double crossY = b.Z * c.X - b.X * c.Z;
            double crossZ = b.X * c.Y - b.Y * c.X;
            sum += a.X * crossX + a.Y * crossY + a.Z * crossZ;
        }

        return sum / 6;
    }

    public static (Point3D Min, Point3D Max) Bounds(Mesh mesh)
    {
        double minX = double.MaxValue, minY = double.MaxValue, minZ = double.MaxValue;
        double maxX = double.MinValue, maxY = double.MinValue, maxZ = double.MinValue;
        foreach (int index in mesh.Indices)
        {
            Point3D p = mesh.Vertices[index];
            minX = Math.Min(minX, p.X);
            minY = Math.Min(minY, p.Y);
            minZ = Math.Min(minZ, p.Z);
            maxX = Math.Max(maxX, p.X);
            maxY = Math.Max(maxY, p.Y);
            maxZ = Math.Max(maxZ, p.Z);
        }

        return (new Point3D(minX, minY, minZ), new Point3D(maxX, maxY, maxZ));
    }

    /// <summary>Returns the number of distinct vertices that triangles use.</summary>
    public static int UsedVertexCount(Mesh mesh) => mesh.Indices.Distinct().Count();
}
