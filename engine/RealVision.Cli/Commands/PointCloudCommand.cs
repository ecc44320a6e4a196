using System.CommandLine;
using System.Globalization;
using RealVision.Workspaces.PointClouds;

namespace RealVision.Cli.Commands;

/// <summary>
/// `realvision pointcloud -o F.pc --dimensions NX,NY,NZ (--formula EXPR | --csv FILE)`:
/// writes a point-cloud file of shore values for a point-cloud modifier.
/// </summary>
internal static class PointCloudCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--output", "-o") { Description = "Point-cloud file to write (.pc).", Required = true };
        var dimensions = new Option<string>("--dimensions", "-d")
        {
            Description = "Voxel counts along X, Y and Z as NX,NY,NZ; slice with the same values in --array-dimensions.",
            Required = true,
        };
        var formula = new Option<string?>("--formula", "-f")
        {
            Description = "Shore value of each voxel as a formula of x, y, z (voxel centre, 0 to 1 across the modifier's box), "
                + "i, j, k (voxel indices) and nx, ny, nz, such as \"20 + 60 * x\".",
        };
        var csv = new Option<FileInfo?>("--csv")
        {
            Description = "Text file of NX*NY*NZ shore values, X fastest then Y then Z, separated by commas, semicolons or white space ('#' starts a comment).",
        };
        var axisOrder = new Option<string>("--axis-order")
        {
            Description = "Value order in the file: xyz (X fastest, the default) or zyx (Z fastest); slice with the same pointcloud_axis_order.",
            DefaultValueFactory = _ => "xyz",
        };

        var command = new Command("pointcloud", "Write a point-cloud (.pc) file of shore values from a formula or a CSV file.")
        {
            output, dimensions, formula, csv, axisOrder,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(output)!,
            parseResult.GetValue(dimensions)!,
            parseResult.GetValue(formula),
            parseResult.GetValue(csv),
            parseResult.GetValue(axisOrder)!));
        return command;
    }

    private static int Run(FileInfo output, string dimensionsText, string? formulaText, FileInfo? csv, string axisOrderText)
    {
        if ((formulaText is null) == (csv is null))
        {
            Console.Error.WriteLine("realvision pointcloud: give exactly one of --formula and --csv.");
            return ExitCodes.Usage;
        }

        if (!TryParseDimensions(dimensionsText, out int nx, out int ny, out int nz))
        {
            Console.Error.WriteLine($"realvision pointcloud: --dimensions '{dimensionsText}' must be three positive whole numbers NX,NY,NZ, such as 30,30,6.");
            return ExitCodes.Usage;
        }

        if (!Enum.TryParse(axisOrderText, ignoreCase: true, out AxisOrder order) || !Enum.IsDefined(order))
        {
            Console.Error.WriteLine($"realvision pointcloud: --axis-order '{axisOrderText}' must be xyz or zyx.");
            return ExitCodes.Usage;
        }

        string? folder = Path.GetDirectoryName(output.FullName);
        if (folder is null || !Directory.Exists(folder))
        {
            Console.Error.WriteLine($"realvision pointcloud: output folder {folder} does not exist.");
            return ExitCodes.Usage;
        }

        if (csv is not null && !csv.Exists)
        {
            Console.Error.WriteLine($"error URE006: {csv.FullName}: file not found.");
            Console.Error.WriteLine("No output written.");
            return ExitCodes.InvalidInput;
        }

        double[] values;
        try
        {
            values = formulaText is not null
                ? PointCloudWriter.FromFormula(ShoreFormula.Parse(formulaText), nx, ny, nz)
                : ReadCsv(csv!, nx, ny, nz);
            PointCloudWriter.Validate(values, nx, ny);
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine($"realvision pointcloud: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (InvalidDataException ex)
        {
            string source = csv is null ? "the formula" : csv.Name;
            Console.Error.WriteLine($"error URE000: {source}: {ex.Message}");
            Console.Error.WriteLine("No output written.");
            return ExitCodes.InvalidInput;
        }
        catch (ArgumentOutOfRangeException ex)
        {
            Console.Error.WriteLine($"realvision pointcloud: {ex.Message}");
            return ExitCodes.Usage;
        }

        try
        {
            PointCloudWriter.WriteFile(output.FullName, values, nx, ny, nz, order);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"realvision pointcloud: cannot write {output.FullName}: {ex.Message}");
            return ExitCodes.SlicingFailed;
        }

        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine($"Wrote {output.FullName}");
        Console.WriteLine(string.Format(invariant, "  voxels:  {0} x {1} x {2} ({3} bytes, {4} order)", nx, ny, nz, values.LongLength * 8, order.ToString().ToLowerInvariant()));
        Console.WriteLine(string.Format(invariant, "  shore:   {0:0.###} to {1:0.###}", values.Min(), values.Max()));
        Console.WriteLine($"  slice:   realvision slice WORKSPACE --pointcloud {output.Name} --array-dimensions {nx},{ny},{nz}");
        return ExitCodes.Success;
    }

    private static double[] ReadCsv(FileInfo csv, int nx, int ny, int nz)
    {
        using var reader = new StreamReader(csv.FullName);
        return PointCloudWriter.FromCsv(reader, nx, ny, nz);
    }

    private static bool TryParseDimensions(string text, out int nx, out int ny, out int nz)
    {
        nx = ny = nz = 0;
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        return parts.Length == 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out nx) && nx > 0
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out ny) && ny > 0
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out nz) && nz > 0;
    }
}
