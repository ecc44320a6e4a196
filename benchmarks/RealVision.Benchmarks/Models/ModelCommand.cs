using System.Globalization;
using RealVision.Abstractions.Model;
using RealVision.Geometry;

namespace RealVision.Benchmarks.Models;

/// <summary>
/// The `models` command: writes the generated test models as binary STL so
/// that every slicer in the peer comparison reads the identical mesh.
/// </summary>
public static class ModelCommand
{
    public const string Usage =
        """
        usage:
          RealVision.Benchmarks models sphere OUT.stl [--segments N] [--rings N] [--radius MM]
              UV sphere resting on z = 0 (defaults 512 segments, 257 rings, 40 mm:
              262,144 triangles); it has 2 * segments * (rings - 1) triangles.
          RealVision.Benchmarks models plate IN.stl OUT.stl [--columns N] [--rows N] [--spacing MM]
              copies of a binary STL on a grid centred on x = y = 0 (defaults 3 x 3,
              60 mm between centres), lowest point on z = 0, written as one mesh.
        """;

    public static int Run(string[] args)
    {
        try
        {
            return args.Length switch
            {
                >= 2 when args[0] == "sphere" => WriteSphere(args[1], ParseOptions(args[2..])),
                >= 3 when args[0] == "plate" => WritePlate(args[1], args[2], ParseOptions(args[3..])),
                _ => Fail("missing or unknown model kind."),
            };
        }
        catch (FormatException ex)
        {
            return Fail(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
        {
            Console.Error.WriteLine($"models: {ex.Message}");
            return 1;
        }
    }

    private static int WriteSphere(string output, Dictionary<string, double> options)
    {
        int segments = (int)Take(options, "segments", UvSphere.DefaultSegments);
        int rings = (int)Take(options, "rings", UvSphere.DefaultRings);
        double radius = Take(options, "radius", UvSphere.DefaultRadiusMm);
        RejectUnknown(options);
        Mesh sphere = UvSphere.Create(segments, rings, radius, new Point3D(0, 0, radius));
        BinaryStl.Write(output, $"UV sphere {segments}x{rings} r={radius.ToString(CultureInfo.InvariantCulture)} mm", [sphere]);
        Console.WriteLine($"{output}: {sphere.TriangleCount} triangles, radius {radius.ToString(CultureInfo.InvariantCulture)} mm, volume {sphere.SignedVolume():F0} mm³");
        return 0;
    }

    private static int WritePlate(string input, string output, Dictionary<string, double> options)
    {
        int columns = (int)Take(options, "columns", 3);
        int rows = (int)Take(options, "rows", 3);
        double spacing = Take(options, "spacing", 60);
        RejectUnknown(options);
        Mesh model = BinaryStl.Read(input);
        Box3D box = model.Bounds();
        double centreX = (box.Min.X + box.Max.X) / 2;
        double centreY = (box.Min.Y + box.Max.Y) / 2;
        var copies = new List<Mesh>();
        for (int row = 0; row < rows; row++)
        {
            for (int column = 0; column < columns; column++)
            {
                double x = (column - (columns - 1) / 2.0) * spacing;
                double y = (row - (rows - 1) / 2.0) * spacing;
                copies.Add(model.Translated(x - centreX, y - centreY, -box.Min.Z));
            }
        }

        BinaryStl.Write(output, $"{columns}x{rows} copies of {Path.GetFileName(input)}, {spacing.ToString(CultureInfo.InvariantCulture)} mm apart", copies);
        Console.WriteLine($"{output}: {copies.Count} copies of {Path.GetFileName(input)}, {copies.Sum(m => m.TriangleCount)} triangles");
        return 0;
    }

    private static Dictionary<string, double> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new FormatException($"invalid option '{string.Join(' ', args[i..])}': options take the form '--name value'.");
            }

            if (!double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value <= 0)
            {
                throw new FormatException($"invalid value '{args[i + 1]}' for {args[i]}: expected a positive number.");
            }

            options[args[i][2..]] = value;
        }

        return options;
    }

    private static double Take(Dictionary<string, double> options, string name, double fallback) =>
        options.Remove(name, out double value) ? value : fallback;

    private static void RejectUnknown(Dictionary<string, double> options)
    {
        if (options.Count > 0)
        {
            throw new FormatException($"unknown option --{options.Keys.First()}.");
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"models: {message}");
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
