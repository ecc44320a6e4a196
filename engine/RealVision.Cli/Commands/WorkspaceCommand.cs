using System.CommandLine;
using System.Globalization;
using RealVision.Abstractions.Errors;
using RealVision.Abstractions.Model;
using RealVision.Abstractions.Plugins;
using RealVision.Engine.Pipeline;
using RealVision.Engine.Printers;
using RealVision.Engine.Settings;
using RealVision.Workspaces;

namespace RealVision.Cli.Commands;

/// <summary>
/// `realvision workspace OBJECT.stl ... -o OUT.rvwj`: bakes STL models into a
/// workspace placed on a printer's bed, with an optional fill-density or
/// point-cloud modifier.
/// </summary>
internal static class WorkspaceCommand
{
    public static Command Create()
    {
        var objects = new Argument<FileInfo[]>("objects")
        {
            Description = "STL files of the objects to print; they keep their positions relative to each other.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<FileInfo?>("--output", "-o")
        {
            Description = "Workspace file to write; defaults to the first object's name with .rvwj in the current folder.",
        };
        var modifier = new Option<FileInfo?>("--modifier")
        {
            Description = "STL of a modifier mesh (in the objects' coordinates); without it, --density or --pointcloud applies to a box around the objects.",
        };
        var density = new Option<double?>("--density") { Description = "Infill density inside the modifier, 0 (none) to 1 (solid)." };
        var pointCloud = new Option<FileInfo?>("--pointcloud")
        {
            Description = "Point-cloud (.pc) file of shore values for the modifier; the workspace refers to it by file name.",
        };
        var priority = new Option<int>("--priority")
        {
            Description = "SlicingPriority of the modifier (1 or more; higher wins where modifiers overlap).",
            DefaultValueFactory = _ => 1,
        };
        var printer = new Option<string?>("--printer") { Description = "Printer whose bed the models are placed on (see `realvision printers`); default Generic Marlin." };
        var at = new Option<string?>("--at") { Description = "Bed position X,Y (mm) for the centre of the objects' bounding box; default the bed centre." };
        var plugins = CommonOptions.Plugins();
        var printers = CommonOptions.Printers();

        var command = new Command("workspace", "Write a workspace (.rvwj) from STL files, placed on the bed, with an optional modifier.")
        {
            objects, output, modifier, density, pointCloud, priority, printer, at, plugins, printers,
        };
        command.SetAction(parseResult => Run(new Options(
            parseResult.GetValue(objects)!,
            parseResult.GetValue(output),
            parseResult.GetValue(modifier),
            parseResult.GetValue(density),
            parseResult.GetValue(pointCloud),
            parseResult.GetValue(priority),
            parseResult.GetValue(printer),
            parseResult.GetValue(at),
            parseResult.GetValue(plugins),
            parseResult.GetValue(printers))));
        return command;
    }

    private sealed record Options(
        FileInfo[] Objects, FileInfo? Output, FileInfo? Modifier, double? Density, FileInfo? PointCloud, int Priority,
        string? Printer, string? At, string[]? Plugins, string[]? Printers);

    private static int Run(Options options)
    {
        string? usage = CheckUsage(options, out (double X, double Y)? at);
        if (usage is not null)
        {
            Console.Error.WriteLine($"realvision workspace: {usage}");
            return ExitCodes.Usage;
        }

        FileInfo? missing = options.Objects.Append(options.Modifier).Append(options.PointCloud).OfType<FileInfo>().FirstOrDefault(f => !f.Exists);
        if (missing is not null)
        {
            Console.Error.WriteLine($"error {ErrorCodes.MissingFile}: {missing.FullName}: file not found.");
            Console.Error.WriteLine("No output written.");
            return ExitCodes.InvalidInput;
        }

        string destination = options.Output?.FullName
            ?? Path.Combine(Environment.CurrentDirectory, Path.GetFileNameWithoutExtension(options.Objects[0].Name) + ".rvwj");
        if (!Directory.Exists(Path.GetDirectoryName(destination)))
        {
            Console.Error.WriteLine($"realvision workspace: output folder {Path.GetDirectoryName(destination)} does not exist.");
            return ExitCodes.Usage;
        }

        try
        {
            SlicingEngine engine = CommonOptions.CreateEngine(options.Plugins, options.Printers, verbose: false);
            CommonOptions.ReportLoadProblems(engine);
            BedLayout bed = Bed(engine, options.Printer, at);
            ModelRole? role = ModifierRole(options);

            var sources = options.Objects.Select(file => new ModelSource(file.Name, ReadStl(engine, file), ModelRole.Object)).ToList();
            if (options.Modifier is not null)
            {
                sources.Add(new ModelSource(options.Modifier.Name, ReadStl(engine, options.Modifier), role!));
            }

            IReadOnlyList<GeneratedModel> models = WorkspaceGenerator.Generate(sources, bed, options.Modifier is null ? role : null);
            WorkspaceWriter.WriteFile(destination, models);
            PrintSummary(destination, models, options.PointCloud);
            return ExitCodes.Success;
        }
        catch (RealVisionException ex)
        {
            Console.Error.WriteLine($"error {ex.ErrorCode}: {ex.Message}");
            Console.Error.WriteLine("No output written.");
            return ExitCodes.InvalidInput;
        }
        catch (WorkspaceGenerationException ex)
        {
            Console.Error.WriteLine($"error {ErrorCodes.InvalidInput}: {ex.Message}");
            Console.Error.WriteLine("No output written.");
            return ExitCodes.InvalidInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"realvision workspace: cannot write {destination}: {ex.Message}");
            return ExitCodes.SlicingFailed;
        }
    }

    /// <summary>Returns a usage problem, or null when the options fit together.</summary>
    private static string? CheckUsage(Options options, out (double X, double Y)? at)
    {
        at = null;
        if (options.At is not null)
        {
            string[] parts = options.At.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double x)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double y)
                || !double.IsFinite(x) || !double.IsFinite(y))
            {
                return $"--at '{options.At}' must be two numbers X,Y in mm, such as 110,110.";
            }

            at = (x, y);
        }

        bool hasEffect = options.Density is not null || options.PointCloud is not null;
        if (options.Density is not null && options.PointCloud is not null)
        {
            return "give the modifier either --density or --pointcloud, not both.";
        }

        if (options.Modifier is not null && !hasEffect)
        {
            return "--modifier needs --density (0 to 1) or --pointcloud FILE.pc to say what it changes.";
        }

        if (options.Priority < 1)
        {
            return $"--priority {options.Priority} must be 1 or more; priority 0 marks printed objects.";
        }

        if (options.Density is double d && !(d >= 0 && d <= 1))
        {
            return $"--density {d.ToString(CultureInfo.InvariantCulture)} must be from 0 (no infill) to 1 (solid).";
        }

        return null;
    }

    private static ModelRole? ModifierRole(Options options)
    {
        if (options.Density is double density)
        {
            return ModelRole.DensityModifier(density, options.Priority);
        }

        return options.PointCloud is null ? null : ModelRole.PointCloudModifier(options.PointCloud.Name, options.Priority);
    }

    private static BedLayout Bed(SlicingEngine engine, string? printerName, (double X, double Y)? at)
    {
        PrinterProfile printer = engine.Printers.Find(printerName ?? PrinterCatalog.DefaultPrinter);
        ResolvedSettings settings = SettingsResolver.Resolve(($"printer '{printer.Name}'", printer.Settings));
        return new BedLayout(settings.Number("machine_width"), settings.Number("machine_depth"), at?.X, at?.Y);
    }

    private static Mesh ReadStl(SlicingEngine engine, FileInfo file)
    {
        IInputFormat stl = engine.Plugins.FindInputFormat(".stl")
            ?? throw new InputException(ErrorCodes.WrongWorkspaceExtension, "No input plugin reads STL files; check that the stl plugin is loaded (`realvision plugins`).");
        using FileStream stream = file.OpenRead();
        var warnings = new List<string>();
        Workspace workspace = stl.Read(stream, new InputContext { FileName = file.Name, BaseDirectory = file.DirectoryName, Warnings = warnings });
        foreach (string warning in warnings)
        {
            Console.Error.WriteLine($"warning: {warning}");
        }

        return workspace.Models.Single().Mesh;
    }

    private static void PrintSummary(string destination, IReadOnlyList<GeneratedModel> models, FileInfo? pointCloud)
    {
        Console.WriteLine($"Wrote {destination}");
        foreach (GeneratedModel model in models)
        {
            Box3DText box = Box3DText.Of(model);
            string role = model.Role switch
            {
                { IsModifier: false } => "object",
                { FillDensityFactor: double d } => string.Create(CultureInfo.InvariantCulture, $"modifier, priority {model.Role.SlicingPriority}, density {d:0.###}"),
                _ => $"modifier, priority {model.Role.SlicingPriority}, point cloud {model.Role.FileReference}",
            };
            Console.WriteLine($"  {model.Name}: {role}; {box}; hull {model.Hull.Vertices.Length} vertices, {model.Hull.TriangleCount} faces");
        }

        if (pointCloud is not null
            && !string.Equals(pointCloud.DirectoryName, Path.GetDirectoryName(destination), StringComparison.Ordinal))
        {
            Console.WriteLine($"  note: {pointCloud.Name} is not beside the workspace; slice with --pointcloud {pointCloud.FullName} or copy it there.");
        }
    }

    /// <summary>A model's extent for the summary, in mm.</summary>
    private readonly record struct Box3DText(double MinX, double MaxX, double MinY, double MaxY, double MinZ, double MaxZ)
    {
        public static Box3DText Of(GeneratedModel model) => new(
            model.Corners.Min(p => p.X), model.Corners.Max(p => p.X),
            model.Corners.Min(p => p.Y), model.Corners.Max(p => p.Y),
            model.Corners.Min(p => p.Z), model.Corners.Max(p => p.Z));

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"X {MinX:0.###}..{MaxX:0.###}, Y {MinY:0.###}..{MaxY:0.###}, Z {MinZ:0.###}..{MaxZ:0.###} mm");
    }
}
