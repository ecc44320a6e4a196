using System.Globalization;
using Microsoft.Extensions.Logging;
using RealVision.Abstractions.Errors;
using RealVision.Abstractions.Model;
using RealVision.Engine.Regions;
using RealVision.Engine.Settings;
using RealVision.Engine.Slicing;
using RealVision.Geometry;

namespace RealVision.Engine.Pipeline;

/// <summary>Slices the printed models into layer outlines and builds each layer's regions, layers in parallel.</summary>
internal sealed class LayerStack
{
    private readonly ResolvedSettings settings;
    private readonly ILogger logger;

    public LayerStack(ResolvedSettings settings, ILogger logger)
    {
        this.settings = settings;
        this.logger = logger;
    }

    public LayerHeights Heights { get; private set; } = null!;

    /// <summary>Suggests the scale a model written in metres or inches needs, when that scale fits the bed.</summary>
    internal static string ScaleHint(List<ModelDefinition> models, ResolvedSettings settings)
    {
        Box3D box = Box3D.Empty;
        foreach (ModelDefinition model in models)
        {
            box = box.Include(model.Mesh.Bounds());
        }

        Point3D size = box.Size;
        foreach ((double factor, string unit) in new[] { (1000.0, "metres"), (25.4, "inches") })
        {
            if (size.X * factor <= settings.Number("machine_width") && size.Y * factor <= settings.Number("machine_depth")
                && size.Z * factor <= settings.Number("machine_height") && size.Z * factor >= settings.Number("first_layer_height"))
            {
                string scaled = string.Create(CultureInfo.InvariantCulture, $"{size.X * factor:0.#} x {size.Y * factor:0.#} x {size.Z * factor:0.#} mm");
                return $"If the file is in {unit}, scale it by {factor.ToString(CultureInfo.InvariantCulture)} (giving {scaled}).";
            }
        }

        return "Check the model's units and size.";
    }

    /// <param name="modifiers">Modifier models with their effects, in ascending slicing priority.</param>
    public List<LayerRegions> Build(
        List<ModelDefinition> printed, IReadOnlyList<(ModelDefinition Model, AppliedModifier Modifier)> modifiers,
        string inputName, List<string> warnings, ProgressReporter reporter, CancellationToken ct)
    {
        double topMm = printed.Max(m => m.Mesh.Bounds().Max.Z);
        Heights = new LayerHeights(
            settings.Micrometres("first_layer_height"), settings.Micrometres("layer_height"), (long)Math.Round(topMm * 1000));
        if (Heights.Count == 0)
        {
            throw InputException.Invalid(
                $"{inputName}: the model is {topMm.ToString("0.####", CultureInfo.InvariantCulture)} mm tall, less than half the first layer "
                + $"({settings.Number("first_layer_height").ToString(CultureInfo.InvariantCulture)} mm), so no layer cuts it. {ScaleHint(printed, settings)}");
        }

        reporter.Report(0.05, "slicing");
        var slicers = printed.Select(m => new MeshSlicer(m.Mesh, Heights)).ToList();
        var modifierSlicers = modifiers.Select(m => new MeshSlicer(m.Model.Mesh, Heights)).ToList();
        long lineWidth = settings.Micrometres("line_width");
        var builder = new RegionBuilder(
            lineWidth, settings.Integer("wall_count"), settings.Integer("top_layers"), settings.Integer("bottom_layers"));
        var layers = new LayerRegions[Heights.Count];
        int done = 0, stitchedLayers = 0;
        double widestGap = 0;
        var gapLock = new object();
        Parallel.For(0, Heights.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var contours = new Paths64();
            var open = new Paths64();
            foreach (MeshSlicer slicer in slicers)
            {
                LayerContours layer = slicer.SliceLayer(i);
                contours.AddRange(layer.Closed);
                open.AddRange(layer.Open);
            }

            if (open.Count > 0)
            {
                (Paths64 closed, _, double widest) = ContourStitcher.Stitch(open);
                contours.AddRange(closed);
                Interlocked.Increment(ref stitchedLayers);
                lock (gapLock)
                {
                    widestGap = Math.Max(widestGap, widest);
                }
            }

            Paths64 outline = contours.Count == 0 ? new Paths64() : Clipper.Union(Clipper.Clean(contours, 5), FillRule.NonZero);
            layers[i] = new LayerRegions(i, outline);
            foreach (MeshSlicer modifierSlicer in modifierSlicers)
            {
                layers[i].ModifierOutlines.Add(SliceModifier(modifierSlicer, i));
            }

            builder.BuildWalls(layers[i]);
            reporter.Report(0.05 + 0.35 * Interlocked.Increment(ref done) / Heights.Count, "slicing");
        });

        if (stitchedLayers > 0)
        {
            string message = string.Create(CultureInfo.InvariantCulture,
                $"{inputName}: the mesh has holes; open contours on {Messages.Count(stitchedLayers, "layer")} were closed with straight joins across gaps of up to {widestGap / 1000.0:0.###} mm.");
            warnings.Add(message);
            logger.LogWarning("{Message}", message);
        }

        done = 0;
        var applied = modifiers.Select(m => m.Modifier).ToList();
        var touched = new bool[applied.Count];
        Parallel.For(0, layers.Length, new ParallelOptions { CancellationToken = ct }, i =>
        {
            builder.BuildSkinAndInfill(layers, i);
            if (applied.Count > 0)
            {
                bool[] touchedHere = ModifierOverlay.Apply(layers[i], applied, Heights.SlicePlane(i));
                for (int m = 0; m < touchedHere.Length; m++)
                {
                    if (touchedHere[m])
                    {
                        touched[m] = true;
                    }
                }
            }

            reporter.Report(0.4 + 0.2 * Interlocked.Increment(ref done) / layers.Length, "building regions");
        });

        for (int m = 0; m < applied.Count; m++)
        {
            if (!touched[m])
            {
                string message = $"Modifier '{applied[m].Name}' (SlicingPriority {applied[m].Priority}) does not overlap any object, so it changes nothing.";
                warnings.Add(message);
                logger.LogWarning("{Message}", message);
            }
        }

        return layers.ToList();
    }

    private static Paths64 SliceModifier(MeshSlicer slicer, int layer)
    {
        LayerContours contours = slicer.SliceLayer(layer);
        var loops = new Paths64(contours.Closed);
        if (contours.Open.Count > 0)
        {
            loops.AddRange(ContourStitcher.Stitch(contours.Open).Closed);
        }

        return loops.Count == 0 ? loops : Clipper.Union(loops, FillRule.NonZero);
    }
}
