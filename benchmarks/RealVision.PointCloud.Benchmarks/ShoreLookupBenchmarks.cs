using BenchmarkDotNet.Attributes;
using RealVision.Geometry;
using RealVision.Modifiers.PointCloud;
using RealVision.Modifiers.PointCloud.Sampling;

namespace RealVision.PointCloud.Benchmarks;

/// <summary>
/// Ten million trilinear lookups in a 64 x 64 x 64 grid of shore values, at
/// random points in and around its box, on the OpenCL device (PoCL on a CPU
/// machine) and in managed code. The OpenCL figure includes copying the
/// points to the device and the values back, as a slice does.
/// </summary>
public class ShoreLookupBenchmarks
{
    public const int Lookups = 10_000_000;

    private double[] x = Array.Empty<double>();
    private double[] y = Array.Empty<double>();
    private double[] z = Array.Empty<double>();
    private double[] values = Array.Empty<double>();
    private IShoreSampler managed = null!;
    private IShoreSampler? openCl;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var box = new Box3D(new Point3D(0, 0, 0), new Point3D(40, 30, 20));
        double[] grid = Enumerable.Range(0, 64 * 64 * 64).Select(_ => random.NextDouble() * 100).ToArray();
        var shoreGrid = new ShoreGrid(grid, 64, 64, 64, box);
        x = Coordinates(random, -1, 41);
        y = Coordinates(random, -1, 31);
        z = Coordinates(random, -1, 21);
        values = new double[Lookups];
        managed = new ManagedShoreSampler(shoreGrid);

        OpenClProbeResult probe = OpenClDevice.Default;
        if (probe.Device is null)
        {
            Console.WriteLine($"// OpenCL lookups skipped: {probe.Reason}");
        }
        else
        {
            openCl = new OpenClShoreSampler(probe.Device, shoreGrid);
            Console.WriteLine($"// OpenCL device: {probe.Device.Name}");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => openCl?.Dispose();

    [Benchmark(Baseline = true)]
    public void Managed() => managed.Sample(x, y, z, values);

    [Benchmark]
    public void OpenCl()
    {
        if (openCl is null)
        {
            throw new InvalidOperationException("No OpenCL device; see the line printed by the setup.");
        }

        openCl.Sample(x, y, z, values);
    }

    private static double[] Coordinates(Random random, double min, double max)
    {
        var coordinates = new double[Lookups];
        for (int n = 0; n < Lookups; n++)
        {
            coordinates[n] = min + random.NextDouble() * (max - min);
        }

        return coordinates;
    }
}
