using BenchmarkDotNet.Attributes;
using RealVision.Abstractions.Model;
using RealVision.Engine.Paths;
using RealVision.Engine.Regions;
using RealVision.Engine.Slicing;
using RealVision.Geometry;

namespace RealVision.Benchmarks;

/// <summary>
/// One pipeline stage per benchmark on the 262,144-triangle sphere (400
/// layers), single-threaded. The setup runs the earlier stages once, so each
/// benchmark times only its own stage. "4a" is an experiment, not a stage:
/// the wall offsets without the thin-wall search that "4" includes.
/// </summary>
public class StageBenchmarks
{
    private SphereStages stages = null!;
    private MeshSlicer slicer = null!;
    private LayerContours[] contours = null!;
    private Paths64[] outlines = null!;
    private LayerRegions[] regions = null!;
    private PlannedLayer[] planned = null!;

    [GlobalSetup]
    public void Setup()
    {
        stages = new SphereStages();
        slicer = stages.CreateSlicer();
        contours = stages.ChainContours(slicer);
        outlines = stages.UnionOutlines(contours);
        regions = stages.BuildWalls(outlines);
        stages.BuildSkinAndInfill(regions);
        planned = stages.PlanLayers(regions);
    }

    [Benchmark(Description = "0 read STL (plugin)")]
    public Workspace ReadStl() => stages.ReadStl();

    [Benchmark(Description = "1 bucket triangles by layer")]
    public MeshSlicer BucketTriangles() => stages.CreateSlicer();

    [Benchmark(Description = "2 cut and chain contours")]
    public LayerContours[] ChainContours() => stages.ChainContours(slicer);

    [Benchmark(Description = "3 union outlines")]
    public Paths64[] UnionOutlines() => stages.UnionOutlines(contours);

    [Benchmark(Description = "4 walls")]
    public LayerRegions[] BuildWalls() => stages.BuildWalls(outlines);

    [Benchmark(Description = "4a wall offsets only")]
    public Paths64[][] OffsetWallsOnly() => stages.OffsetWallsOnly(outlines);

    [Benchmark(Description = "5 skin and infill areas")]
    public LayerRegions[] BuildSkinAndInfill()
    {
        stages.BuildSkinAndInfill(regions);
        return regions;
    }

    [Benchmark(Description = "6 plan toolpaths")]
    public PlannedLayer[] PlanLayers() => stages.PlanLayers(regions);

    [Benchmark(Description = "7 write G-code")]
    public void WriteGcode() => stages.WriteGcode(planned, Stream.Null);
}
