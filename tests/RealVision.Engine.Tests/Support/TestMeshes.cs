using System.Globalization;
using System.Text;

namespace RealVision.Engine.Tests.Support;

/// <summary>Writes small ASCII STL files for tests; triangles are counter-clockwise seen from outside.</summary>
public static class TestMeshes
{
    /// <summary>Twelve triangles of an axis-aligned box; <paramref name="inward"/> flips every facet (for cavities).</summary>
    public static IEnumerable<double[][]> Box(double x0, double y0, double z0, double x1, double y1, double z1, bool inward = false)
    {
        double[][] c =
        {
            new[] { x0, y0, z0 }, new[] { x1, y0, z0 }, new[] { x1, y1, z0 }, new[] { x0, y1, z0 },
            new[] { x0, y0, z1 }, new[] { x1, y0, z1 }, new[] { x1, y1, z1 }, new[] { x0, y1, z1 },
        };
        int[][] faces =
        {
            new[] { 0, 2, 1 }, new[] { 0, 3, 2 }, // bottom, facing -z
            new[] { 4, 5, 6 }, new[] { 4, 6, 7 }, // top, facing +z
            new[] { 0, 1, 5 }, new[] { 0, 5, 4 }, // front, facing -y
            new[] { 1, 2, 6 }, new[] { 1, 6, 5 }, // right, facing +x
            new[] { 2, 3, 7 }, new[] { 2, 7, 6 }, // back, facing +y
            new[] { 3, 0, 4 }, new[] { 3, 4, 7 }, // left, facing -x
        };
        foreach (int[] f in faces)
        {
            yield return inward
                ? new[] { c[f[0]], c[f[2]], c[f[1]] }
                : new[] { c[f[0]], c[f[1]], c[f[2]] };
        }
    }

    public static string WriteAsciiStl(string path, IEnumerable<double[][]> triangles)
    {
        var text = new StringBuilder("solid test\n");
        foreach (double[][] t in triangles)
        {
            text.Append("facet normal 0 0 0\n outer loop\n");
            foreach (double[] v in t)
            {
                text.Append(string.Format(CultureInfo.InvariantCulture, "  vertex {0} {1} {2}\n", v[0], v[1], v[2]));
            }

            text.Append(" endloop\nendfacet\n");
        }

        text.Append("endsolid test\n");
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
