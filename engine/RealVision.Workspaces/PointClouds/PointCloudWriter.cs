using System.Buffers.Binary;
using System.Globalization;

namespace RealVision.Workspaces.PointClouds;

/// <summary>Order of the values in a point-cloud file.</summary>
public enum AxisOrder
{
    /// <summary>X fastest, then Y, Z slowest: value (i, j, k) is number i + nx * (j + ny * k).</summary>
    Xyz,

    /// <summary>Z fastest, then Y, X slowest: value (i, j, k) is number k + nz * (j + ny * i).</summary>
    Zyx,
}

/// <summary>
/// Makes point-cloud (.pc) files: nx * ny * nz shore values as little-endian
/// IEEE 754 doubles with no header. Values are held in X-fastest order.
/// </summary>
public static class PointCloudWriter
{
    /// <summary>Evaluates <paramref name="formula"/> at every voxel centre.</summary>
    public static double[] FromFormula(ShoreFormula formula, int nx, int ny, int nz)
    {
        CheckDimensions(nx, ny, nz);
        var values = new double[(long)nx * ny * nz];
        for (int k = 0; k < nz; k++)
        {
            for (int j = 0; j < ny; j++)
            {
                for (int i = 0; i < nx; i++)
                {
                    var voxel = new VoxelPosition((i + 0.5) / nx, (j + 0.5) / ny, (k + 0.5) / nz, i, j, k, nx, ny, nz);
                    values[i + nx * (j + (long)ny * k)] = formula.Evaluate(voxel);
                }
            }
        }

        return values;
    }

    /// <summary>
    /// Reads nx * ny * nz numbers in X-fastest order, separated by commas,
    /// semicolons or white space. A row of X values per line is natural, but
    /// any layout works, and '#' starts a comment to the end of the line.
    /// Throws <see cref="InvalidDataException"/> naming the line of a bad number or the count found.
    /// </summary>
    public static double[] FromCsv(TextReader reader, int nx, int ny, int nz)
    {
        CheckDimensions(nx, ny, nz);
        long expected = (long)nx * ny * nz;
        var values = new double[expected];
        long count = 0;
        int lineNumber = 0;
        char[] separators = { ',', ';', ' ', '\t' };
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            int comment = line.IndexOf('#');
            string content = comment >= 0 ? line[..comment] : line;
            foreach (string token in content.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                {
                    throw new InvalidDataException($"Line {lineNumber}: '{token}' is not a number.");
                }

                if (count == expected)
                {
                    throw new InvalidDataException($"Line {lineNumber}: more than the {expected} values that {nx} x {ny} x {nz} voxels take.");
                }

                values[count++] = value;
            }
        }

        if (count != expected)
        {
            throw new InvalidDataException($"Found {count} values, but {nx} x {ny} x {nz} voxels need {expected}.");
        }

        return values;
    }

    /// <summary>
    /// Rejects the values the point-cloud modifier rejects: NaN, infinite or
    /// negative, naming the first bad voxel (i, j, k).
    /// </summary>
    public static void Validate(double[] values, int nx, int ny)
    {
        for (long n = 0; n < values.LongLength; n++)
        {
            double value = values[n];
            if (!double.IsFinite(value) || value < 0)
            {
                long i = n % nx, j = n / nx % ny, k = n / ((long)nx * ny);
                throw new InvalidDataException(
                    $"Voxel ({i}, {j}, {k}) has the value {value.ToString("R", CultureInfo.InvariantCulture)}; shore values must be finite numbers of 0 or more.");
            }
        }
    }

    /// <summary>
    /// Writes the values (X-fastest) in <paramref name="order"/> to a
    /// temporary file beside <paramref name="path"/> and renames it, so a
    /// failure leaves no partial file.
    /// </summary>
    public static void WriteFile(string path, double[] values, int nx, int ny, int nz, AxisOrder order = AxisOrder.Xyz)
    {
        CheckDimensions(nx, ny, nz);
        if (values.LongLength != (long)nx * ny * nz)
        {
            throw new ArgumentException($"{values.LongLength} values do not fill {nx} x {ny} x {nz} voxels.", nameof(values));
        }

        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var buffer = new byte[sizeof(double)];
                foreach (double value in InFileOrder(values, nx, ny, nz, order))
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(buffer, value);
                    stream.Write(buffer);
                }
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static IEnumerable<double> InFileOrder(double[] values, int nx, int ny, int nz, AxisOrder order)
    {
        if (order == AxisOrder.Xyz)
        {
            foreach (double value in values)
            {
                yield return value;
            }

            yield break;
        }

        for (int i = 0; i < nx; i++)
        {
            for (int j = 0; j < ny; j++)
            {
                for (int k = 0; k < nz; k++)
                {
                    yield return values[i + nx * (j + (long)ny * k)];
                }
            }
        }
    }

    private static void CheckDimensions(int nx, int ny, int nz)
    {
        if (nx <= 0 || ny <= 0 || nz <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(nx), $"Voxel counts must be positive, not {nx} x {ny} x {nz}.");
        }

        if ((long)nx * ny * nz > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(nx), $"{nx} x {ny} x {nz} voxels are more than one grid can hold ({Array.MaxLength}).");
        }
    }
}
