using System.Buffers.Binary;
using RealVision.Abstractions.Model;
using RealVision.Geometry;

namespace RealVision.Benchmarks.Models;

/// <summary>
/// Minimal binary STL reading and writing for generated test models: an
/// 80-byte header, a little-endian uint32 facet count, then 50 bytes a facet
/// (normal, three vertices as float32, a uint16 attribute).
/// </summary>
public static class BinaryStl
{
    private const int HeaderBytes = 80;
    private const int FacetBytes = 50;

    /// <summary>Writes every triangle of <paramref name="meshes"/> to one file, with computed unit normals.</summary>
    public static void Write(string path, string header, IEnumerable<Mesh> meshes)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        Write(stream, header, meshes);
    }

    /// <summary>Writes every triangle of <paramref name="meshes"/> to <paramref name="stream"/>, with computed unit normals.</summary>
    public static void Write(Stream stream, string header, IEnumerable<Mesh> meshes)
    {
        List<Mesh> list = meshes.ToList();
        long facets = list.Sum(m => (long)m.TriangleCount);
        if (facets > uint.MaxValue)
        {
            throw new ArgumentException($"{facets} facets do not fit a binary STL's 32-bit facet count.", nameof(meshes));
        }

        var headerBytes = new byte[HeaderBytes];
        System.Text.Encoding.ASCII.GetBytes(header.Length > HeaderBytes ? header[..HeaderBytes] : header, headerBytes);
        stream.Write(headerBytes);
        Span<byte> count = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(count, (uint)facets);
        stream.Write(count);

        var facet = new byte[FacetBytes];
        foreach (Mesh mesh in list)
        {
            for (int t = 0; t < mesh.TriangleCount; t++)
            {
                Point3D a = mesh.Vertices[mesh.Indices[3 * t]];
                Point3D b = mesh.Vertices[mesh.Indices[3 * t + 1]];
                Point3D c = mesh.Vertices[mesh.Indices[3 * t + 2]];
                WriteFacet(facet, Normal(a, b, c), a, b, c);
                stream.Write(facet);
            }
        }
    }

    /// <summary>Reads a binary STL into a mesh with one vertex per facet corner (no vertex merging).</summary>
    public static Mesh Read(string path)
    {
        byte[] data = File.ReadAllBytes(path);
        if (data.Length < HeaderBytes + 4)
        {
            throw new InvalidDataException($"{path}: invalid binary STL: {data.Length} bytes is shorter than the 84-byte header.");
        }

        uint facets = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(HeaderBytes));
        long expected = HeaderBytes + 4 + (long)facets * FacetBytes;
        if (data.Length != expected)
        {
            throw new InvalidDataException(
                $"{path}: the header announces {facets} facets ({expected} bytes) but the file has {data.Length} bytes; only binary STL is read here.");
        }

        var vertices = new Point3D[3 * facets];
        var indices = new int[3 * facets];
        for (int t = 0; t < facets; t++)
        {
            ReadOnlySpan<byte> record = data.AsSpan(HeaderBytes + 4 + t * FacetBytes, FacetBytes);
            for (int corner = 0; corner < 3; corner++)
            {
                int offset = 12 + 12 * corner;
                vertices[3 * t + corner] = new Point3D(
                    BinaryPrimitives.ReadSingleLittleEndian(record[offset..]),
                    BinaryPrimitives.ReadSingleLittleEndian(record[(offset + 4)..]),
                    BinaryPrimitives.ReadSingleLittleEndian(record[(offset + 8)..]));
                indices[3 * t + corner] = 3 * t + corner;
            }
        }

        return new Mesh(vertices, indices);
    }

    private static void WriteFacet(Span<byte> facet, Point3D normal, Point3D a, Point3D b, Point3D c)
    {
        WritePoint(facet, normal);
        WritePoint(facet[12..], a);
        WritePoint(facet[24..], b);
        WritePoint(facet[36..], c);
        BinaryPrimitives.WriteUInt16LittleEndian(facet[48..], 0);
    }

    private static void WritePoint(Span<byte> target, Point3D p)
    {
        BinaryPrimitives.WriteSingleLittleEndian(target, (float)p.X);
        BinaryPrimitives.WriteSingleLittleEndian(target[4..], (float)p.Y);
        BinaryPrimitives.WriteSingleLittleEndian(target[8..], (float)p.Z);
    }

    private static Point3D Normal(Point3D a, Point3D b, Point3D c)
    {
        double ux = b.X - a.X, uy = b.Y - a.Y, uz = b.Z - a.Z;
        double vx = c.X - a.X, vy = c.Y - a.Y, vz = c.Z - a.Z;
        double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
        double length = Math.Sqrt(nx * nx + ny * ny + nz * nz);
        return length == 0 ? new Point3D(0, 0, 0) : new Point3D(nx / length, ny / length, nz / length);
    }
}
