using Microsoft.Extensions.Logging.Abstractions;
using RealVision.Abstractions.Model;
using RealVision.Abstractions.Plugins;
using RealVision.Abstractions.Toolpaths;
using RealVision.Benchmarks.Models;
using RealVision.Engine.Paths;
using RealVision.Engine.Plugins;
using RealVision.Engine.Regions;
using RealVision.Engine.Settings;
using RealVision.Engine.Slicing;
using RealVision.Geometry;

namespace RealVision.Benchmarks;

/// <summary>
/// The default 262,144-triangle sphere taken through the pipeline's stages
/// with the default settings, one stage a call, so that each benchmark can
/// start from the previous stage's output. Layers run one after another on
/// the calling thread; the engine runs them in parallel.
/// </summary>
/// <remarks>
/// NOTE: SlicingEngine's own glue (LayerStack, Placement, Skirt, Statistics) is
/// internal, so the two steps it adds are repeated here: the outline is
/// <c>Clipper.Union(Clipper.Clean(contours, 5), NonZero)</c> as in LayerStack,
/// and the print statistics handed to the G-code writer are reduced to the
/// layer count. Keep them in step with LayerStack when it changes.
/// </remarks>
public sealed class SphereStages
{
    private const double BedCentreMm = 110;

    public SphereStages()
    {
        Mesh sphere = UvSphere.Create(
            UvSphere.DefaultSegments, UvSphere.DefaultRings, UvSphere.DefaultRadiusMm,
            new Point3D(BedCentreMm, BedCentreMm, UvSphere.DefaultRadiusMm));
        using (var stl = new MemoryStream())
        {
            BinaryStl.Write(stl, "UV sphere", [sphere]);
            StlBytes = stl.ToArray();
        }

        Plugins = PluginHost.Load(PluginHost.ResolveFolders(null), NullLogger.Instance);
        StlFormat = Plugins.FindInputFormat("stl") ?? throw MissingPlugin("input format", "stl");

        // The later stages start from the mesh as the STL plugin reads it
        // (float coordinates, welded vertices), as they do in the engine.
        Mesh = ReadStl().Models.Single().Mesh;
        Settings = SettingsResolver.Resolve(("benchmark defaults", null));
        Heights = new LayerHeights(
            Settings.Micrometres("first_layer_height"),
            Settings.Micrometres("layer_height"),
            (long)Math.Round(Mesh.Bounds().Max.Z * 1000));
        LineWidth = Settings.Micrometres("line_width");
        Regions = new RegionBuilder(
            LineWidth, Settings.Integer("wall_count"), Settings.Integer("top_layers"), Settings.Integer("bottom_layers"));
        Pattern = Plugins.FindInfillPattern(Settings.Text("infill_pattern"))
            ?? throw MissingPlugin("infill", Settings.Text("infill_pattern"));
        Dialect = Plugins.FindDialect(Settings.Text("output_format"))
            ?? throw MissingPlugin("dialect", Settings.Text("output_format"));
    }

    /// <summary>The sphere as a binary STL file's bytes.</summary>
    public byte[] StlBytes { get; }

    public IInputFormat StlFormat { get; }

    public Mesh Mesh { get; }

    public ResolvedSettings Settings { get; }

    public LayerHeights Heights { get; }

    public long LineWidth { get; }

    public RegionBuilder Regions { get; }

    public PluginCatalog Plugins { get; }

    public IInfillPattern Pattern { get; }

    public IPrinterDialect Dialect { get; }

    /// <summary>Reads <see cref="StlBytes"/> with the STL plugin (parsing and vertex welding).</summary>
    public Workspace ReadStl() =>
        StlFormat.Read(new MemoryStream(StlBytes, writable: false), new InputContext { FileName = "uv-sphere.stl" });

    /// <summary>Bucketing: which triangles cross which layer planes (the MeshSlicer constructor).</summary>
    public MeshSlicer CreateSlicer() => new(Mesh, Heights);

    /// <summary>Cuts every layer and chains the segments into contours.</summary>
    public LayerContours[] ChainContours(MeshSlicer slicer)
    {
        var layers = new LayerContours[Heights.Count];
        for (int i = 0; i < layers.Length; i++)
        {
            layers[i] = slicer.SliceLayer(i);
        }

        return layers;
    }

    /// <summary>Cleans and unions each layer's closed contours into its outline, as LayerStack does.</summary>
    public Paths64[] UnionOutlines(LayerContours[] contours)
    {
        var outlines = new Paths64[contours.Length];
        for (int i = 0; i < contours.Length; i++)
        {
            if (contours[i].Open.Count > 0)
            {
                throw new InvalidOperationException($"Layer {i} of the generated sphere has open contours; the generator is broken.");
            }

            Paths64 closed = contours[i].Closed;
            outlines[i] = closed.Count == 0 ? new Paths64() : Clipper.Union(Clipper.Clean(closed, 5), FillRule.NonZero);
        }

        return outlines;
    }

    /// <summary>Offsets walls and thin walls on every layer; returns fresh regions each call.</summary>
    public LayerRegions[] BuildWalls(Paths64[] outlines)
    {
        var layers = new LayerRegions[outlines.Length];
        for (int i = 0; i < layers.Length; i++)
        {
            layers[i] = new LayerRegions(i, outlines[i]);
            Regions.BuildWalls(layers[i]);
        }

        return layers;
    }

    /// <summary>
    /// Only the one native offset call of <see cref="RegionBuilder.BuildWalls"/>, with
    /// the same deltas; the difference to <see cref="BuildWalls"/> is the thin-wall search.
    /// </summary>
    public Paths64[][] OffsetWallsOnly(Paths64[] outlines)
    {
        int wallCount = Settings.Integer("wall_count");
        var deltas = new double[wallCount + 1];
        for (int k = 0; k < wallCount; k++)
        {
            deltas[k] = -(k + 0.5) * LineWidth;
        }

        deltas[wallCount] = -wallCount * (double)LineWidth;
        var offsets = new Paths64[outlines.Length][];
        for (int i = 0; i < outlines.Length; i++)
        {
            offsets[i] = outlines[i].Count == 0 ? [] : Clipper.OffsetMany(outlines[i], deltas, JoinType.Miter, miterLimit: 1.2);
        }

        return offsets;
    }

    /// <summary>Splits every layer's inner area into skin and sparse infill; overwrites the layers' previous split.</summary>
    public void BuildSkinAndInfill(LayerRegions[] layers)
    {
        for (int i = 0; i < layers.Length; i++)
        {
            Regions.BuildSkinAndInfill(layers, i);
        }
    }

    /// <summary>Plans every layer's toolpath (no skirt).</summary>
    public PlannedLayer[] PlanLayers(LayerRegions[] layers)
    {
        var planner = new LayerPlanner(Settings, Pattern, Heights);
        var planned = new PlannedLayer[layers.Length];
        for (int i = 0; i < layers.Length; i++)
        {
            planned[i] = planner.Plan(layers[i], null);
        }

        return planned;
    }

    /// <summary>Writes the planned layers with the G-code dialect plugin.</summary>
    public void WriteGcode(PlannedLayer[] planned, Stream output)
    {
        var statistics = new PrintStatistics { LayerCount = planned.Length };
        var job = new PrintJob
        {
            Settings = Settings.Values,
            PrinterName = "benchmark",
            InputName = "uv-sphere.stl",
            EngineVersion = "benchmark",
            Statistics = statistics,
        };
        using IToolpathWriter writer = Dialect.CreateWriter(output, job);
        foreach (PlannedLayer layer in planned)
        {
            writer.WriteLayer(layer.Toolpath);
        }

        writer.Finish(statistics);
    }

    private static InvalidOperationException MissingPlugin(string kind, string name) =>
        new($"No {kind} plugin '{name}' in {PluginHost.DefaultFolder}; build this project, whose PluginHost.targets import copies the built-in plugins there.");
}
