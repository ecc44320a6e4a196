using RealVision.Abstractions.Plugins;
using RealVision.Geometry;
using RealVision.Modifiers.PointCloud;
using RealVision.Modifiers.PointCloud.Sampling;

namespace RealVision.PointCloud.Tests;

public sealed class ZoneTests
{
    // Four 10 mm cells along X over 0..40 x 0..10 x 0..10 mm.
    private static readonly Box3D Box = new(new Point3D(0, 0, 0), new Point3D(40, 10, 10));

    [Fact]
    public void Zones_FollowCellsAndMergeEqualLevels()
    {
        PointCloudInfill infill = Infill(new double[] { 10, 10, 60, 90 }, 4, 1, 1);
        Paths64 area = Rectangle(2, 1, 38, 9);

        IReadOnlyList<InfillZone> zones = infill.Zones(area, 5000);

        Assert.Equal(new[] { 0.1, 0.6, 0.9 }, zones.Select(z => Math.Round(z.Density, 9)));
        Assert.Single(zones[0].Area); // the two 10 % cells form one polygon
        Assert.Equal(18 * 8, AreaMm2(zones[0].Area), 6);
        Assert.Equal(10 * 8, AreaMm2(zones[1].Area), 6);
        Assert.Equal(8 * 8, AreaMm2(zones[2].Area), 6);
    }

    [Fact]
    public void Zones_CoverAreaWithoutOverlap()
    {
        var random = new Random(3);
        double[] values = Enumerable.Range(0, 6 * 5 * 2).Select(_ => random.NextDouble() * 100).ToArray();
        PointCloudInfill infill = Infill(values, 6, 5, 2);
        Paths64 ring = Clipper.Difference(Rectangle(1, 1, 39, 9), Rectangle(12, 3, 27, 7));

        IReadOnlyList<InfillZone> zones = infill.Zones(ring, 3000);

        Assert.True(zones.Count > 1, "random values give several density levels");
        Assert.Equal(AreaMm2(ring), zones.Sum(z => AreaMm2(z.Area)), 6);
        Paths64 uncovered = Clipper.Xor(ring, Clipper.Union(new Paths64(zones.SelectMany(z => z.Area))));
        Assert.True(AreaMm2(uncovered) < 1e-3, $"zones and area differ by {AreaMm2(uncovered)} mm²");
        for (int a = 0; a < zones.Count; a++)
        {
            for (int b = a + 1; b < zones.Count; b++)
            {
                Assert.Equal(0, AreaMm2(Clipper.Intersect(zones[a].Area, zones[b].Area)), 6);
            }
        }
    }

    [Fact]
    public void EqualLevels_GiveOneZone()
    {
        // 48 to 52 all round to 50 %.
        PointCloudInfill infill = Infill(new double[] { 48, 52, 49, 51 }, 4, 1, 1);
        Paths64 area = Rectangle(2, 1, 38, 9);

        IReadOnlyList<InfillZone> zones = infill.Zones(area, 5000);

        InfillZone zone = Assert.Single(zones);
        Assert.Same(area, zone.Area);
        Assert.Equal(0.5, zone.Density, 9);
    }

    [Theory]
    [InlineData(1000, 0.0)] // below the lower voxel centre (2.5 mm): clamped
    [InlineData(2500, 0.0)]
    [InlineData(5000, 0.5)]
    [InlineData(6250, 0.75)]
    [InlineData(7500, 1.0)]
    public void LayerHeight_InterpolatesBetweenVoxelCentres(long z, double expected)
    {
        PointCloudInfill infill = Infill(new double[] { 0, 100 }, 1, 1, 2);

        InfillZone zone = Assert.Single(infill.Zones(Rectangle(5, 2, 30, 8), z));

        Assert.Equal(expected, zone.Density, 9);
    }

    [Fact]
    public void EmptyArea_HasNoZones()
    {
        PointCloudInfill infill = Infill(new double[] { 10, 10, 60, 90 }, 4, 1, 1);

        Assert.Empty(infill.Zones(new Paths64(), 5000));
    }

    private static PointCloudInfill Infill(double[] values, int nx, int ny, int nz)
    {
        var grid = new ShoreGrid(values, nx, ny, nz, Box);
        return new PointCloudInfill(grid, DensityMapping.FromSettings(new Dictionary<string, string>()), new ManagedShoreSampler(grid));
    }

    private static Paths64 Rectangle(double x0, double y0, double x1, double y1)
    {
        long Um(double mm) => Units.ToMicrometres(mm);
        return new Paths64 { new Path64 { new(Um(x0), Um(y0)), new(Um(x1), Um(y0)), new(Um(x1), Um(y1)), new(Um(x0), Um(y1)) } };
    }

    private static double AreaMm2(Paths64 paths) => Clipper.Area(paths) / 1e6;
}
