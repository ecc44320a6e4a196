using RealVision.Engine.Tests.Support;

namespace RealVision.Engine.Tests;

public sealed class CubeTests : IClassFixture<EngineFixture>
{
    private const double FilamentDiameter = 1.75;
    private readonly EngineFixture fixture;

    public CubeTests(EngineFixture fixture)
    {
        this.fixture = fixture;
    }

    [Fact]
    public void Cube_HasOneLayerPerTwoTenthsMillimetre()
    {
        var (result, gcode, _) = fixture.Slice(EngineFixture.Data("20mm_cube.stl"));

        // 20 mm / 0.2 mm: planes at 0.1, 0.3, ..., 19.9 mm.
        Assert.Equal(100, result.Statistics.LayerCount);
        Assert.Equal(100, gcode.LayerMarkers);
        Assert.Equal(100, gcode.LayersWithExtrusion);
    }

    [Fact]
    public void Cube_OuterWallIsSquareInsetByHalfLineWidth()
    {
        var (_, gcode, _) = fixture.Slice(EngineFixture.Data("20mm_cube.stl"));

        // The STL is centred on the 220 x 220 bed: the cube spans 100..120 mm,
        // so the outer wall's centre line is the square 100.2..119.8.
        const double low = 100.2, high = 119.8;
        var walls = gcode.Extrusions.Where(m => m.Feature == "WALL-OUTER" && m.Layer == 50).ToList();
        Assert.NotEmpty(walls);
        foreach (var move in walls)
        {
            foreach (var (x, y) in new[] { (move.X0, move.Y0), (move.X1, move.Y1) })
            {
                double distance = DistanceToSquare(x, y, low, high);
                Assert.True(distance <= 0.05, $"outer wall point ({x}, {y}) is {distance:F3} mm from the inset square");
            }
        }

        double length = walls.Sum(m => Math.Sqrt(Math.Pow(m.X1 - m.X0, 2) + Math.Pow(m.Y1 - m.Y0, 2)));
        Assert.Equal(4 * (high - low), length, 2);
    }

    [Fact]
    public void Cube_SolidInfillVolumeMatchesCube()
    {
        var (_, gcode, _) = fixture.Slice(EngineFixture.Data("20mm_cube.stl"), ("infill_density", "1"));

        double volume = gcode.VolumeMm3(FilamentDiameter, feature => feature != "SKIRT");
        Assert.InRange(volume, 8000 * 0.98, 8000 * 1.02);
    }

    [Fact]
    public void Cube_SparseInfillUsesLessMaterial()
    {
        var (_, solid, _) = fixture.Slice(EngineFixture.Data("20mm_cube.stl"), ("infill_density", "1"));
        var (_, sparse, _) = fixture.Slice(EngineFixture.Data("20mm_cube.stl"));

        double solidFill = solid.VolumeMm3(FilamentDiameter, f => f == "FILL");
        double sparseFill = sparse.VolumeMm3(FilamentDiameter, f => f == "FILL");
        Assert.InRange(sparseFill / solidFill, 0.17, 0.23);
    }

    [Fact]
    public void Workspace_CubeStaysWhereWorkspacePutIt()
    {
        var (result, gcode, _) = fixture.Slice(EngineFixture.Data("cubetest.rvwj"));

        Assert.Equal(100, result.Statistics.LayerCount);
        var model = gcode.Extrusions.Where(m => m.Feature != "SKIRT").ToList();
        Assert.NotEmpty(model);
        Assert.All(model, m =>
        {
            Assert.InRange(Math.Min(m.X0, m.X1), 65, 85);
            Assert.InRange(Math.Max(m.X0, m.X1), 65, 85);
            Assert.InRange(Math.Min(m.Y0, m.Y1), 65, 85);
            Assert.InRange(Math.Max(m.Y0, m.Y1), 65, 85);
        });
        Assert.Equal(65.2, model.Min(m => Math.Min(m.X0, m.X1)), 2);
        Assert.Equal(84.8, model.Max(m => Math.Max(m.Y0, m.Y1)), 2);
    }

    [Fact]
    public void HollowBox_PrintsBothWallsAndNoInfillInCavity()
    {
        // A 20 mm box with a 10 mm cavity (an inner shell facing inward), both centred at (10, 10).
        var triangles = TestMeshes.Box(0, 0, 0, 20, 20, 20)
            .Concat(TestMeshes.Box(5, 5, 5, 15, 15, 15, inward: true));
        string input = TestMeshes.WriteAsciiStl(Path.Combine(fixture.Folder, "hollow.stl"), triangles);

        var (_, gcode, _) = fixture.Slice(input, ("infill_density", "1"));

        // Placed on the bed, the box spans 100..120 and the cavity 105..115.
        int midLayer = 50;
        var outer = gcode.Extrusions.Where(m => m.Layer == midLayer && m.Feature == "WALL-OUTER").ToList();
        Assert.Contains(outer, m => Math.Abs(m.X0 - 100.2) < 0.05);
        Assert.Contains(outer, m => Math.Abs(m.X0 - 104.8) < 0.05);
        var inCavity = gcode.Extrusions.Where(m => m.Layer == midLayer
            && Math.Min(m.X0, m.X1) > 105.1 && Math.Max(m.X0, m.X1) < 114.9
            && Math.Min(m.Y0, m.Y1) > 105.1 && Math.Max(m.Y0, m.Y1) < 114.9);
        Assert.Empty(inCavity);

        // Solid volume: 8000 - 1000 mm³.
        double volume = gcode.VolumeMm3(FilamentDiameter, f => f != "SKIRT");
        Assert.InRange(volume, 7000 * 0.98, 7000 * 1.02);
    }

    private static double DistanceToSquare(double x, double y, double low, double high)
    {
        double dx = Math.Min(Math.Abs(x - low), Math.Abs(x - high));
        double dy = Math.Min(Math.Abs(y - low), Math.Abs(y - high));
        bool insideX = x >= low - 0.05 && x <= high + 0.05;
        bool insideY = y >= low - 0.05 && y <= high + 0.05;
        if (insideX && insideY)
        {
            return Math.Min(dx, dy);
        }

        return double.MaxValue;
    }
}
