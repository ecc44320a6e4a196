using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using RealVision.Abstractions.Errors;
using RealVision.Abstractions.Model;
using RealVision.Abstractions.Plugins;

namespace RealVision.Modifiers.PointCloud;

/// <summary>
/// Finds and reads a point-cloud (.pc) file: nx * ny * nz little-endian IEEE
/// 754 doubles with no header, X fastest and Z slowest ("xyz") or Z fastest
/// ("zyx"). Every check names the model and the offending value, and throws
/// <see cref="InputException"/> (URE000, or URE006 for a missing file).
/// </summary>
internal static class PointCloudFile
{
    public const string AxisOrderKey = "pointcloud_axis_order";

    // Values read per call, so a grid larger than 2 GiB needs no single span over all of it.
    private const int ReadBlockValues = 1 << 20;

    /// <summary>Checks that FileReference is a bare file name and returns it.</summary>
    public static string ReferenceName(ModelDefinition model)
    {
        string? name = model.FileReference;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw InputException.Invalid(
                $"Model '{model.Name}': FileReference is empty; set it to the name of the point-cloud file sent with the workspace, such as \"hardness_points.pc\".");
        }

        if (name is "." or ".." || name.IndexOfAny(new[] { '/', '\\', '\0' }) >= 0)
        {
            throw InputException.Invalid(
                $"Model '{model.Name}': FileReference '{name}' is not a bare file name; it must name the point-cloud file without a folder (no '/', '\\' or '..').");
        }

        return name;
    }

    /// <summary>
    /// Returns the path of the file named <paramref name="name"/>: a file sent
    /// with the request under exactly that name, else one of that name in the
    /// workspace's folder. Throws URE006 when neither exists.
    /// </summary>
    public static string Locate(ModelDefinition model, string name, ModifierContext context)
    {
        foreach (KeyValuePair<string, string> file in context.Files)
        {
            if (string.Equals(file.Key, name, StringComparison.Ordinal) && File.Exists(file.Value))
            {
                return file.Value;
            }
        }

        if (context.BaseDirectory is not null)
        {
            string besideWorkspace = Path.Combine(context.BaseDirectory, name);
            if (File.Exists(besideWorkspace))
            {
                return besideWorkspace;
            }
        }

        string searched = context.BaseDirectory is null
            ? "among the files sent with the request"
            : $"among the files sent with the request or in {context.BaseDirectory}";
        throw new InputException(ErrorCodes.MissingFile,
            $"Model '{model.Name}': point-cloud file '{name}' (its FileReference) was not found {searched}. "
            + "Send the file with the workspace (realvision slice --pointcloud FILE) or put it beside the workspace.");
    }

    /// <summary>Checks the request's arrayDimensions: three positive counts.</summary>
    public static (int Nx, int Ny, int Nz) Dimensions(ModelDefinition model, IReadOnlyList<int>? dimensions)
    {
        if (dimensions is null)
        {
            throw InputException.Invalid(
                $"Model '{model.Name}' refers to a point cloud, but the request has no arrayDimensions; give the grid size as [nx, ny, nz] (realvision slice --array-dimensions NX,NY,NZ).");
        }

        if (dimensions.Count != 3 || dimensions.Any(count => count <= 0))
        {
            throw InputException.Invalid(
                $"Model '{model.Name}': arrayDimensions is [{string.Join(", ", dimensions)}]; it must be three positive cell counts [nx, ny, nz].");
        }

        long total = (long)dimensions[0] * dimensions[1] * dimensions[2];
        if (total > Array.MaxLength)
        {
            throw InputException.Invalid(
                $"Model '{model.Name}': arrayDimensions [{string.Join(", ", dimensions)}] makes {total} cells, more than the {Array.MaxLength} one grid can hold.");
        }

        return (dimensions[0], dimensions[1], dimensions[2]);
    }

    /// <summary>Reads the values into X-fastest order and rejects NaN, infinite and negative ones.</summary>
    public static double[] Read(ModelDefinition model, string path, int nx, int ny, int nz, string axisOrder)
    {
        bool zFastest = axisOrder.ToLowerInvariant() switch
        {
            "xyz" => false,
            "zyx" => true,
            _ => throw new SettingsException($"Setting '{AxisOrderKey}' is '{axisOrder}'; use xyz (X fastest) or zyx (Z fastest)."),
        };

        string fileName = Path.GetFileName(path);
        long count = (long)nx * ny * nz;
        long expectedBytes = count * sizeof(double);
        long actualBytes = new FileInfo(path).Length;
        if (actualBytes != expectedBytes)
        {
            throw InputException.Invalid(
                $"Model '{model.Name}': point-cloud file '{fileName}' has {actualBytes} bytes, but arrayDimensions {nx} x {ny} x {nz} need {expectedBytes} bytes "
                + "(8 per value, no header). Check the dimensions or the file.");
        }

        double[] fileOrder;
        try
        {
            fileOrder = ReadDoubles(path, (int)count);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException(ErrorCodes.InvalidInput, $"Model '{model.Name}': point-cloud file '{fileName}' could not be read: {ex.Message}", ex);
        }

        double[] values = zFastest ? ToXFastest(fileOrder, nx, ny, nz) : fileOrder;
        RejectInvalidValues(model, fileName, values, nx, ny, nz, zFastest);
        return values;
    }

    private static double[] ReadDoubles(string path, int count)
    {
        var values = new double[count];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        for (int start = 0; start < count; start += ReadBlockValues)
        {
            Span<double> block = values.AsSpan(start, Math.Min(ReadBlockValues, count - start));
            stream.ReadExactly(MemoryMarshal.AsBytes(block));
            if (!BitConverter.IsLittleEndian)
            {
                Span<long> bits = MemoryMarshal.Cast<double, long>(block);
                BinaryPrimitives.ReverseEndianness(bits, bits);
            }
        }

        return values;
    }

    private static double[] ToXFastest(double[] zFastest, int nx, int ny, int nz)
    {
        var values = new double[zFastest.Length];
        for (int k = 0; k < nz; k++)
        {
            for (int j = 0; j < ny; j++)
            {
                for (int i = 0; i < nx; i++)
                {
                    values[i + nx * (j + (long)ny * k)] = zFastest[k + nz * (j + (long)ny * i)];
                }
            }
        }

        return values;
    }

    private static void RejectInvalidValues(ModelDefinition model, string fileName, double[] values, int nx, int ny, int nz, bool zFastest)
    {
        long first = -1;
        long invalid = 0;
        for (long n = 0; n < values.LongLength; n++)
        {
            double value = values[n];
            if (!double.IsFinite(value) || value < 0)
            {
                invalid++;
                if (first < 0)
                {
                    first = n;
                }
            }
        }

        if (first < 0)
        {
            return;
        }

        long i = first % nx;
        long j = first / nx % ny;
        long k = first / ((long)nx * ny);
        long fileIndex = zFastest ? k + nz * (j + ny * i) : first;
        string others = invalid > 1 ? $" ({invalid} values are invalid in all)" : "";
        throw InputException.Invalid(
            $"Model '{model.Name}': point-cloud file '{fileName}' has {Describe(values[first])} at voxel ({i}, {j}, {k}), byte offset {fileIndex * sizeof(double)}{others}; "
            + "shore values must be finite numbers of 0 or more.");
    }

    private static string Describe(double value) =>
        double.IsNaN(value) ? "NaN" : $"the value {value.ToString("R", CultureInfo.InvariantCulture)}";
}
