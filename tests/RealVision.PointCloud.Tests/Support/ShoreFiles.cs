using System.Buffers.Binary;

namespace RealVision.PointCloud.Tests.Support;

/// <summary>Writes point-cloud files byte by byte, without the library under test.</summary>
public static class ShoreFiles
{
    /// <summary>Writes little-endian doubles, value (i, j, k) at position i + nx * (j + ny * k).</summary>
    public static string Write(string path, int nx, int ny, int nz, Func<int, int, int, double> value)
    {
        var bytes = new byte[nx * ny * nz * 8];
        for (int k = 0; k < nz; k++)
        {
            for (int j = 0; j < ny; j++)
            {
                for (int i = 0; i < nx; i++)
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan((i + nx * (j + ny * k)) * 8), value(i, j, k));
                }
            }
        }

        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Reads a file back as doubles in file order.</summary>
    public static double[] Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var values = new double[bytes.Length / 8];
        for (int n = 0; n < values.Length; n++)
        {
            values[n] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(n * 8));
        }

        return values;
    }
}
