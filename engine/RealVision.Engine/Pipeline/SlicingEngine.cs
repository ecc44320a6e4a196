using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RealVision.Abstractions.Errors;
using RealVision.Abstractions.Model;
using RealVision.Abstractions.Plugins;
using RealVision.Abstractions.Toolpaths;
using RealVision.Engine.Meshes;
using RealVision.Engine.Paths;
using RealVision.Engine.Plugins;
using RealVision.Engine.Printers;
using RealVision.Engine.Regions;
using RealVision.Engine.Settings;
using RealVision.Engine.Slicing;
using RealVision.Geometry;

namespace RealVision.Engine.Pipeline;

/// <summary>
/// The one entry point every front end (CLI, service, C ABI) calls: reads an
/// input with a format plugin, slices it, plans toolpaths and writes them with
/// a dialect plugin. It never writes to the console; it logs through
/// Microsoft.Extensions.Logging. One engine may run several slices at once.
/// </summary>
public sealed class SlicingEngine
{
    private readonly ILogger logger;

    public SlicingEngine(PluginCatalog plugins, PrinterCatalog printers, ILogger<SlicingEngine>? logger = null)
    {
        Plugins = plugins;
        Printers = printers;
        this.logger = logger ?? NullLogger<SlicingEngine>.Instance;
    }

    public static string Version { get; } =
        typeof(SlicingEngine).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public PluginCatalog Plugins { get; }

    public PrinterCatalog Printers { get; }

    public Task<SliceResult> SliceAsync(
        SliceRequest request, Stream output, Action<SliceProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Slice(request, output, progress, cancellationToken), cancellationToken);

    /// <summary>
    /// Slices <paramref name="request"/> and writes the result to <paramref name="output"/>.
    /// Throws <see cref="RealVisionException"/> subclasses for bad input or settings and
    /// <see cref="OperationCanceledException"/> on cancellation; nothing is written to
    /// <paramref name="output"/> before the toolpaths are complete. <paramref name="progress"/>
    /// is called from worker threads, one call at a time.
    /// </summary>
    public SliceResult Slice(
        SliceRequest request, Stream output, Action<SliceProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var reporter = new ProgressReporter(progress, logger);
        string inputName = request.InputName ?? Path.GetFileName(request.InputPath) ?? "input";
        logger.LogInformation("Slice of {Input} started", inputName);
        try
        {
            SliceResult result = Run(request, inputName, output, reporter, cancellationToken);
            logger.LogInformation(
                "Slice of {Input} finished: {Layers} layers, {Filament:F0} mm filament, {Elapsed} ms",
                inputName, result.Statistics.LayerCount, result.Statistics.FilamentLengthMm, stopwatch.ElapsedMilliseconds);
            return result;
        }
        catch (RealVisionException ex)
        {
            logger.LogWarning("Slice of {Input} rejected with {Code}: {Message}", inputName, ex.ErrorCode, ex.Message);
            throw;
        }
        catch (OperationCanceledException)
        {
            logger.LogInformation("Slice of {Input} cancelled after {Elapsed} ms", inputName, stopwatch.ElapsedMilliseconds);
            throw;
        }
        catch (GeometryException ex)
        {
            logger.LogError(ex, "Slice of {Input} failed in a polygon operation", inputName);
            throw new SlicingException($"{inputName}: slicing failed in a polygon operation: {ex.Message}", ex);
        }
    }

    private SliceResult Run(SliceRequest request, string inputName, Stream output, ProgressReporter reporter, CancellationToken ct)
    {
        reporter.Report(0, "reading");
        var warnings = new List<string>();
        Workspace workspace = ReadInput(request, inputName, warnings, ct);

        PrinterProfile printer = request.PrinterConfigPath is not null
            ? WorkstationReader.Read(request.PrinterConfigPath, request.PresetName)
            : Printers.Find(request.PrinterName ?? PrinterCatalog.DefaultPrinter);
        ResolvedSettings settings = SettingsResolver.Resolve(
            ($"printer '{printer.Name}'", printer.Settings),
            ("request", request.Settings));
        IPrinterDialect dialect = FindDialect(settings);
        IInfillPattern pattern = FindPattern(settings);

        if (workspace.Models.All(m => m.IsModifier))
        {
            throw InputException.Invalid(
                $"{inputName}: the workspace holds only modifier models (SlicingPriority > 0); add at least one object with SlicingPriority 0.");
        }

        List<ModelDefinition> models = RepairMeshes(workspace.Models, warnings);
        List<ModelDefinition> placed = Placement.Place(workspace, models, settings);
        if (workspace.HasAbsolutePlacement)
        {
            placed = Placement.SettleOnBed(placed, inputName, warnings);
        }

        List<ModelDefinition> printed = placed.Where(m => !m.IsModifier).ToList();
        Placement.CheckBuildVolume(printed, settings);
        ct.ThrowIfCancellationRequested();

        var modifiers = new ModifierResolver(Plugins, logger).Resolve(placed, request, settings, warnings);
        ct.ThrowIfCancellationRequested();

        var stack = new LayerStack(settings, logger);
        List<LayerRegions> regions = stack.Build(printed, modifiers, inputName, warnings, reporter, ct);
        List<PlannedLayer> planned = PlanLayers(regions, settings, pattern, stack.Heights, reporter, ct);
        DropEmptyTopLayers(planned, regions, inputName, warnings);
        PrintStatistics statistics = Statistics.Summarize(planned, settings, warnings);

        reporter.Report(0.85, "writing");
        var job = new PrintJob
        {
            Settings = settings.Values,
            PrinterName = printer.Name,
            InputName = inputName,
            EngineVersion = Version,
            Statistics = statistics,
        };
        using (IToolpathWriter writer = dialect.CreateWriter(output, job))
        {
            foreach (PlannedLayer layer in planned)
            {
                ct.ThrowIfCancellationRequested();
                writer.WriteLayer(layer.Toolpath);
            }

            writer.Finish(statistics);
        }

        reporter.Report(1, "done");
        return new SliceResult
        {
            Statistics = statistics,
            FileExtension = dialect.FileExtension,
            ContentType = dialect.ContentType,
            PrinterName = printer.Name,
            Dialect = dialect.Name,
        };
    }

    /// <summary>
    /// Repairs every printed model's mesh (see <see cref="MeshRepair"/>), adds a
    /// warning per repaired model, and rejects a model that encloses no volume.
    /// </summary>
    private List<ModelDefinition> RepairMeshes(List<ModelDefinition> models, List<string> warnings)
    {
        var repaired = new List<ModelDefinition>(models.Count);
        foreach (ModelDefinition model in models)
        {
            if (model.IsModifier)
            {
                repaired.Add(model);
                continue;
            }

            (Mesh mesh, MeshReport report) = MeshRepair.Repair(model.Mesh);
            if (mesh.TriangleCount == 0 || EnclosesNoVolume(mesh, report.VolumeMm3))
            {
                throw InputException.Invalid(
                    $"Model '{model.Name}' encloses no volume ({report.VolumeMm3:0.######} mm³ from {mesh.TriangleCount} triangles): "
                    + "it is a flat sheet, a single surface or a box of zero height. Export it as a closed solid.");
            }

            foreach (string line in report.Describe(model.Name))
            {
                warnings.Add(line);
                logger.LogWarning("{Message}", line);
            }

            repaired.Add(Placement.WithMesh(model, mesh));
        }

        return repaired;
    }

    // Zero up to rounding: a volume below a billionth of the cube of the box diagonal.
    private static bool EnclosesNoVolume(Mesh mesh, double volumeMm3)
    {
        Point3D size = mesh.Bounds().Size;
        double diagonal = Math.Sqrt(size.X * size.X + size.Y * size.Y + size.Z * size.Z);
        return volumeMm3 <= 1e-9 * diagonal * diagonal * diagonal;
    }

    private Workspace ReadInput(SliceRequest request, string inputName, List<string> warnings, CancellationToken ct)
    {
        string format = request.Format ?? Path.GetExtension(request.InputPath ?? inputName);
        if (string.IsNullOrEmpty(format))
        {
            throw new InputException(ErrorCodes.WrongWorkspaceExtension,
                $"{inputName}: cannot tell the input format without a file extension; name the format ({KnownFormats()}).");
        }

        IInputFormat reader = Plugins.FindInputFormat(format)
            ?? throw new InputException(ErrorCodes.WrongWorkspaceExtension,
                $"{inputName}: no input plugin reads '{format}' files; supported: {KnownFormats()}.");
        var context = new InputContext
        {
            FileName = inputName,
            BaseDirectory = request.InputPath is null ? null : Path.GetDirectoryName(Path.GetFullPath(request.InputPath)),
            Warnings = warnings,
            CancellationToken = ct,
        };
        if (request.InputStream is not null)
        {
            return reader.Read(request.InputStream, context);
        }

        if (request.InputPath is null)
        {
            throw InputException.Invalid("No input given: set an input file or stream.");
        }

        if (!File.Exists(request.InputPath))
        {
            throw new InputException(ErrorCodes.MissingFile, $"{request.InputPath}: input file not found.");
        }

        using FileStream stream = new(request.InputPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return reader.Read(stream, context);
    }

    private string KnownFormats() =>
        string.Join(", ", Plugins.InputFormats.SelectMany(f => f.Extensions).Distinct());

    private IPrinterDialect FindDialect(ResolvedSettings settings)
    {
        string name = settings.Text("output_format");
        return Plugins.FindDialect(name)
            ?? throw new SettingsException(
                $"Setting 'output_format' is '{name}', but no dialect plugin of that name is loaded; loaded: {string.Join(", ", Plugins.Dialects.Select(d => d.Name))}.");
    }

    private IInfillPattern FindPattern(ResolvedSettings settings)
    {
        string name = settings.Text("infill_pattern");
        return Plugins.FindInfillPattern(name)
            ?? throw new SettingsException(
                $"Setting 'infill_pattern' is '{name}', but no infill plugin of that name is loaded; loaded: {string.Join(", ", Plugins.InfillPatterns.Select(p => p.Name))}.");
    }

    /// <summary>
    /// Removes layers at the top that print nothing (their cross-section is
    /// narrower than a thin wall) and says so; a stack with nothing to print is an error.
    /// </summary>
    private void DropEmptyTopLayers(List<PlannedLayer> planned, List<LayerRegions> regions, string inputName, List<string> warnings)
    {
        int removed = 0;
        while (planned.Count > 0 && planned[^1].Toolpath.Items.Count == 0)
        {
            planned.RemoveAt(planned.Count - 1);
            removed++;
        }

        if (planned.Count == 0)
        {
            throw InputException.Invalid(
                $"{inputName}: no layer has anything to print: every cross-section is narrower than half a line width. Check the model's units (a model in metres or inches needs scaling by 1000 or 25.4).");
        }

        int dropped = regions.Sum(r => r.DroppedParts);
        if (removed > 0 || dropped > 0)
        {
            var parts = new List<string>();
            if (dropped > 0)
            {
                parts.Add($"{dropped} parts narrower than half a line width were not printed");
            }

            if (removed > 0)
            {
                parts.Add($"the top {removed} layers cut only slivers narrower than half a line width and were left out");
            }

            string message = $"{inputName}: {string.Join("; ", parts)}.";
            warnings.Add(message);
            logger.LogWarning("{Message}", message);
        }
    }

    private List<PlannedLayer> PlanLayers(
        List<LayerRegions> regions, ResolvedSettings settings, IInfillPattern pattern, LayerHeights heights,
        ProgressReporter reporter, CancellationToken ct)
    {
        var planner = new LayerPlanner(settings, pattern, heights, name => Plugins.FindInfillPattern(name)!);
        Paths64 skirt = Skirt.Build(regions[0].Outline, settings);
        var planned = new PlannedLayer[regions.Count];
        int done = 0;
        Parallel.For(0, regions.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            planned[i] = planner.Plan(regions[i], i == 0 ? skirt : null);
            reporter.Report(0.6 + 0.25 * Interlocked.Increment(ref done) / regions.Count, "planning paths");
        });
        return planned.ToList();
    }
}
