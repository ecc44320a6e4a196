using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RealVision.Abstractions.Errors;
using RealVision.Abstractions.Model;
using RealVision.Abstractions.Plugins;
using RealVision.Abstractions.Toolpaths;
using RealVision.Engine.Dialects;
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
    private readonly IReadOnlyList<string> templateFolders;

    public SlicingEngine(PluginCatalog plugins, PrinterCatalog printers, EngineOptions? options = null, ILogger<SlicingEngine>? logger = null)
    {
        Plugins = plugins;
        Printers = printers;
        this.logger = logger ?? NullLogger<SlicingEngine>.Instance;
        options ??= new EngineOptions();

        // User template folders first, then every plugin folder in load order,
        // so a flavour folder dropped into a plugin folder is found.
        templateFolders = options.TemplateFolders.Select(Path.GetFullPath)
            .Concat(PluginHost.ResolveFolders(options.PluginFolders, options.IncludeDefaultPluginFolder))
            .Distinct()
            .ToList();
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
            : Printers.Find(request.PrinterName ?? PrinterCatalog.DefaultPrinter, request.PresetName);
        ResolvedSettings settings = SettingsResolver.Resolve(
            ($"printer '{printer.Name}'", printer.Settings),
            (request.SettingsSource, request.Settings));
        IPrinterDialect dialect = FindDialect(settings);
        IInfillPattern pattern = FindPattern(settings);

        if (workspace.Models.All(m => m.IsModifier))
        {
            throw InputException.Invalid(
                $"{inputName}: the workspace holds only modifier models (SlicingPriority > 0); add at least one object with SlicingPriority 0.");
        }

        var negative = workspace.Models.FirstOrDefault(m => m.SlicingPriority < 0);
        if (negative is not null)
        {
            throw InputException.Invalid(
                $"Model '{negative.Name}' has SlicingPriority {negative.SlicingPriority}; use 0 for an object to print or a positive number for a modifier.");
        }

        (List<ModelDefinition> models, double[] volumes) = RepairMeshes(workspace.Models, warnings);
        List<ModelDefinition> placed = Placement.Place(workspace, models, settings);
        if (workspace.HasAbsolutePlacement)
        {
            placed = Placement.SettleOnBed(placed, inputName, warnings);
        }

        List<ModelDefinition> printed = placed.Where(m => !m.IsModifier).ToList();
        Placement.CheckBuildVolume(printed, settings);
        RejectModelsWithoutVolume(placed, volumes);
        WarnIfTiny(printed, inputName, settings, warnings);
        ct.ThrowIfCancellationRequested();

        var modifiers = new ModifierResolver(Plugins, logger).Resolve(placed, request, settings, warnings);
        try
        {
            ct.ThrowIfCancellationRequested();

            var stack = new LayerStack(settings, logger);
            List<LayerRegions> regions = stack.Build(printed, modifiers, inputName, warnings, reporter, ct);
            List<PlannedLayer> planned = PlanLayers(regions, settings, pattern, stack.Heights, warnings, reporter, ct);
            DropEmptyTopLayers(planned, regions, printed, stack.Heights, inputName, warnings);
            PrintStatistics statistics = Statistics.Summarize(planned, settings, warnings);

            reporter.Report(0.85, "writing");
            var job = new PrintJob
            {
                Settings = settings.Values,
                PrinterName = printer.Name,
                InputName = inputName,
                EngineVersion = Version,
                Statistics = statistics,
                TemplateDirectories = templateFolders,
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
        finally
        {
            // Effects may hold native resources, such as an OpenCL device buffer.
            foreach (var (_, applied) in modifiers)
            {
                (applied.Effect as IDisposable)?.Dispose();
            }
        }
    }

    /// <summary>
    /// Repairs every printed model's mesh (see <see cref="MeshRepair"/>) and adds
    /// a warning per repaired model. Returns the models, in order, with the
    /// volume of each repaired mesh (0 for modifiers).
    /// </summary>
    private (List<ModelDefinition> Models, double[] VolumesMm3) RepairMeshes(List<ModelDefinition> models, List<string> warnings)
    {
        var repaired = new List<ModelDefinition>(models.Count);
        var volumes = new double[models.Count];
        for (int i = 0; i < models.Count; i++)
        {
            ModelDefinition model = models[i];
            if (model.IsModifier)
            {
                repaired.Add(model);
                continue;
            }

            (Mesh mesh, MeshReport report) = MeshRepair.Repair(model.Mesh);
            volumes[i] = report.VolumeMm3;
            foreach (string line in report.Describe(model.Name))
            {
                warnings.Add(line);
                logger.LogWarning("{Message}", line);
            }

            repaired.Add(Placement.WithMesh(model, mesh));
        }

        return (repaired, volumes);
    }

    /// <summary>Rejects a printed model that encloses no volume; runs after the build-volume check, which explains huge models better.</summary>
    private static void RejectModelsWithoutVolume(List<ModelDefinition> models, double[] volumesMm3)
    {
        for (int i = 0; i < models.Count; i++)
        {
            ModelDefinition model = models[i];
            if (!model.IsModifier && (model.Mesh.TriangleCount == 0 || EnclosesNoVolume(model.Mesh, volumesMm3[i])))
            {
                throw InputException.Invalid(string.Create(CultureInfo.InvariantCulture,
                    $"Model '{model.Name}' encloses no volume ({volumesMm3[i]:0.######} mm³ from {model.Mesh.TriangleCount} triangles): it is a flat sheet, a single surface or a box of zero height. Export it as a closed solid."));
            }
        }
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
                $"{inputName}: cannot tell the input format without a file extension; rename the file to end in one of {KnownFormats()}.");
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
        if (FcodePolicy.IsFcode(name) && Plugins.FindDialect(name) is null)
        {
            throw FcodePolicy.Rejection();
        }

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
    /// narrower than a thin wall) and reports them in a warning. A stack with nothing to print is an error.
    /// </summary>
    private void DropEmptyTopLayers(
        List<PlannedLayer> planned, List<LayerRegions> regions, List<ModelDefinition> printed, LayerHeights heights,
        string inputName, List<string> warnings)
    {
        int removed = 0;
        while (planned.Count > 0 && !PrintsModel(planned[^1]))
        {
            planned.RemoveAt(planned.Count - 1);
            removed++;
        }

        if (planned.Count == 0)
        {
            throw InputException.Invalid(
                $"{inputName}: nothing to print: every cross-section of the model is narrower than half a line width "
                + $"({Messages.Count(regions.Sum(r => r.DroppedParts.Count), "part")} dropped, in {DroppedByModel(regions, printed, heights)}). Thicken the model or lower line_width; if its units are wrong, scale it.");
        }

        int dropped = regions.Sum(r => r.DroppedParts.Count);
        if (removed > 0 || dropped > 0)
        {
            var parts = new List<string>();
            if (dropped > 0)
            {
                parts.Add($"{Messages.Count(dropped, "part")} narrower than half a line width {(dropped == 1 ? "was" : "were")} not printed ({DroppedByModel(regions, printed, heights)})");
            }

            if (removed > 0)
            {
                parts.Add(removed == 1
                    ? "the top layer cut only slivers narrower than half a line width and was left out"
                    : $"the top {removed} layers cut only slivers narrower than half a line width and were left out");
            }

            string message = $"{inputName}: {string.Join("; ", parts)}.";
            warnings.Add(message);
            logger.LogWarning("{Message}", message);
        }
    }

    /// <summary>
    /// Names the models the dropped parts belong to, with counts, such as
    /// "pin.stl: 3, ear.stl: 1". A part belongs to the first model whose
    /// bounding box contains it at its layer's height.
    /// </summary>
    private static string DroppedByModel(List<LayerRegions> regions, List<ModelDefinition> printed, LayerHeights heights)
    {
        var boxes = printed.Select(m => (m.Name, Box: m.Mesh.Bounds())).ToList();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (LayerRegions layer in regions)
        {
            double z = heights.SlicePlane(layer.Index) / 1000.0;
            foreach (Point64 point in layer.DroppedParts)
            {
                double x = point.X / 1000.0, y = point.Y / 1000.0;
                // Contour points are rounded to micrometres, so they may lie just outside the box.
                const double Tolerance = 0.01;
                string name = boxes.Count == 1
                    ? boxes[0].Name
                    : boxes.FirstOrDefault(b =>
                        x >= b.Box.Min.X - Tolerance && x <= b.Box.Max.X + Tolerance
                        && y >= b.Box.Min.Y - Tolerance && y <= b.Box.Max.Y + Tolerance
                        && z >= b.Box.Min.Z && z <= b.Box.Max.Z).Name ?? "an unknown model";
                counts[name] = counts.GetValueOrDefault(name) + 1;
            }
        }

        return string.Join(", ", counts.Select(c => $"{c.Key}: {c.Value}"));
    }

    /// <summary>A model under 2 mm in every direction was probably exported in inches or metres, so warn with the likely scale and slice it anyway.</summary>
    private void WarnIfTiny(List<ModelDefinition> printed, string inputName, ResolvedSettings settings, List<string> warnings)
    {
        Box3D box = Box3D.Empty;
        foreach (ModelDefinition model in printed)
        {
            box = box.Include(model.Mesh.Bounds());
        }

        Point3D size = box.Size;
        if (Math.Max(size.X, Math.Max(size.Y, size.Z)) < 2)
        {
            string message = string.Create(CultureInfo.InvariantCulture,
                $"{inputName}: the model is only {size.X:0.###} x {size.Y:0.###} x {size.Z:0.###} mm. {LayerStack.ScaleHint(printed, settings)}");
            warnings.Add(message);
            logger.LogWarning("{Message}", message);
        }
    }

    private static bool PrintsModel(PlannedLayer layer) =>
        layer.Toolpath.Items.Any(item => item is ExtrusionPath path && path.Feature != Feature.Skirt);

    private List<PlannedLayer> PlanLayers(
        List<LayerRegions> regions, ResolvedSettings settings, IInfillPattern pattern, LayerHeights heights,
        List<string> warnings, ProgressReporter reporter, CancellationToken ct)
    {
        var planner = new LayerPlanner(settings, pattern, heights, name => Plugins.FindInfillPattern(name)!);
        (Paths64 skirt, int offBed) = Skirt.Build(regions[0].Outline, settings);
        if (offBed > 0)
        {
            string message = $"{Messages.Count(offBed, "skirt loop")} of {settings.Integer("skirt_loops")} would run off the bed and {(offBed == 1 ? "was" : "were")} left out; lower skirt_distance or skirt_loops, or move the model inward.";
            warnings.Add(message);
            logger.LogWarning("{Message}", message);
        }

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
