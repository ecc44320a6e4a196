using RealVision.Abstractions.Errors;
using RealVision.Geometry;
using RealVision.Modifiers.PointCloud;
using RealVision.Modifiers.PointCloud.Sampling;
using RealVision.PointCloud.Tests.Support;

namespace RealVision.PointCloud.Tests;

public sealed class ShoreLookupTests
{
    // A grid with unequal counts and cell sizes, off the origin: 7 x 5 x 4 voxels over 7.5 x 5 x 8 mm.
    private static readonly Box3D GridBox = new(new Point3D(10, 20, 0), new Point3D(17.5, 25, 8));

    [Fact]
    public void Managed_MatchesIndependentTrilinear()
    {
        ShoreGrid grid = RandomGrid(7, 5, 4, seed: 1);
        (double[] x, double[] y, double[] z) = RandomPoints(100_000, seed: 2);
        var values = new double[x.Length];

        new ManagedShoreSampler(grid).Sample(x, y, z, values);

        for (int n = 0; n < x.Length; n++)
        {
            double expected = Reference(grid, x[n], y[n], z[n]);
            Assert.True(Math.Abs(values[n] - expected) <= 1e-9, $"point {n} ({x[n]}, {y[n]}, {z[n]}): {values[n]} instead of {expected}");
        }
    }

    [Fact]
    public void Managed_SmallBatchMatchesLargeBatch()
    {
        // Below 65536 points the lookup runs on one thread; above, in parallel blocks.
        ShoreGrid grid = RandomGrid(7, 5, 4, seed: 3);
        (double[] x, double[] y, double[] z) = RandomPoints(70_000, seed: 4);
        var all = new double[x.Length];
        var sampler = new ManagedShoreSampler(grid);
        sampler.Sample(x, y, z, all);

        var few = new double[1000];
        sampler.Sample(x.AsSpan(0, 1000), y.AsSpan(0, 1000), z.AsSpan(0, 1000), few);

        Assert.Equal(all.Take(1000), few);
    }

    [Fact]
    public void VoxelCentres_GiveVoxelValues()
    {
        ShoreGrid grid = RandomGrid(7, 5, 4, seed: 5);
        var sampler = new ManagedShoreSampler(grid);
        for (int k = 0; k < 4; k++)
        {
            for (int j = 0; j < 5; j++)
            {
                for (int i = 0; i < 7; i++)
                {
                    double x = 10 + (i + 0.5) * 7.5 / 7, y = 20 + (j + 0.5) * 5.0 / 5, z = (k + 0.5) * 8.0 / 4;
                    Assert.Equal(grid[i, j, k], Sample(sampler, x, y, z), 9);
                }
            }
        }
    }

    [Fact]
    public void OutsideOuterCentres_ValuesAreClamped()
    {
        ShoreGrid grid = RandomGrid(7, 5, 4, seed: 6);
        var sampler = new ManagedShoreSampler(grid);

        // The corner voxel's value applies from its centre out to the box corner and beyond.
        double corner = grid[0, 0, 0];
        Assert.Equal(corner, Sample(sampler, 10, 20, 0), 9);
        Assert.Equal(corner, Sample(sampler, -100, -100, -100), 9);
        Assert.Equal(grid[6, 4, 3], Sample(sampler, 1000, 1000, 1000), 9);
    }

    [Fact]
    public void SingleVoxelAxis_IsConstantAlongIt()
    {
        var grid = new ShoreGrid(new double[] { 10, 30 }, 2, 1, 1, GridBox);
        var sampler = new ManagedShoreSampler(grid);

        // Centres at x = 11.875 and 15.625; halfway between them the value is the mean.
        Assert.Equal(20, Sample(sampler, 13.75, 21, 1), 9);
        Assert.Equal(20, Sample(sampler, 13.75, 24.9, 7.9), 9);
        Assert.Equal(10, Sample(sampler, 11, 22, 3), 9);
    }

    [OpenClFact]
    public void OpenCl_MatchesManagedWithin1e9()
    {
        ShoreGrid grid = RandomGrid(7, 5, 4, seed: 7);
        (double[] x, double[] y, double[] z) = RandomPoints(200_000, seed: 8);
        var managed = new double[x.Length];
        var openCl = new double[x.Length];

        new ManagedShoreSampler(grid).Sample(x, y, z, managed);
        using IShoreSampler device = ShoreSamplers.Create(grid, "on", "test", new List<string>());
        device.Sample(x, y, z, openCl);

        Assert.StartsWith("OpenCL", device.Description);
        double worst = 0;
        for (int n = 0; n < x.Length; n++)
        {
            worst = Math.Max(worst, Math.Abs(openCl[n] - managed[n]));
        }

        Assert.True(worst <= 1e-9, $"largest difference between OpenCL and managed lookups: {worst}");
    }

    [OpenClFact]
    public void OpenCl_LargeGridMatchesManaged()
    {
        ShoreGrid grid = RandomGrid(64, 48, 40, seed: 9);
        (double[] x, double[] y, double[] z) = RandomPoints(50_000, seed: 10);
        var managed = new double[x.Length];
        var openCl = new double[x.Length];

        new ManagedShoreSampler(grid).Sample(x, y, z, managed);
        using IShoreSampler device = ShoreSamplers.Create(grid, "auto", "test", new List<string>());
        device.Sample(x, y, z, openCl);

        Assert.StartsWith("OpenCL", device.Description);
        for (int n = 0; n < x.Length; n++)
        {
            Assert.True(Math.Abs(openCl[n] - managed[n]) <= 1e-9, $"point {n}: OpenCL {openCl[n]}, managed {managed[n]}");
        }
    }

    [Fact]
    public void OpenClOn_WithoutDevice_IsRejectedClearly()
    {
        ShoreGrid grid = RandomGrid(2, 2, 2, seed: 11);
        var ex = Assert.Throws<SettingsException>(() =>
            ShoreSamplers.Create(grid, "on", "shell.stl", new List<string>(), () => new OpenClProbeResult(null, "no OpenCL platform is installed")));

        Assert.Equal("RV001", ex.ErrorCode);
        Assert.Contains("'opencl' is 'on'", ex.Message);
        Assert.Contains("no OpenCL platform is installed", ex.Message);
        Assert.Contains("shell.stl", ex.Message);
        Assert.Contains("pocl-opencl-icd", ex.Message);
    }

    [Fact]
    public void OpenClAuto_WithoutDevice_UsesManaged()
    {
        ShoreGrid grid = RandomGrid(2, 2, 2, seed: 12);
        var warnings = new List<string>();
        using IShoreSampler sampler = ShoreSamplers.Create(grid, "auto", "shell.stl", warnings, () => new OpenClProbeResult(null, "no OpenCL platform is installed"));

        Assert.Equal("managed", sampler.Description);
        Assert.Empty(warnings);
    }

    [Fact]
    public void OpenClOff_NeverProbes()
    {
        ShoreGrid grid = RandomGrid(2, 2, 2, seed: 13);
        using IShoreSampler sampler = ShoreSamplers.Create(grid, "off", "shell.stl", new List<string>(), () => throw new InvalidOperationException("probed"));

        Assert.Equal("managed", sampler.Description);
    }

    /// <summary>
    /// Trilinear interpolation written from its definition: weights are
    /// products of (1 - t) and t over the eight surrounding voxel centres.
    /// </summary>
    private static double Reference(ShoreGrid grid, double x, double y, double z)
    {
        (int i0, int i1, double tx) = Axis((x - GridBox.Min.X) / (GridBox.Size.X / grid.Nx) - 0.5, grid.Nx);
        (int j0, int j1, double ty) = Axis((y - GridBox.Min.Y) / (GridBox.Size.Y / grid.Ny) - 0.5, grid.Ny);
        (int k0, int k1, double tz) = Axis((z - GridBox.Min.Z) / (GridBox.Size.Z / grid.Nz) - 0.5, grid.Nz);
        double sum = 0;
        foreach ((int i, double wx) in new[] { (i0, 1 - tx), (i1, tx) })
        {
            foreach ((int j, double wy) in new[] { (j0, 1 - ty), (j1, ty) })
            {
                foreach ((int k, double wz) in new[] { (k0, 1 - tz), (k1, tz) })
                {
                    sum += wx * wy * wz * grid[i, j, k];
                }
            }
        }

        return sum;
    }

    private static (int Low, int High, double T) Axis(double u, int count)
    {
        u = Math.Clamp(u, 0, count - 1);
        int low = Math.Min((int)u, Math.Max(count - 2, 0));
        return (low, Math.Min(low + 1, count - 1), u - low);
    }

    private static ShoreGrid RandomGrid(int nx, int ny, int nz, int seed)
    {
        var random = new Random(seed);
        double[] values = Enumerable.Range(0, nx * ny * nz).Select(_ => random.NextDouble() * 100).ToArray();
        return new ShoreGrid(values, nx, ny, nz, GridBox);
    }

    // Points spread over the grid box and 1 mm around it, so some are clamped.
    private static (double[] X, double[] Y, double[] Z) RandomPoints(int count, int seed)
    {
        var random = new Random(seed);
        double[] Coordinates(double min, double max) =>
            Enumerable.Range(0, count).Select(_ => min - 1 + random.NextDouble() * (max - min + 2)).ToArray();
        double[] x = Coordinates(GridBox.Min.X, GridBox.Max.X);
        double[] y = Coordinates(GridBox.Min.Y, GridBox.Max.Y);
        double[] z = Coordinates(GridBox.Min.Z, GridBox.Max.Z);
        return (x, y, z);
    }

    private static double Sample(IShoreSampler sampler, double x, double y, double z)
    {
        var value = new double[1];
        sampler.Sample(new[] { x }, new[] { y }, new[] { z }, value);
        return value[0];
    }
}
