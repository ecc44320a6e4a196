using RealVision.Abstractions.Errors;
using RealVision.Engine.Tests.Support;

namespace RealVision.Engine.Tests;

/// <summary>Broken meshes and mistaken placements: each is sliced as the intended solid with a warning, or rejected.</summary>
public sealed class HardInputTests : IClassFixture<EngineFixture>
{
    private const double Filament = 1.75;
    private readonly EngineFixture fixture;

    public HardInputTests(EngineFixture fixture)
    {
        this.fixture = fixture;
    }

    private static List<double[][]> Cube(double size = 20, double x = 0, double y = 0, double z = 0) =>
        TestMeshes.Box(x, y, z, x + size, y + size, z + size).ToList();

    private string Write(string name, IEnumerable<double[][]> triangles) =>
        TestMeshes.WriteAsciiStl(Path.Combine(fixture.Folder, name), triangles);

    private (Pipeline.SliceResult Result, double Volume) SliceSolid(string path)
    {
        var (result, gcode, _) = fixture.Slice(path, ("infill_density", "1"), ("skirt_loops", "0"));
        return (result, gcode.VolumeMm3(Filament));
    }

    [Fact]
    public void MissingTriangle_IsClosedAndWarned()
    {
        var cube = Cube();
        cube.RemoveAt(6); // one triangle of the front face
        var (result, volume) = SliceSolid(Write("missing-triangle.stl", cube));

        Assert.InRange(volume, 8000 * 0.98, 8000 * 1.02);
        Assert.Contains(result.Warnings, w => w.Contains("open edges"));
        Assert.Equal(100, result.Statistics.LayerCount);
    }

    [Fact]
    public void MissingFace_IsClosedAndWarned()
    {
        var cube = Cube();
        cube.RemoveRange(6, 2); // the whole right face
        var (result, volume) = SliceSolid(Write("missing-face.stl", cube));

        Assert.InRange(volume, 8000 * 0.98, 8000 * 1.02);
        Assert.Contains(result.Warnings, w => w.Contains("open edges"));
    }

    [Fact]
    public void CrackOfMicrometres_IsBridged()
    {
        // Move the right face 3 µm outward: its corners no longer weld to the rest.
        var cube = Cube();
        for (int t = 6; t < 8; t++)
        {
            cube[t] = cube[t].Select(v => new[] { v[0] + 0.003, v[1], v[2] }).ToArray();
        }

        var (result, volume) = SliceSolid(Write("crack.stl", cube));

        Assert.InRange(volume, 8000 * 0.98, 8000 * 1.02);
        Assert.Contains(result.Warnings, w => w.Contains("open edges"));
    }

    [Fact]
    public void ReversedFacets_AreMadeConsistent()
    {
        var cube = Cube();
        foreach (int t in new[] { 0, 5, 9 })
        {
            cube[t] = new[] { cube[t][0], cube[t][2], cube[t][1] };
        }

        var (result, volume) = SliceSolid(Write("some-reversed.stl", cube));

        Assert.InRange(volume, 8000 * 0.98, 8000 * 1.02);
        Assert.Contains(result.Warnings, w => w.Contains("reversed 3 triangles"));
    }

    [Fact]
    public void InsideOutMesh_SlicesAsSolid()
    {
        var (result, volume) = SliceSolid(Write("inside-out.stl", TestMeshes.Box(0, 0, 0, 20, 20, 20, inward: true)));

        Assert.InRange(volume, 8000 * 0.98, 8000 * 1.02);
        Assert.Contains(result.Warnings, w => w.Contains("right way out"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Cavity_StaysEmptyWhateverItsWinding(bool inward)
    {
        var mesh = Cube().Concat(TestMeshes.Box(5, 5, 5, 15, 15, 15, inward));
        var (_, volume) = SliceSolid(Write($"cavity-{inward}.stl", mesh));

        Assert.InRange(volume, 7000 * 0.98, 7000 * 1.02);
    }

    [Fact]
    public void IslandInsideCavity_Prints()
    {
        // 20 mm cube, 12 mm cavity, 4 mm island floating in the cavity: 8000 - 1728 + 64.
        var mesh = Cube()
            .Concat(TestMeshes.Box(4, 4, 4, 16, 16, 16))
            .Concat(TestMeshes.Box(8, 8, 8, 12, 12, 12));
        var (_, volume) = SliceSolid(Write("island.stl", mesh));

        Assert.InRange(volume, 6336 * 0.98, 6336 * 1.02);
    }

    [Fact]
    public void OverlappingShells_AreUnioned()
    {
        // Two 20 mm cubes overlapping by 10 mm along X: 20 x 30 x 20 = 12000 mm³.
        var mesh = Cube().Concat(Cube(20, 10, 0, 0));
        var (_, volume) = SliceSolid(Write("overlap.stl", mesh));

        Assert.InRange(volume, 12000 * 0.98, 12000 * 1.02);
    }

    [Fact]
    public void BoxInsideCubeSharingBottom_IsSolidCube()
    {
        var mesh = Cube().Concat(TestMeshes.Box(5, 5, 0, 15, 15, 10));
        var (_, volume) = SliceSolid(Write("box-in-cube.stl", mesh));

        Assert.InRange(volume, 8000 * 0.98, 8000 * 1.02);
    }

    [Fact]
    public void HalvesSharingInternalWall_GetOneOutline()
    {
        var mesh = TestMeshes.Box(0, 0, 0, 10, 20, 20).Concat(TestMeshes.Box(10, 0, 0, 20, 20, 20));
        var (_, gcode, _) = fixture.Slice(Write("halves.stl", mesh), ("infill_density", "1"), ("skirt_loops", "0"));

        var outerWall = gcode.Extrusions.Where(m => m.Layer == 50 && m.Feature == "WALL-OUTER").ToList();
        double length = outerWall.Sum(m => Math.Sqrt(Math.Pow(m.X1 - m.X0, 2) + Math.Pow(m.Y1 - m.Y0, 2)));
        Assert.Equal(4 * 19.6, length, 1); // one square loop, no wall along the shared face
        Assert.InRange(gcode.VolumeMm3(Filament), 8000 * 0.98, 8000 * 1.02);
    }

    [Fact]
    public void CubesSharingOneEdge_BothPrint()
    {
        var mesh = Cube().Concat(Cube(20, 20, 20, 0));
        var (_, volume) = SliceSolid(Write("shared-edge.stl", mesh));

        Assert.InRange(volume, 16000 * 0.98, 16000 * 1.02);
    }

    [Fact]
    public void DegenerateAndDuplicateFacets_AreRemoved()
    {
        var cube = Cube();
        cube.Add(new[] { new[] { 0.0, 0, 0 }, new[] { 10.0, 0, 0 }, new[] { 20.0, 0, 0 } }); // needle
        cube.Add(new[] { new[] { 5.0, 5, 0 }, new[] { 5.0, 5, 0 }, new[] { 5.0, 5, 0 } }); // point
        cube.Add(cube[2]); // exact duplicate
        cube.Add(new[] { cube[3][0], cube[3][2], cube[3][1] }); // reversed duplicate
        var (result, volume) = SliceSolid(Write("duplicates.stl", cube));

        Assert.InRange(volume, 8000 * 0.98, 8000 * 1.02);
        Assert.Contains(result.Warnings, w => w.Contains("removed 2 zero-area triangles"));
        Assert.Contains(result.Warnings, w => w.Contains("removed 2 duplicate triangles"));
    }

    [Fact]
    public void LongBar_IsRejectedWithItsSize()
    {
        string path = Write("bar.stl", TestMeshes.Box(0, 0, 0, 3000, 10, 10));
        var ex = Assert.Throws<InputException>(() => fixture.Slice(path));

        Assert.Equal("URE000", ex.ErrorCode);
        Assert.Contains("outside the build volume", ex.Message);
    }

    [Fact]
    public void CubeFarFromOrigin_IsCentredOnBed()
    {
        var (result, volume) = SliceSolid(Write("far.stl", Cube(20, 100_000, 100_000, 0)));

        Assert.InRange(volume, 8000 * 0.98, 8000 * 1.02);
        Assert.Equal(100, result.Statistics.LayerCount);
        Assert.InRange(result.Statistics.ExtrusionBoundsMm[0], 99.9, 100.5);
    }

    [Fact]
    public void VertexAtFloatMaximum_IsRejected()
    {
        var cube = Cube();
        cube[0] = new[] { new[] { 3e38, 0, 0 }, cube[0][1], cube[0][2] };
        var ex = Assert.Throws<InputException>(() => fixture.Slice(Write("huge-vertex.stl", cube)));

        Assert.Equal("URE000", ex.ErrorCode);
        Assert.Contains("outside the build volume", ex.Message);
    }

    [Fact]
    public void WallTooThinToPrint_IsRejectedNotSkirtOnly()
    {
        var ex = Assert.Throws<InputException>(() => fixture.Slice(Write("thin-0.15.stl", TestMeshes.Box(0, 0, 0, 20, 0.15, 20))));
        Assert.Contains("nothing to print", ex.Message);
    }

    [Fact]
    public void DroppedTinyFeature_IsReportedByModel()
    {
        // A printable cube beside a 0.15 mm fin that is too thin for any line.
        string path = TestWorkspaces.Write(Path.Combine(fixture.Folder, "fin.rvwj"),
            TestWorkspaces.Model("cube.stl", TestMeshes.Box(60, 60, 0, 80, 80, 20)),
            TestWorkspaces.Model("fin.stl", TestMeshes.Box(100, 60, 0, 110, 60.15, 5)));

        var (result, _, _) = fixture.Slice(path);

        Assert.Contains(result.Warnings, w => w.Contains("not printed") && w.Contains("fin.stl: 25"));
        Assert.DoesNotContain(result.Warnings, w => w.Contains("cube.stl:"));
    }

    [Fact]
    public void SkirtOffTheBed_IsLeftOutWithWarning()
    {
        var (result, gcode, _) = fixture.Slice(Write("long-bar.stl", TestMeshes.Box(0, 0, 0, 218, 10, 5)));

        Assert.DoesNotContain(gcode.Extrusions, m => m.Feature == "SKIRT");
        Assert.True(gcode.Extrusions.Min(m => Math.Min(m.X0, m.X1)) >= 0, "extrusion left of the bed");
        Assert.True(gcode.Extrusions.Max(m => Math.Max(m.X0, m.X1)) <= 220, "extrusion right of the bed");
        Assert.Contains(result.Warnings, w => w.Contains("skirt loop"));
    }

    [Fact]
    public void NegativePriority_IsRejected()
    {
        string path = TestWorkspaces.Write(Path.Combine(fixture.Folder, "negative.rvwj"),
            TestWorkspaces.Model("cube.stl", TestMeshes.Box(60, 60, 0, 80, 80, 20), priority: -1));
        var ex = Assert.Throws<InputException>(() => fixture.Slice(path));
        Assert.Contains("SlicingPriority -1", ex.Message);
    }

    [Fact]
    public void TinyModel_GetsScaleHint()
    {
        var (result, _, _) = fixture.Slice(Write("inches.stl", Cube(20 / 25.4)));
        Assert.Contains(result.Warnings, w => w.Contains("scale it by 25.4"));
    }

    [Fact]
    public void CubeInMetres_SuggestsScale()
    {
        var ex = Assert.Throws<InputException>(() => fixture.Slice(Write("metres.stl", Cube(0.02))));

        Assert.Contains("no layer", ex.Message);
        Assert.Contains("scale it by 1000", ex.Message);
    }

    [Theory]
    [InlineData(0.15, 1)]
    [InlineData(0.35, 2)]
    public void ThinPlate_GetsItsLayers(double thickness, int layers)
    {
        var (result, _, _) = fixture.Slice(Write($"plate-{thickness}.stl", TestMeshes.Box(0, 0, 0, 20, 20, thickness)));
        Assert.Equal(layers, result.Statistics.LayerCount);
    }

    [Fact]
    public void PlateThinnerThanHalfLayer_IsRejected()
    {
        var ex = Assert.Throws<InputException>(() => fixture.Slice(Write("plate-0.09.stl", TestMeshes.Box(0, 0, 0, 20, 20, 0.09))));
        Assert.Contains("no layer", ex.Message);
    }

    [Fact]
    public void FlatSheet_IsRejectedAsNoVolume()
    {
        var sheet = new[]
        {
            new[] { new[] { 0.0, 0, 0 }, new[] { 20.0, 0, 0 }, new[] { 20.0, 20, 0 } },
            new[] { new[] { 0.0, 0, 0 }, new[] { 20.0, 20, 0 }, new[] { 0.0, 20, 0 } },
        };
        var ex = Assert.Throws<InputException>(() => fixture.Slice(Write("sheet.stl", sheet)));
        Assert.Contains("encloses no volume", ex.Message);
    }

    [Fact]
    public void VerticalQuad_IsRejectedAsNoVolume()
    {
        var quad = new[]
        {
            new[] { new[] { 0.0, 0, 0 }, new[] { 20.0, 0, 0 }, new[] { 20.0, 0, 20 } },
            new[] { new[] { 0.0, 0, 0 }, new[] { 20.0, 0, 20 }, new[] { 0.0, 0, 20 } },
        };
        var ex = Assert.Throws<InputException>(() => fixture.Slice(Write("quad.stl", quad)));
        Assert.Contains("encloses no volume", ex.Message);
    }

    [Fact]
    public void OneLayerFeature_AppearsInExactlyOneLayer()
    {
        // A 10 mm slab with a 5 mm pin from z = 10.0 to 10.2: only the plane at 10.1 (layer 50) cuts the pin.
        var mesh = TestMeshes.Box(0, 0, 0, 20, 20, 10).Concat(TestMeshes.Box(2, 2, 10, 7, 7, 10.2));
        var (result, gcode, _) = fixture.Slice(Write("pin.stl", mesh), ("skirt_loops", "0"));

        Assert.Equal(51, result.Statistics.LayerCount);
        var top = gcode.Extrusions.Where(m => m.Layer == 50).ToList();
        Assert.NotEmpty(top);
        double width = top.Max(m => Math.Max(m.X0, m.X1)) - top.Min(m => Math.Min(m.X0, m.X1));
        Assert.InRange(width, 4.0, 5.0);
    }

    [Fact]
    public void PlaneThroughLoneVertex_GivesNoZeroLengthPath()
    {
        // A pyramid whose apex lies exactly on layer 50's plane (10.1 mm), beside a taller box.
        double[] apex = { 30, 10, 10.1 };
        double[][] basePoints = { new[] { 20.0, 0, 0 }, new[] { 40.0, 0, 0 }, new[] { 40.0, 20, 0 }, new[] { 20.0, 20, 0 } };
        var pyramid = new List<double[][]>
        {
            new[] { basePoints[0], basePoints[2], basePoints[1] },
            new[] { basePoints[0], basePoints[3], basePoints[2] },
        };
        for (int i = 0; i < 4; i++)
        {
            pyramid.Add(new[] { basePoints[i], basePoints[(i + 1) % 4], apex });
        }

        var (_, gcode, _) = fixture.Slice(Write("apex.stl", TestMeshes.Box(0, 0, 0, 10, 10, 20).Concat(pyramid)));

        Assert.DoesNotContain(gcode.Extrusions, m => m.X0 == m.X1 && m.Y0 == m.Y1);
        Assert.Contains(gcode.Extrusions, m => m.Layer == 25 && Math.Max(m.X0, m.X1) > 115);
    }

    [Fact]
    public void FloatingWorkspace_IsLoweredWithWarning()
    {
        string workspace = File.ReadAllText(EngineFixture.Data("cubetest.rvwj"));
        string raised = System.Text.RegularExpressions.Regex.Replace(workspace, "\"Z\": (\\d+)", m => $"\"Z\": {int.Parse(m.Groups[1].Value) + 5}");
        string path = Path.Combine(fixture.Folder, "floating.rvwj");
        File.WriteAllText(path, raised);

        var (result, _, _) = fixture.Slice(path);

        Assert.Equal(100, result.Statistics.LayerCount);
        Assert.Contains(result.Warnings, w => w.Contains("lowered onto the bed by 5 mm"));
    }

    [Fact]
    public void WorkspaceBelowBed_IsRejected()
    {
        string workspace = File.ReadAllText(EngineFixture.Data("cubetest.rvwj"));
        string lowered = System.Text.RegularExpressions.Regex.Replace(workspace, "\"Z\": (\\d+)", m => $"\"Z\": {int.Parse(m.Groups[1].Value) - 5}");
        string path = Path.Combine(fixture.Folder, "below.rvwj");
        File.WriteAllText(path, lowered);

        var ex = Assert.Throws<InputException>(() => fixture.Slice(path));
        Assert.Contains("below the bed", ex.Message);
    }

    [Fact]
    public void StlBelowBed_IsDroppedOntoIt()
    {
        var (result, volume) = SliceSolid(Write("below.stl", Cube(20, 0, 0, -7)));

        Assert.Equal(100, result.Statistics.LayerCount);
        Assert.InRange(volume, 8000 * 0.98, 8000 * 1.02);
    }

    [Fact]
    public void NothingToPrint_IsRejectedBySettingName()
    {
        var ex = Assert.Throws<SettingsException>(() => fixture.Slice(EngineFixture.Data("20mm_cube.stl"),
            ("wall_count", "0"), ("top_layers", "0"), ("bottom_layers", "0"), ("infill_density", "0")));
        Assert.Contains("wall_count", ex.Message);
    }

    [Theory]
    [InlineData("layer_height", "0")]
    [InlineData("layer_height", "-0.1")]
    [InlineData("layer_height", "0.5")]
    [InlineData("first_layer_height", "0.6")]
    [InlineData("nozzle_diameter", "0")]
    [InlineData("infill_density", "1.5")]
    [InlineData("pointcloud_shore_max", "0")]
    public void InvalidSetting_IsRejectedByName(string key, string value)
    {
        var ex = Assert.Throws<SettingsException>(() => fixture.Slice(EngineFixture.Data("20mm_cube.stl"), (key, value)));
        Assert.Equal("RV001", ex.ErrorCode);
        Assert.Contains(key, ex.Message);
    }

    [Fact]
    public void FirstLayerTallerThanModel_IsRejected()
    {
        string path = Write("low.stl", TestMeshes.Box(0, 0, 0, 20, 20, 0.1));
        var ex = Assert.Throws<InputException>(() => fixture.Slice(path, ("first_layer_height", "0.3")));
        Assert.Contains("no layer", ex.Message);
    }

    [Fact]
    public void ThinWall_PrintsWhateverItsRotation()
    {
        // A 0.3 mm wall, 20 mm long and 5 mm tall, upright and turned 11 degrees about Z.
        double volumeUpright = SliceSolid(Write("wall-0.stl", TestMeshes.Box(0, 0, 0, 20, 0.3, 5))).Volume;
        var rotated = TestMeshes.Box(0, 0, 0, 20, 0.3, 5).Select(t => t.Select(v => Rotate(v, 11)).ToArray());
        double volumeRotated = SliceSolid(Write("wall-11.stl", rotated)).Volume;

        Assert.InRange(volumeUpright, 30 * 0.9, 30 * 1.1);
        Assert.InRange(volumeRotated, volumeUpright * 0.95, volumeUpright * 1.05);
    }

    private static double[] Rotate(double[] v, double degrees)
    {
        double a = degrees * Math.PI / 180;
        return new[] { v[0] * Math.Cos(a) - v[1] * Math.Sin(a), v[0] * Math.Sin(a) + v[1] * Math.Cos(a), v[2] };
    }
}
