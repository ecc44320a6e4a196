using RealVision.Engine.Tests.Support;
using RealVision.Geometry;

namespace RealVision.Engine.Tests;

public sealed class CalicatTests : IClassFixture<EngineFixture>
{
    private readonly EngineFixture fixture;

    public CalicatTests(EngineFixture fixture)
    {
        this.fixture = fixture;
    }

    [Fact]
    public void Calicat_SolidVolumeMatchesMesh()
    {
        var (_, gcode, _) = fixture.Slice(EngineFixture.Data("calicat.stl"), ("infill_density", "1"));

        // Mesh volume from the signed-volume sum of calicat.rvwj's triangles: 12,501.38 mm³.
        double volume = gcode.VolumeMm3(1.75, f => f != "SKIRT");
        Assert.InRange(volume, 12501.38 * 0.98, 12501.38 * 1.02);
    }

    [Fact]
    public void Calicat_LayerCountMatchesPeers()
    {
        var (result, gcode, _) = fixture.Slice(EngineFixture.Data("calicat.stl"));

        // CuraEngine 4.13 cuts 173 layers, PrusaSlicer 2.5 174, at the same settings.
        Assert.InRange(result.Statistics.LayerCount, 173, 175);
        Assert.Equal(result.Statistics.LayerCount, gcode.LayersWithExtrusion);
    }

    [Fact]
    public void Calicat_EveryLayerHasWalls()
    {
        var (result, gcode, _) = fixture.Slice(EngineFixture.Data("calicat.stl"));

        var layersWithWalls = gcode.Extrusions.Where(m => m.Feature == "WALL-OUTER").Select(m => m.Layer).ToHashSet();
        for (int layer = 0; layer < result.Statistics.LayerCount; layer++)
        {
            Assert.True(layersWithWalls.Contains(layer), $"layer {layer} has no outer wall");
        }
    }

    [Fact]
    public void Calicat_ExtrusionStaysInsideWidenedFootprint()
    {
        var (_, gcode, _) = fixture.Slice(EngineFixture.Data("calicat.rvwj"));

        // Footprint: the union of every triangle of the workspace mesh projected on
        // the bed, widened by one line width (0.4 mm).
        Paths64 footprint = Clipper.Offset(Clipper.Union(ProjectedTriangles(EngineFixture.Data("calicat.rvwj"))), 400, JoinType.Round);
        var model = gcode.Extrusions.Where(m => m.Feature != "SKIRT").ToList();
        Assert.NotEmpty(model);
        foreach (var move in model)
        {
            foreach (var (x, y) in new[] { (move.X0, move.Y0), (move.X1, move.Y1) })
            {
                var point = new Point64((long)Math.Round(x * 1000), (long)Math.Round(y * 1000));
                Assert.True(Inside(footprint, point), $"extrusion point ({x}, {y}) on layer {move.Layer} lies outside the footprint");
            }
        }
    }

    private static Paths64 ProjectedTriangles(string workspace)
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(workspace));
        var model = document.RootElement.GetProperty("Models")[0];
        var positions = model.GetProperty("ModelPositions").EnumerateArray()
            .Select(p => new Point64((long)Math.Round(p.GetProperty("X").GetDouble() * 1000), (long)Math.Round(p.GetProperty("Y").GetDouble() * 1000)))
            .ToList();
        var indices = model.GetProperty("ModelIndices").EnumerateArray().Select(i => i.GetInt32()).ToList();
        var triangles = new Paths64();
        for (int i = 0; i < indices.Count; i += 3)
        {
            var triangle = new Path64 { positions[indices[i]], positions[indices[i + 1]], positions[indices[i + 2]] };
            if (Clipper.Area(triangle) < 0)
            {
                triangle.Reverse();
            }

            triangles.Add(triangle);
        }

        return triangles;
    }

    private static bool Inside(Paths64 polygons, Point64 point)
    {
        int winding = 0;
        foreach (Path64 polygon in polygons)
        {
            for (int i = 0, j = polygon.Count - 1; i < polygon.Count; j = i++)
            {
                Point64 a = polygon[j], b = polygon[i];
                if ((a.Y <= point.Y) != (b.Y <= point.Y))
                {
                    double crossX = a.X + (double)(point.Y - a.Y) * (b.X - a.X) / (b.Y - a.Y);
                    if (point.X < crossX)
                    {
                        winding += b.Y > a.Y ? 1 : -1;
                    }
                }
            }
        }

        return winding != 0;
    }
}
