using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using RealVision.Abstractions.Model;
using RealVision.Abstractions.Plugins;
using RealVision.Formats.Stl;
using RealVision.Geometry;

namespace RealVision.Formats.Tests;

/// <summary>Writes STL test inputs and runs the STL reader on them.</summary>
public static class StlFiles
{
    /// <summary>Returns a binary STL; <paramref name="declaredCount"/> overrides the facet count in the header.</summary>
    public static byte[] Binary(IReadOnlyList<Triangle> triangles, string header = "binary test", uint? declaredCount = null)
    {
        byte[] data = new byte[84 + 50 * triangles.Count];
        byte[] headerBytes = Encoding.ASCII.GetBytes(header);
        Array.Fill(data, (byte)' ', 0, 80);
        Array.Copy(headerBytes, data, Math.Min(80, headerBytes.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(80), declaredCount ?? (uint)triangles.Count);
        for (int i = 0; i < triangles.Count; i++)
        {
            Span<byte> record = data.AsSpan(84 + 50 * i, 50);

            // A wrong stored normal (1, 2, 3) shows that the reader ignores it.
            WriteFloats(record, 1, 2, 3);
            WriteFloats(record[12..], triangles[i].A);
            WriteFloats(record[24..], triangles[i].B);
            WriteFloats(record[36..], triangles[i].C);
        }

        return data;
    }

    /// <summary>Returns ASCII STL text with one solid section named "test", using the given line end and indentation.</summary>
    public static string Ascii(IReadOnlyList<Triangle> triangles, string newline = "\n", string indent = "  ", string name = "test")
    {
        var text = new StringBuilder();
        text.Append("solid ").Append(name).Append(newline);
        AppendFacets(text, triangles, newline, indent);
        text.Append("endsolid ").Append(name).Append(newline);
        return text.ToString();
    }

    public static void AppendFacets(StringBuilder text, IEnumerable<Triangle> triangles, string newline = "\n", string indent = "  ")
    {
        foreach (Triangle t in triangles)
        {
            text.Append(indent).Append("facet normal 0 0 0").Append(newline);
            text.Append(indent).Append(indent).Append("outer loop").Append(newline);
            foreach (var p in new[] { t.A, t.B, t.C })
            {
                text.Append(indent).Append(indent).Append(indent)
                    .Append("vertex ").Append(Number(p.X)).Append(' ').Append(Number(p.Y)).Append(' ').Append(Number(p.Z))
                    .Append(newline);
            }

            text.Append(indent).Append(indent).Append("endloop").Append(newline);
            text.Append(indent).Append("endfacet").Append(newline);
        }
    }

    public static Workspace Read(byte[] data, string fileName = "model.stl", IList<string>? warnings = null)
    {
        var context = new InputContext { FileName = fileName, Warnings = warnings ?? new List<string>() };
        return new StlFormat().Read(new MemoryStream(data, writable: false), context);
    }

    public static Workspace Read(string text, string fileName = "model.stl", IList<string>? warnings = null) =>
        Read(Encoding.UTF8.GetBytes(text), fileName, warnings);

    private static void WriteFloats(Span<byte> target, Point3D point) => WriteFloats(target, (float)point.X, (float)point.Y, (float)point.Z);

    private static void WriteFloats(Span<byte> target, float x, float y, float z)
    {
        BinaryPrimitives.WriteSingleLittleEndian(target, x);
        BinaryPrimitives.WriteSingleLittleEndian(target[4..], y);
        BinaryPrimitives.WriteSingleLittleEndian(target[8..], z);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
