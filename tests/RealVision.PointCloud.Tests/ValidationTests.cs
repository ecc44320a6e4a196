using RealVision.Abstractions.Errors;
using RealVision.PointCloud.Tests.Support;

namespace RealVision.PointCloud.Tests;

/// <summary>Every check the point-cloud modifier makes before slicing: its error code, its message, and that nothing was written.</summary>
public sealed class ValidationTests : IClassFixture<SliceFixture>
{
    private static readonly int[] Dimensions = { 4, 4, 4 };
    private readonly SliceFixture fixture;

    public ValidationTests(SliceFixture fixture)
    {
        this.fixture = fixture;
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../shore.pc")]
    [InlineData("/tmp/shore.pc")]
    [InlineData("sub\\shore.pc")]
    [InlineData("")]
    public void ReferenceWithPath_IsRejected(string reference)
    {
        string folder = NewFolder();
        ShoreFiles.Write(Path.Combine(folder, "shore.pc"), 4, 4, 4, (_, _, _) => 50);
        string workspace = Workspace(folder, reference);

        (RealVisionException ex, long written) = Rejected(workspace, Dimensions);

        Assert.Equal("URE000", ex.ErrorCode);
        Assert.Contains("shell.stl", ex.Message);
        Assert.Contains(reference.Length == 0 ? "FileReference is empty" : $"'{reference}'", ex.Message);
        Assert.Equal(0, written);
    }

    [Fact]
    public void MissingFile_IsUre006NamingIt()
    {
        string workspace = Workspace(NewFolder(), "missing.pc");

        (RealVisionException ex, long written) = Rejected(workspace, Dimensions);

        Assert.Equal("URE006", ex.ErrorCode);
        Assert.Contains("'missing.pc'", ex.Message);
        Assert.Contains("shell.stl", ex.Message);
        Assert.Equal(0, written);
    }

    [Fact]
    public void SentFileOtherName_NotUsed()
    {
        string folder = NewFolder();
        string elsewhere = ShoreFiles.Write(fixture.Path($"other-{Guid.NewGuid():N}.pc"), 4, 4, 4, (_, _, _) => 50);
        string workspace = Workspace(folder, "shore.pc");

        (RealVisionException ex, long written) = Rejected(workspace, Dimensions, new Dictionary<string, string> { ["Shore.pc"] = elsewhere });

        Assert.Equal("URE006", ex.ErrorCode);
        Assert.Equal(0, written);
    }

    [Fact]
    public void SentFile_FoundByExactName()
    {
        string folder = NewFolder();
        string elsewhere = ShoreFiles.Write(fixture.Path($"upload-{Guid.NewGuid():N}.tmp"), 4, 4, 4, (_, _, _) => 50);
        string workspace = Workspace(folder, "shore.pc");

        var (result, output) = fixture.Slice(workspace, Dimensions, new Dictionary<string, string> { ["shore.pc"] = elsewhere });

        Assert.True(new FileInfo(output).Length > 0);
        Assert.True(result.Statistics.LayerCount > 0);
    }

    [Fact]
    public void MissingArrayDimensions_AreRejected()
    {
        string workspace = WorkspaceWithFile(4, 4, 4, (_, _, _) => 50);

        (RealVisionException ex, long written) = Rejected(workspace, null);

        Assert.Equal("URE000", ex.ErrorCode);
        Assert.Contains("arrayDimensions", ex.Message);
        Assert.Contains("shell.stl", ex.Message);
        Assert.Equal(0, written);
    }

    [Theory]
    [InlineData(new[] { 0, 4, 4 })]
    [InlineData(new[] { 4, -1, 4 })]
    [InlineData(new[] { 4, 4 })]
    [InlineData(new[] { 4, 4, 4, 1 })]
    public void InvalidArrayDimensions_AreRejected(int[] dimensions)
    {
        string workspace = WorkspaceWithFile(4, 4, 4, (_, _, _) => 50);

        (RealVisionException ex, long written) = Rejected(workspace, dimensions);

        Assert.Equal("URE000", ex.ErrorCode);
        Assert.Contains($"[{string.Join(", ", dimensions)}]", ex.Message);
        Assert.Equal(0, written);
    }

    [Fact]
    public void SizeMismatch_NamesBothByteCounts()
    {
        string workspace = WorkspaceWithFile(4, 4, 4, (_, _, _) => 50);

        (RealVisionException ex, long written) = Rejected(workspace, new[] { 5, 4, 4 });

        Assert.Equal("URE000", ex.ErrorCode);
        Assert.Contains("512 bytes", ex.Message); // 4 * 4 * 4 * 8 in the file
        Assert.Contains("640 bytes", ex.Message); // 5 * 4 * 4 * 8 expected
        Assert.Equal(0, written);
    }

    [Fact]
    public void NaN_IsRejectedWithItsVoxel()
    {
        string workspace = WorkspaceWithFile(4, 4, 4, (i, j, k) => (i, j, k) == (2, 1, 3) ? double.NaN : 50);

        (RealVisionException ex, long written) = Rejected(workspace, Dimensions);

        Assert.Equal("URE000", ex.ErrorCode);
        Assert.Contains("NaN", ex.Message);
        Assert.Contains("voxel (2, 1, 3)", ex.Message);
        Assert.Equal(0, written);
    }

    [Fact]
    public void NegativeValue_IsRejectedWithItsVoxel()
    {
        string workspace = WorkspaceWithFile(4, 4, 4, (i, j, k) => (i, j, k) == (0, 3, 1) || (i, j, k) == (3, 3, 3) ? -5 : 50);

        (RealVisionException ex, long written) = Rejected(workspace, Dimensions);

        Assert.Equal("URE000", ex.ErrorCode);
        Assert.Contains("-5", ex.Message);
        Assert.Contains("voxel (0, 3, 1)", ex.Message);
        Assert.Contains("2 values are invalid", ex.Message);
        Assert.Equal(0, written);
    }

    [Fact]
    public void InfiniteValue_IsRejectedWithItsVoxel()
    {
        string workspace = WorkspaceWithFile(4, 4, 4, (i, j, k) => (i, j, k) == (3, 0, 0) ? double.PositiveInfinity : 50);

        (RealVisionException ex, long written) = Rejected(workspace, Dimensions);

        Assert.Equal("URE000", ex.ErrorCode);
        Assert.Contains("voxel (3, 0, 0)", ex.Message);
        Assert.Equal(0, written);
    }

    [Fact]
    public void ZyxOrder_ReportsVoxelByAxes()
    {
        // In Z-fastest order the tenth value (index 9) is k = 1, j = 2, i = 0.
        string folder = NewFolder();
        var bytes = new byte[4 * 4 * 4 * 8];
        BitConverter.TryWriteBytes(bytes.AsSpan(9 * 8), -1.0);
        File.WriteAllBytes(Path.Combine(folder, "shore.pc"), bytes);
        string workspace = Workspace(folder, "shore.pc");

        (RealVisionException ex, long written) = Rejected(workspace, Dimensions, settings: ("pointcloud_axis_order", "zyx"));

        Assert.Contains("voxel (0, 2, 1)", ex.Message);
        Assert.Contains("byte offset 72", ex.Message);
        Assert.Equal(0, written);
    }

    [Fact]
    public void FillDensityBesideFileReference_IsRejected()
    {
        string folder = NewFolder();
        ShoreFiles.Write(Path.Combine(folder, "shore.pc"), 4, 4, 4, (_, _, _) => 50);
        string workspace = Solids.WriteWorkspace(Path.Combine(folder, "ws.rvwj"),
            Solids.Model("cube.stl", Solids.Box(100, 100, 0, 120, 120, 20)),
            Solids.Model("shell.stl", Solids.Box(100, 100, 0, 120, 120, 20), 2, "shore.pc",
                new System.Text.Json.Nodes.JsonObject { ["FillDensityFactor"] = 0.5 }));

        (RealVisionException ex, long written) = Rejected(workspace, Dimensions);

        Assert.Equal("URE000", ex.ErrorCode);
        Assert.Contains("FillDensityFactor", ex.Message);
        Assert.Contains("shell.stl", ex.Message);
        Assert.Equal(0, written);
    }

    [Fact]
    public void FlatModifier_IsRejected()
    {
        string folder = NewFolder();
        ShoreFiles.Write(Path.Combine(folder, "shore.pc"), 4, 4, 4, (_, _, _) => 50);
        string workspace = Solids.WriteWorkspace(Path.Combine(folder, "ws.rvwj"),
            Solids.Model("cube.stl", Solids.Box(100, 100, 0, 120, 120, 20)),
            Solids.Model("shell.stl", Solids.Box(100, 100, 5, 120, 120, 5), 2, "shore.pc"));

        (RealVisionException ex, long written) = Rejected(workspace, Dimensions);

        Assert.Equal("URE000", ex.ErrorCode);
        Assert.Contains("shell.stl", ex.Message);
        Assert.Contains("20 x 20 x 0 mm", ex.Message);
        Assert.Equal(0, written);
    }

    [Fact]
    public void ShoreRangeInverted_IsRejected()
    {
        string workspace = WorkspaceWithFile(4, 4, 4, (_, _, _) => 50);

        (RealVisionException ex, long written) = Rejected(workspace, Dimensions,
            settings: new[] { ("pointcloud_shore_min", "80"), ("pointcloud_shore_max", "20") });

        Assert.Equal("RV001", ex.ErrorCode);
        Assert.Contains("pointcloud_shore_max", ex.Message);
        Assert.Equal(0, written);
    }

    private string NewFolder() => Directory.CreateDirectory(fixture.Path(Guid.NewGuid().ToString("N"))).FullName;

    private static string Workspace(string folder, string reference) =>
        Solids.WriteWorkspace(Path.Combine(folder, "ws.rvwj"),
            Solids.Model("cube.stl", Solids.Box(100, 100, 0, 120, 120, 20)),
            Solids.Model("shell.stl", Solids.Box(100, 100, 0, 120, 120, 20), 2, reference));

    private string WorkspaceWithFile(int nx, int ny, int nz, Func<int, int, int, double> value)
    {
        string folder = NewFolder();
        ShoreFiles.Write(Path.Combine(folder, "shore.pc"), nx, ny, nz, value);
        return Workspace(folder, "shore.pc");
    }

    private (RealVisionException Error, long Written) Rejected(
        string workspace, int[]? dimensions, IReadOnlyDictionary<string, string>? files = null, params (string Key, string Value)[] settings)
    {
        using var output = new MemoryStream();
        var ex = Assert.ThrowsAny<RealVisionException>(() =>
            fixture.Engine.Slice(SliceFixture.Request(workspace, dimensions, files, settings), output));
        return (ex, output.Length);
    }
}
