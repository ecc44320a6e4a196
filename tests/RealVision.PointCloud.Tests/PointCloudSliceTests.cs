using RealVision.Abstractions.Model;
using RealVision.Abstractions.Plugins;
using RealVision.Modifiers.PointCloud;
using RealVision.PointCloud.Tests.Support;
using Xunit.Abstractions;

namespace RealVision.PointCloud.Tests;

/// <summary>
/// A 20 mm cube (X/Y 100..120, Z 0..20) inside a point-cloud modifier box
/// (X/Y 98..122, Z 0..22), sliced with the lines infill. Densities are
/// measured from the G-code as line length times line width per area.
/// </summary>
public sealed class PointCloudSliceTests : IClassFixture<SliceFixture>
{
    private const double LineWidth = 0.4;

    // Sparse layers: 0.2 mm layers with 3 solid skin layers at the bottom and top.
    private const int FirstSparseLayer = 10;
    private const int LastSparseLayer = 89;

    // 3 mm cells along X: 98, 101, ..., 122.
    private const int Columns = 8;

    private readonly SliceFixture fixture;
    private readonly ITestOutputHelper output;

    public PointCloudSliceTests(SliceFixture fixture, ITestOutputHelper output)
    {
        this.fixture = fixture;
        this.output = output;
    }

    [Fact]
    public void PluginIsLoadedFromItsFolder()
    {
        var loaded = fixture.Engine.Plugins.Plugins.Single(p => p.Plugin is IModifierKind { Name: "point-cloud" });

        Assert.Contains(Path.Combine("plugins", "modifier-point-cloud"), loaded.AssemblyPath);
    }

    [Fact]
    public void DensityRisesWithShoreAlongX()
    {
        // Shore 5 + 12 i for column i: 5, 17, 29, 41, 53, 65, 77, 89 (Shore A).
        string workspace = CubeInShell("rising-x", Columns, 3, 2, (i, _, _) => 5 + 12 * i);
        var (_, gcode) = fixture.Slice(workspace, new[] { Columns, 3, 2 }, null, ("infill_pattern", "lines"));
        List<Move> fill = FillMoves.Read(gcode).Where(m => m.Feature == "FILL" && m.Layer is >= FirstSparseLayer and <= LastSparseLayer).ToList();

        // The six columns fully inside the cube's infill (101..119); Y inside it too.
        var measured = new List<double>();
        for (int i = 1; i <= 6; i++)
        {
            double x0 = 98 + 3 * i, x1 = x0 + 3;
            double length = fill.Sum(m => FillMoves.LengthInside(m, x0, x1, 102, 118));
            double density = length * LineWidth / ((x1 - x0) * 16 * (LastSparseLayer - FirstSparseLayer + 1));
            double expected = Math.Round((5 + 12 * i) / 100.0 / 0.05, MidpointRounding.AwayFromZero) * 0.05;
            measured.Add(density);
            output.WriteLine($"column {i}: X {x0}..{x1} mm, measured {density:F3}, expected {expected:F2}");
            Assert.True(Math.Abs(density - expected) <= 0.05,
                $"column {i} (X {x0}..{x1}): measured density {density:F3}, mapping gives {expected:F2}");
        }

        for (int i = 1; i < measured.Count; i++)
        {
            Assert.True(measured[i] > measured[i - 1],
                $"density falls from {measured[i - 1]:F3} to {measured[i]:F3} between columns {i} and {i + 1}: {string.Join(", ", measured.Select(d => d.ToString("F3")))}");
        }
    }

    [Fact]
    public void DensityFollowsShoreAlongZ()
    {
        // Four layers of voxels over Z 0..22 with centres at 2.75, 8.25, 13.75 and 19.25 mm.
        double[] shore = { 10, 40, 70, 100 };
        string workspace = CubeInShell("rising-z", 2, 2, 4, (_, _, k) => shore[k]);
        var (_, gcode) = fixture.Slice(workspace, new[] { 2, 2, 4 }, null, ("infill_pattern", "lines"));
        var byLayer = FillMoves.Read(gcode).Where(m => m.Feature == "FILL").GroupBy(m => m.Layer).ToDictionary(g => g.Key, g => g.ToList());

        double previous = 0;
        for (int layer = FirstSparseLayer; layer <= LastSparseLayer; layer++)
        {
            double z = 0.2 * layer + 0.1; // the slice plane, mid-layer
            double w = Math.Clamp(z / 5.5 - 0.5, 0, 3);
            int k = Math.Min((int)w, 2);
            double value = shore[k] + (shore[k + 1] - shore[k]) * (w - k);
            double expected = Math.Round(value / 100 / 0.05, MidpointRounding.AwayFromZero) * 0.05;

            double length = byLayer.GetValueOrDefault(layer, new List<Move>()).Sum(m => FillMoves.LengthInside(m, 102, 118, 102, 118));
            double density = length * LineWidth / (16 * 16);
            output.WriteLine($"layer {layer}: z {z:F1} mm, measured {density:F3}, expected {expected:F2}");
            Assert.True(Math.Abs(density - expected) <= 0.05, $"layer {layer} (z {z:F1} mm): measured density {density:F3}, mapping gives {expected:F2}");
            Assert.True(density >= previous - 0.01, $"layer {layer}: density {density:F3} falls below the layer before ({previous:F3})");
            previous = density;
        }
    }

    [Fact]
    public void PortalForm_WithoutModifierBlock_Slices()
    {
        // The portal's example metaData has SlicingPriority and FileReference but no Modifier block.
        string folder = Directory.CreateDirectory(fixture.Path("portal-" + Guid.NewGuid().ToString("N"))).FullName;
        ShoreFiles.Write(Path.Combine(folder, "hardness_points.pc"), 2, 2, 2, (_, _, _) => 90);
        System.Text.Json.Nodes.JsonObject shell = Solids.Model("shell.stl", Solids.Box(98, 98, 0, 122, 122, 22), 2, "hardness_points.pc");
        shell["metaData"]!.AsObject().Remove("Modifier");
        string workspace = Solids.WriteWorkspace(Path.Combine(folder, "portal.rvwj"),
            Solids.Model("cube.stl", Solids.Box(100, 100, 0, 120, 120, 20)), shell);

        var (_, gcode) = fixture.Slice(workspace, new[] { 2, 2, 2 });

        double length = FillMoves.Read(gcode)
            .Where(m => m.Feature == "FILL" && m.Layer is >= FirstSparseLayer and <= LastSparseLayer)
            .Sum(m => FillMoves.LengthInside(m, 102, 118, 102, 118));
        double density = length * LineWidth / (16 * 16 * (LastSparseLayer - FirstSparseLayer + 1));
        Assert.InRange(density, 0.85, 0.95);
    }

    [OpenClFact]
    public void OpenClAndManaged_WriteTheSameToolpaths()
    {
        var random = new Random(5);
        double[] values = Enumerable.Range(0, 5 * 4 * 3).Select(_ => random.NextDouble() * 100).ToArray();
        string workspace = CubeInShell("random", 5, 4, 3, (i, j, k) => values[i + 5 * (j + 4 * k)]);

        var (_, onDevice) = fixture.Slice(workspace, new[] { 5, 4, 3 }, null, ("opencl", "on"));
        var (_, managed) = fixture.Slice(workspace, new[] { 5, 4, 3 }, null, ("opencl", "off"));

        List<Move> deviceMoves = FillMoves.Read(onDevice);
        List<Move> managedMoves = FillMoves.Read(managed);
        Assert.NotEmpty(deviceMoves);
        Assert.Equal(managedMoves, deviceMoves);
    }

    [OpenClFact]
    public void AutoMode_UsesTheOpenClDevice()
    {
        string folder = Directory.CreateDirectory(fixture.Path("auto-" + Guid.NewGuid().ToString("N"))).FullName;
        ShoreFiles.Write(Path.Combine(folder, "shore.pc"), 2, 2, 2, (_, _, _) => 50);
        var model = new ModelDefinition
        {
            Name = "shell.stl",
            Mesh = new Mesh(Solids.Box(0, 0, 0, 10, 10, 10).SelectMany(t => t).ToArray(), Enumerable.Range(0, 36).ToArray()),
            SlicingPriority = 2,
            HasModifierBlock = true,
            FileReference = "shore.pc",
        };
        var context = new ModifierContext
        {
            BaseDirectory = folder,
            ArrayDimensions = new[] { 2, 2, 2 },
            Settings = new Dictionary<string, string> { ["opencl"] = "auto" },
        };

        using var effect = (PointCloudInfill)new PointCloudModifier().Create(model, context);

        Assert.StartsWith("OpenCL on ", effect.Lookup);
    }

    [Fact]
    public void ZyxFile_SlicesLikeXyz()
    {
        Func<int, int, int, double> shore = (i, j, k) => 10 * i + 20 * j + 5 * k;
        string xyz = CubeInShell("order-xyz", 4, 3, 2, shore);
        string zyxFolder = Directory.CreateDirectory(fixture.Path("order-zyx-" + Guid.NewGuid().ToString("N"))).FullName;

        // Write the same voxels with Z fastest: file position k + nz * (j + ny * i).
        var bytes = new byte[4 * 3 * 2 * 8];
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                for (int k = 0; k < 2; k++)
                {
                    System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan((k + 2 * (j + 3 * i)) * 8), shore(i, j, k));
                }
            }
        }

        File.WriteAllBytes(Path.Combine(zyxFolder, "shore.pc"), bytes);
        string zyx = WriteCubeInShell(zyxFolder);

        var (_, fromXyz) = fixture.Slice(xyz, new[] { 4, 3, 2 });
        var (_, fromZyx) = fixture.Slice(zyx, new[] { 4, 3, 2 }, null, ("pointcloud_axis_order", "zyx"));

        Assert.Equal(FillMoves.Read(fromXyz), FillMoves.Read(fromZyx));
    }

    private string CubeInShell(string name, int nx, int ny, int nz, Func<int, int, int, double> shore)
    {
        string folder = Directory.CreateDirectory(fixture.Path(name + "-" + Guid.NewGuid().ToString("N"))).FullName;
        ShoreFiles.Write(Path.Combine(folder, "shore.pc"), nx, ny, nz, shore);
        return WriteCubeInShell(folder);
    }

    private static string WriteCubeInShell(string folder) =>
        Solids.WriteWorkspace(Path.Combine(folder, "cube-in-shell.rvwj"),
            Solids.Model("cube.stl", Solids.Box(100, 100, 0, 120, 120, 20)),
            Solids.Model("shell.stl", Solids.Box(98, 98, 0, 122, 122, 22), 2, "shore.pc"));
}
