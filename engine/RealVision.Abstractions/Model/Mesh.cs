using RealVision.Geometry;

namespace RealVision.Abstractions.Model;

/// <summary>
/// Indexed triangle mesh in millimetres. Triangle k uses
/// <c>Vertices[Indices[3k]]</c>, <c>[3k+1]</c>, <c>[3k+2]</c>, counter-clockwise
/// seen from outside when the source file is well formed.
/// </summary>
public sealed class Mesh
{
    public Mesh(Point3D[] vertices, int[] indices)
    {
        if (indices.Length % 3 != 0)
        {
            throw new ArgumentException($"Index count {indices.Length} is not a multiple of 3.", nameof(indices));
        }

        Vertices = vertices;
        Indices = indices;
    }

    public Point3D[] Vertices { get; }

    public int[] Indices { get; }

    public int TriangleCount => Indices.Length / 3;

    /// <summary>Axis-aligned bounding box of the vertices that triangles use.</summary>
    public Box3D Bounds()
    {
        var box = Box3D.Empty;
        foreach (int index in Indices)
        {
            box = box.Include(Vertices[index]);
        }

        return box;
    }

    /// <summary>Signed volume in mm³ (positive for outward-facing counter-clockwise triangles).</summary>
    public double SignedVolume()
    {
        double sixTimesVolume = 0;
        for (int i = 0; i < Indices.Length; i += 3)
        {
            Point3D a = Vertices[Indices[i]];
            Point3D b = Vertices[Indices[i + 1]];
            Point3D c = Vertices[Indices[i + 2]];
            sixTimesVolume += a.X * (b.Y * c.Z - b.Z * c.Y)
                - a.Y * (b.X * c.Z - b.Z * c.X)
                + a.Z * (b.X * c.Y - b.Y * c.X);
        }

        return sixTimesVolume / 6.0;
    }

    /// <summary>Returns a copy moved by (dx, dy, dz) millimetres.</summary>
    public Mesh Translated(double dx, double dy, double dz)
    {
        var moved = new Point3D[Vertices.Length];
        for (int i = 0; i < moved.Length; i++)
        {
            Point3D p = Vertices[i];
            moved[i] = new Point3D(p.X + dx, p.Y + dy, p.Z + dz);
        }

        return new Mesh(moved, Indices);
    }
}
