using BenchmarkDotNet.Attributes;
using RealVision.Benchmarks.Models;
using RealVision.Engine;
using RealVision.Engine.Pipeline;
using RealVision.Geometry;

namespace RealVision.Benchmarks;

/// <summary>
/// Whole <see cref="SlicingEngine.Slice"/> calls with the default settings,
/// from the input file to G-code written to <see cref="Stream.Null"/>, layers in parallel as in production.
/// </summary>
public class EngineBenchmarks
{
    private SlicingEngine engine = null!;
    private string inputPath = null!;
    private string? temporaryFolder;

    /// <summary>calicat: tests/data/calicat.stl (876 triangles); sphere: the generated 262,144-triangle sphere.</summary>
    [Params("calicat", "sphere")]
    public string Model { get; set; } = "calicat";

    [GlobalSetup]
    public void Setup()
    {
        engine = ServiceCollectionExtensions.CreateEngine();
        if (Model == "calicat")
        {
            inputPath = Path.Combine(AppContext.BaseDirectory, "data", "calicat.stl");
            return;
        }

        temporaryFolder = Directory.CreateTempSubdirectory("realvision-bench-").FullName;
        inputPath = Path.Combine(temporaryFolder, "uv-sphere.stl");
        var sphere = UvSphere.Create(UvSphere.DefaultSegments, UvSphere.DefaultRings, UvSphere.DefaultRadiusMm, new Point3D(0, 0, UvSphere.DefaultRadiusMm));
        BinaryStl.Write(inputPath, "UV sphere", [sphere]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (temporaryFolder is not null)
        {
            Directory.Delete(temporaryFolder, recursive: true);
        }
    }

    [Benchmark]
    public SliceResult Slice() => engine.Slice(new SliceRequest { InputPath = inputPath }, Stream.Null);
}

/// <summary>
/// Building an engine: the service container, the printer catalog and loading
/// the built-in plugins (each call loads them into new load contexts).
/// </summary>
public class StartupBenchmarks
{
    [Benchmark]
    public SlicingEngine CreateEngine() => ServiceCollectionExtensions.CreateEngine();
}
