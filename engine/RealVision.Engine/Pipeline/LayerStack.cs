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

    public List<LayerRegions> Build(
        List<ModelDefinition> printed, string inputName, List<string> warnings, ProgressReporter reporter, CancellationToken ct)
    {
        double topMm = printed.Max(m => m.Mesh.Bounds().Max.Z);
        Heights = new LayerHeights(
            settings.Micrometres("first_layer_height"), settings.Micrometres("layer_height"), (long)Math.Round(topMm * 1000));
        if (Heights.Count == 0)
        {
            throw InputException.Invalid(
                $"{inputName}: the model is {topMm.ToString("0.####", CultureInfo.InvariantCulture)} mm tall, less than half the first layer "
                + $"({settings.Number("first_layer_height").ToString(CultureInfo.InvariantCulture)} mm), so no layer cuts it. "
                + "Check the model's units or lower first_layer_height.");
        }

        reporter.Report(0.05, "slicing");
        var slicers = printed.Select(m => new MeshSlicer(m.Mesh, Heights)).ToList();
        long lineWidth = settings.Micrometres("line_width");
        var builder = new RegionBuilder(
            lineWidth, settings.Integer("wall_count"), settings.Integer("top_layers"), settings.Integer("bottom_layers"));
        var layers = new LayerRegions[Heights.Count];
        int done = 0, droppedChains = 0, stitchedLayers = 0;
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
                (Paths64 closed, int dropped) = ContourStitcher.Stitch(open, lineWidth);
                contours.AddRange(closed);
                Interlocked.Add(ref droppedChains, dropped);
                Interlocked.Increment(ref stitchedLayers);
            }

            Paths64 outline = contours.Count == 0 ? new Paths64() : Clipper.Union(Clipper.Clean(contours, 5), FillRule.NonZero);
            layers[i] = new LayerRegions(i, outline);
            builder.BuildWalls(layers[i]);
            reporter.Report(0.05 + 0.35 * Interlocked.Increment(ref done) / Heights.Count, "slicing");
        });

        if (stitchedLayers > 0)
        {
            string message = $"{inputName}: the mesh has holes; open contours on {stitchedLayers} layers were closed across gaps up to one line width"
                + (droppedChains > 0 ? $", and {droppedChains} open chains that could not be closed were left out." : ".");
            warnings.Add(message);
            logger.LogWarning("{Message}", message);
        }

        done = 0;
        Parallel.For(0, layers.Length, new ParallelOptions { CancellationToken = ct }, i =>
        {
            builder.BuildSkinAndInfill(layers, i);
            reporter.Report(0.4 + 0.2 * Interlocked.Increment(ref done) / layers.Length, "building regions");
        });

        return layers.ToList();
    }
}
