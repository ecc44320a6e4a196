using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RealVision.Abstractions.Model;
using RealVision.Geometry;
using RealVision.PointCloud.Tests.Support;
using RealVision.Workspaces;
using RealVision.Workspaces.PointClouds;

namespace RealVision.PointCloud.Tests;

public sealed class WorkspaceGeneratorTests : IClassFixture<SliceFixture>
{
    private static readonly BedLayout Bed220 = new(220, 220);
    private readonly SliceFixture fixture;

    public WorkspaceGeneratorTests(SliceFixture fixture)
    {
        this.fixture = fixture;
    }

    [Fact]
    public void Cube_MatchesTheVendorGeneratorOutput()
    {
        // The vendor's 20mm_cube.json contains the cube as a modifier at 0.5 with priority 2.
        var models = new[] { new ModelSource("20mm_cube.stl", Stl("20mm_cube.stl"), ModelRole.DensityModifier(0.5, 2)) };
        string path = fixture.Path($"cube-{Guid.NewGuid():N}.json");

        IReadOnlyList<GeneratedModel> generated = WorkspaceGenerator.Generate(models, Bed220);
        WorkspaceWriter.WriteFile(path, generated);

        // Byte for byte the same apart from the hull, where the vendor's file has a one-point placeholder.
        Assert.Equal(WithoutHull(File.ReadAllText(SliceFixture.Data("20mm_cube.json"))), WithoutHull(File.ReadAllText(path)));
        Point3D[] corners = generated[0].Corners;
        Assert.Equal(100, corners.Min(p => p.X));
        Assert.Equal(120, corners.Max(p => p.X));
        Assert.Equal(100, corners.Min(p => p.Y));
        Assert.Equal(120, corners.Max(p => p.Y));
        Assert.Equal(0, corners.Min(p => p.Z));
    }

    [Fact]
    public void Calicat_MatchesTheVendorGeneratorOutput()
    {
        var models = new[] { new ModelSource("calicat.stl", Stl("calicat.stl"), ModelRole.Object) };
        string path = fixture.Path($"cat-{Guid.NewGuid():N}.json");

        WorkspaceWriter.WriteFile(path, WorkspaceGenerator.Generate(models, Bed220));

        Assert.Equal(WithoutHull(File.ReadAllText(SliceFixture.Data("calicat.json"))), WithoutHull(File.ReadAllText(path)));
    }

    [Fact]
    public void Hull_IsWrittenAsBounds()
    {
        var models = new[] { new ModelSource("calicat.stl", Stl("calicat.stl"), ModelRole.Object) };
        string path = fixture.Path($"cat-hull-{Guid.NewGuid():N}.rvwj");

        WorkspaceWriter.WriteFile(path, WorkspaceGenerator.Generate(models, Bed220));

        JsonNode model = JsonNode.Parse(File.ReadAllText(path))!["Models"]![0]!;
        Assert.Equal(26, model["BoundsPositions"]!.AsArray().Count);
        Assert.Equal(48 * 3, model["BoundsIndices"]!.AsArray().Count);
        Assert.Equal(876 * 3, model["ModelPositions"]!.AsArray().Count);
        Assert.Equal(Enumerable.Range(0, 876 * 3), model["ModelIndices"]!.AsArray().Select(n => (int)n!));
    }

    [Fact]
    public void GeneratedObject_Slices()
    {
        var models = new[] { new ModelSource("calicat.stl", Stl("calicat.stl"), ModelRole.Object) };
        string path = fixture.Path($"cat-slice-{Guid.NewGuid():N}.rvwj");
        WorkspaceWriter.WriteFile(path, WorkspaceGenerator.Generate(models, Bed220));

        var (result, output) = fixture.Slice(path, null);

        Assert.True(result.Statistics.LayerCount > 100);
        Assert.True(new FileInfo(output).Length > 0);
    }

    [Fact]
    public void ObjectWithDensityModifier_SlicesWithDenserInfill()
    {
        // The cube modifier keeps its place relative to the cat: moved from Y -20..0 to 5..25, it covers the cat's body.
        var models = new[]
        {
            new ModelSource("calicat.stl", Stl("calicat.stl"), ModelRole.Object),
            new ModelSource("20mm_cube.stl", Stl("20mm_cube.stl").Translated(5, 25, 0), ModelRole.DensityModifier(0.9, 1)),
        };
        string path = fixture.Path($"cat-cube-{Guid.NewGuid():N}.rvwj");
        IReadOnlyList<GeneratedModel> generated = WorkspaceGenerator.Generate(models, Bed220);
        WorkspaceWriter.WriteFile(path, generated);

        var (plainResult, _) = fixture.Slice(WriteSingle("calicat.stl", ModelRole.Object), null);
        var (result, _) = fixture.Slice(path, null);

        Assert.True(result.Statistics.FilamentLengthMm > plainResult.Statistics.FilamentLengthMm * 1.1,
            $"filament {result.Statistics.FilamentLengthMm:F0} mm with the modifier, {plainResult.Statistics.FilamentLengthMm:F0} mm without");
        JsonNode meta = JsonNode.Parse(File.ReadAllText(path))!["Models"]![1]!["metaData"]!;
        Assert.Equal(1, (int)meta["SlicingPriority"]!);
        Assert.Equal(0.9, (double)meta["Modifier"]!["FillDensityFactor"]!);
    }

    [Fact]
    public void EnclosingPointCloud_Slices()
    {
        string folder = Directory.CreateDirectory(fixture.Path("enclosing-" + Guid.NewGuid().ToString("N"))).FullName;
        var models = new[] { new ModelSource("calicat.stl", Stl("calicat.stl"), ModelRole.Object) };
        IReadOnlyList<GeneratedModel> generated = WorkspaceGenerator.Generate(models, Bed220, ModelRole.PointCloudModifier("hardness.pc", 1));
        string workspace = Path.Combine(folder, "cat.rvwj");
        WorkspaceWriter.WriteFile(workspace, generated);
        double[] values = PointCloudWriter.FromFormula(ShoreFormula.Parse("20 + 60 * x"), 6, 6, 7);
        PointCloudWriter.WriteFile(Path.Combine(folder, "hardness.pc"), values, 6, 6, 7);

        var (result, _) = fixture.Slice(workspace, new[] { 6, 6, 7 });

        Assert.Equal(2, generated.Count);
        Box3D catBox = Bounds(generated[0].Corners);
        Assert.Equal(catBox, Bounds(generated[1].Corners));
        Assert.Equal(8, generated[1].Hull.Vertices.Length);
        JsonNode meta = JsonNode.Parse(File.ReadAllText(workspace))!["Models"]![1]!["metaData"]!;
        Assert.Equal("hardness.pc", (string)meta["FileReference"]!);
        Assert.Empty(meta["Modifier"]!.AsObject());
        Assert.True(result.Statistics.LayerCount > 100);
    }

    [Fact]
    public void At_MovesTheBoxCentre()
    {
        var models = new[] { new ModelSource("20mm_cube.stl", Stl("20mm_cube.stl"), ModelRole.Object) };

        Box3D box = Bounds(WorkspaceGenerator.Generate(models, new BedLayout(220, 220, 40, 150))[0].Corners);

        Assert.Equal(new Point3D(30, 140, 0), box.Min);
        Assert.Equal(new Point3D(50, 160, 20), box.Max);
    }

    [Fact]
    public void TwoObjects_KeepTheirRelativePlacement()
    {
        Mesh cube = Stl("20mm_cube.stl");
        var models = new[]
        {
            new ModelSource("left.stl", cube, ModelRole.Object),
            new ModelSource("right.stl", cube.Translated(30, 0, 5), ModelRole.Object),
        };

        IReadOnlyList<GeneratedModel> generated = WorkspaceGenerator.Generate(models, Bed220);

        Box3D left = Bounds(generated[0].Corners), right = Bounds(generated[1].Corners);
        Assert.Equal(30, right.Min.X - left.Min.X);
        Assert.Equal(5, right.Min.Z - left.Min.Z);
        Assert.Equal(110, (left.Min.X + right.Max.X) / 2);
        Assert.Equal(0, left.Min.Z);
    }

    [Fact]
    public void ObjectOffTheBed_IsRejectedByName()
    {
        var models = new[] { new ModelSource("20mm_cube.stl", Stl("20mm_cube.stl"), ModelRole.Object) };

        var ex = Assert.Throws<WorkspaceGenerationException>(() => WorkspaceGenerator.Generate(models, new BedLayout(220, 220, 5, 110)));

        Assert.Contains("'20mm_cube.stl'", ex.Message);
        Assert.Contains("X -5..15", ex.Message);
    }

    [Theory]
    [InlineData(1.5, null)]
    [InlineData(null, "../hardness.pc")]
    [InlineData(0.5, "hardness.pc")]
    public void InvalidModifier_IsRejected(double? density, string? reference)
    {
        var models = new[]
        {
            new ModelSource("cube.stl", Stl("20mm_cube.stl"), ModelRole.Object),
            new ModelSource("shell.stl", Stl("20mm_cube.stl"), new ModelRole(1, density, reference)),
        };

        var ex = Assert.Throws<WorkspaceGenerationException>(() => WorkspaceGenerator.Generate(models, Bed220));

        Assert.Contains("'shell.stl'", ex.Message);
    }

    [Fact]
    public void FailedWrite_LeavesNoFile()
    {
        var models = new[] { new ModelSource("20mm_cube.stl", Stl("20mm_cube.stl"), ModelRole.Object) };
        string folder = Directory.CreateDirectory(fixture.Path("write-" + Guid.NewGuid().ToString("N"))).FullName;
        IReadOnlyList<GeneratedModel> generated = WorkspaceGenerator.Generate(models, Bed220);
        string path = Path.Combine(folder, "cube.rvwj");

        WorkspaceWriter.WriteFile(path, generated);
        Directory.CreateDirectory(Path.Combine(folder, "taken.rvwj"));
        Assert.ThrowsAny<IOException>(() => WorkspaceWriter.WriteFile(Path.Combine(folder, "taken.rvwj"), generated));

        Assert.Equal(new[] { "cube.rvwj" }, Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    private Mesh Stl(string name) => StlFiles.Read(fixture.Engine, SliceFixture.Data(name));

    private string WriteSingle(string stl, ModelRole role)
    {
        string path = fixture.Path($"single-{Guid.NewGuid():N}.rvwj");
        WorkspaceWriter.WriteFile(path, WorkspaceGenerator.Generate(new[] { new ModelSource(stl, Stl(stl), role) }, Bed220));
        return path;
    }

    private static string WithoutHull(string json) =>
        Regex.Replace(json, "\"BoundsPositions\":\\[.*?\\],\"BoundsIndices\":\\[.*?\\],", "");

    private static Box3D Bounds(IEnumerable<Point3D> points) => points.Aggregate(Box3D.Empty, (box, p) => box.Include(p));
}
