using System.Buffers.Binary;
using RealVision.Abstractions.Model;
using RealVision.Abstractions.Plugins;
using RealVision.Engine.Pipeline;
using RealVision.Geometry;

namespace RealVision.Service.Api;

/// <summary>
/// Applies StartSlicingTask's scale, rotation and position to an STL: scale and rotate (X, then Y,
/// then Z, in degrees) about the centre of the bounding box, move by the position in millimetres,
/// then drop the model onto Z = 0. The result is written back as binary STL.
/// </summary>
public static class StlTransformer
{
    public static void Apply(SlicingEngine engine, string path, string name, ModelTransform transform)
    {
        IInputFormat reader = engine.Plugins.FindInputFormat("stl")
            ?? throw new InvalidOperationException("No STL input plugin is loaded.");
        Workspace workspace;
        using (FileStream input = File.OpenRead(path))
        {
            workspace = reader.Read(input, new InputContext { FileName = name });
        }

        var triangles = new List<(Point3D A, Point3D B, Point3D C)>();
        foreach (ModelDefinition model in workspace.Models)
        {
            Mesh mesh = model.Mesh;
            for (int i = 0; i < mesh.Indices.Length; i += 3)
            {
                triangles.Add((mesh.Vertices[mesh.Indices[i]], mesh.Vertices[mesh.Indices[i + 1]], mesh.Vertices[mesh.Indices[i + 2]]));
            }
        }

        var box = Box3D.Empty;
        foreach ((Point3D a, Point3D b, Point3D c) in triangles)
        {
            box = box.Include(a).Include(b).Include(c);
        }

        var centre = new Point3D((box.Min.X + box.Max.X) / 2, (box.Min.Y + box.Max.Y) / 2, (box.Min.Z + box.Max.Z) / 2);
        Func<Point3D, Point3D> move = p => Transform(p, centre, transform);
        var moved = triangles.Select(t => (move(t.A), move(t.B), move(t.C))).ToList();
        double minZ = moved.Min(t => Math.Min(t.Item1.Z, Math.Min(t.Item2.Z, t.Item3.Z)));
        Write(path, moved.Select(t => (Drop(t.Item1, minZ), Drop(t.Item2, minZ), Drop(t.Item3, minZ))).ToList());
    }

    private static Point3D Drop(Point3D p, double minZ) => p with { Z = p.Z - minZ };

    private static Point3D Transform(Point3D p, Point3D centre, ModelTransform t)
    {
        double x = (p.X - centre.X) * t.ScaleX;
        double y = (p.Y - centre.Y) * t.ScaleY;
        double z = (p.Z - centre.Z) * t.ScaleZ;
        (y, z) = Rotate(y, z, t.RotationX);
        (z, x) = Rotate(z, x, t.RotationY);
        (x, y) = Rotate(x, y, t.RotationZ);
        return new Point3D(x + centre.X + t.X, y + centre.Y + t.Y, z + centre.Z + t.Z);
    }

    private static (double, double) Rotate(double u, double v, double degrees)
    {
        double radians = degrees * Math.PI / 180;
        double cos = Math.Cos(radians);
        double sin = Math.Sin(radians);
        return (u * cos - v * sin, u * sin + v * cos);
    }

    private static void Write(string path, List<(Point3D A, Point3D B, Point3D C)> triangles)
    {
        using var output = new BinaryWriter(File.Create(path));
        output.Write(new byte[80]);
        output.Write((uint)triangles.Count);
        Span<byte> record = stackalloc byte[50];
        foreach ((Point3D a, Point3D b, Point3D c) in triangles)
        {
            record.Clear();
            int offset = 12; // the normal stays zero: the engine reads orientation from the winding
            foreach (Point3D p in new[] { a, b, c })
            {
                BinaryPrimitives.WriteSingleLittleEndian(record[offset..], (float)p.X);
                BinaryPrimitives.WriteSingleLittleEndian(record[(offset + 4)..], (float)p.Y);
                BinaryPrimitives.WriteSingleLittleEndian(record[(offset + 8)..], (float)p.Z);
                offset += 12;
            }

            output.Write(record);
        }
    }
}
