using System.Text;
using System.Text.Json;
using RealVision.Abstractions.Errors;
using RealVision.Abstractions.Model;
using RealVision.Abstractions.Plugins;
using RealVision.Formats.Rvwj;
using RealVision.Geometry;
using Xunit;

namespace RealVision.Formats.Tests;

public class WorkspaceFormatTests
{
    private const string PlainMeta = "\"Name\":\"box.stl\",\"SlicingPriority\":0";

    private static readonly Triangle[] Cube10 = TestGeometry.Box(new Point3D(0, 0, 0), new Point3D(10, 10, 10));

    [Fact]
    public void Plugin_NameAndExtensions()
    {
        var format = new WorkspaceFormat();

        Assert.Equal("rvwj", format.Name);
        Assert.Equal(PluginKind.InputFormat, ((IPlugin)format).Kind);
        Assert.Equal(new[] { ".rvwj", ".json" }, format.Extensions);
    }

    [Fact]
    public void Cubetest_VendorSample()
    {
        var warnings = new List<string>();

        Workspace workspace = ReadDataFile("cubetest.rvwj", warnings);

        Assert.True(workspace.HasAbsolutePlacement);
        Assert.Equal(new[] { 2, 28, 1 }, workspace.PrinterTag);
        Assert.Equal("none", workspace.SelectedSupport);
        ModelDefinition model = Assert.Single(workspace.Models);
        Assert.Equal("20mm_cube.stl", model.Name);
        Assert.Equal(0, model.SlicingPriority);
        Assert.False(model.IsModifier);
        Assert.False(model.HasModifierBlock);
        Assert.Empty(model.ModifierSettings);
        Assert.Equal("PerformCheck", model.Watertight);
        Assert.Equal(0, model.PrintingMaterial);
        Assert.Null(model.FileReference);
        Assert.Equal(12, model.Mesh.TriangleCount);
        Assert.Equal(8, model.Mesh.Vertices.Length);
        Assert.Equal(8000, TestGeometry.Volume(model.Mesh), 1e-6);
        (Point3D min, Point3D max) = TestGeometry.Bounds(model.Mesh);
        Assert.Equal(new Point3D(65, 65, 0), min);
        Assert.Equal(new Point3D(85, 85, 20), max);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Calicat_VendorSample()
    {
        Workspace workspace = ReadDataFile("calicat.rvwj");

        ModelDefinition model = Assert.Single(workspace.Models);
        Assert.Equal("calicat.stl", model.Name);
        Assert.Equal(876, model.Mesh.TriangleCount);
        Assert.Equal(440, model.Mesh.Vertices.Length);
        Assert.Equal(440, model.Mesh.Vertices.Distinct().Count());
        Assert.Equal(12501.38, TestGeometry.Volume(model.Mesh), 0.1);
        (Point3D min, Point3D max) = TestGeometry.Bounds(model.Mesh);
        Assert.Equal(60.73, min.X, 0.01);
        Assert.Equal(89.27, max.X, 0.01);
        Assert.Equal(60.75, min.Y, 0.01);
        Assert.Equal(89.25, max.Y, 0.01);
        Assert.Equal(0, min.Z, 1e-9);
        Assert.Equal(35, max.Z, 1e-9);
    }

    [Fact]
    public void CalibrationCube_VendorSample()
    {
        Workspace workspace = ReadDataFile("calibration_cube.rvwj");

        ModelDefinition model = Assert.Single(workspace.Models);
        Assert.Equal(136, model.Mesh.TriangleCount);
        Assert.Equal(70, model.Mesh.Vertices.Length);
        Assert.Equal(7788.19, TestGeometry.Volume(model.Mesh), 0.01);
        (Point3D min, Point3D max) = TestGeometry.Bounds(model.Mesh);
        Assert.Equal(65, min.X, 1e-6);
        Assert.Equal(85, max.X, 1e-6);
        Assert.Equal(65, min.Y, 1e-6);
        Assert.Equal(85, max.Y, 1e-6);
        Assert.Equal(0, min.Z, 1e-6);
        Assert.Equal(20, max.Z, 1e-6);
    }

    [Fact]
    public void Cube20Json_GeneratorModifier()
    {
        var warnings = new List<string>();

        Workspace workspace = ReadDataFile("20mm_cube.json", warnings);

        Assert.Equal(new[] { 3, 0, 1 }, workspace.PrinterTag);
        ModelDefinition model = Assert.Single(workspace.Models);
        Assert.Equal(2, model.SlicingPriority);
        Assert.True(model.IsModifier);
        Assert.True(model.HasModifierBlock);
        Assert.Equal(0.5, model.ModifierSettings["FillDensityFactor"].GetDouble());
        Assert.Equal(0.5, model.ModifierSettings["filldensityfactor"].GetDouble());
        Assert.Equal(12, model.Mesh.TriangleCount);
        Assert.Equal(8, model.Mesh.Vertices.Length);
        Assert.Equal(8000, TestGeometry.Volume(model.Mesh), 1e-6);
        (Point3D min, Point3D max) = TestGeometry.Bounds(model.Mesh);
        Assert.Equal(new Point3D(100, 100, 0), min);
        Assert.Equal(new Point3D(120, 120, 20), max);
        Assert.Empty(warnings);
    }

    [Fact]
    public void CalicatJson_GeneratorObject()
    {
        Workspace workspace = ReadDataFile("calicat.json");

        ModelDefinition model = Assert.Single(workspace.Models);
        Assert.Equal(0, model.SlicingPriority);
        Assert.False(model.HasModifierBlock);
        Assert.Equal(876, model.Mesh.TriangleCount);
        Assert.Equal(440, model.Mesh.Vertices.Length);
        Assert.Equal(12501.38, TestGeometry.Volume(model.Mesh), 0.1);
        (Point3D min, Point3D max) = TestGeometry.Bounds(model.Mesh);
        Assert.Equal(95.73, min.X, 0.01);
        Assert.Equal(124.27, max.X, 0.01);
        Assert.Equal(95.75, min.Y, 0.01);
        Assert.Equal(124.25, max.Y, 0.01);
    }

    [Fact]
    public void Indices_SharedAndShuffledPositions()
    {
        // Eight distinct corners listed in a scrambled order, with one duplicate entry (index 8 repeats index 0).
        Point3D[] corners =
        {
            new(10, 10, 10), new(0, 0, 0), new(10, 0, 0), new(0, 10, 0),
            new(10, 10, 0), new(0, 0, 10), new(10, 0, 10), new(0, 10, 10), new(10, 10, 10),
        };
        var indices = new List<int>();
        foreach (Triangle t in Cube10)
        {
            foreach (Point3D p in new[] { t.A, t.B, t.C })
            {
                int index = Array.IndexOf(corners, p);
                indices.Add(index == 0 && indices.Count % 2 == 0 ? 8 : index);
            }
        }

        Workspace workspace = WorkspaceFiles.Read(WorkspaceFiles.Document(WorkspaceFiles.Model(PlainMeta, corners, indices)));

        Mesh mesh = Assert.Single(workspace.Models).Mesh;
        Assert.Equal(12, mesh.TriangleCount);
        Assert.Equal(8, mesh.Vertices.Length);
        Assert.Equal(1000, TestGeometry.Volume(mesh), 1e-9);
    }

    [Fact]
    public void Indices_ReversedOrderKeepsWinding()
    {
        Point3D[] corners = Cube10.SelectMany(t => new[] { t.A, t.B, t.C }).Reverse().ToArray();
        int n = corners.Length;
        IEnumerable<int> indices = Enumerable.Range(0, n).Select(i => n - 1 - i);

        Workspace workspace = WorkspaceFiles.Read(WorkspaceFiles.Document(WorkspaceFiles.Model(PlainMeta, corners, indices)));

        Assert.Equal(1000, TestGeometry.Volume(Assert.Single(workspace.Models).Mesh), 1e-9);
    }

    [Fact]
    public void Members_CaseInsensitive()
    {
        string json = WorkspaceFiles.Document(WorkspaceFiles.FlatModel(
            "\"NAME\":\"box.stl\",\"slicingpriority\":3,\"modifier\":{\"FillDensityFactor\":0.25},\"WATERTIGHT\":\"None\",\"printingmaterial\":1",
            Cube10))
            .Replace("\"Models\"", "\"models\"", StringComparison.Ordinal)
            .Replace("\"metaData\"", "\"METADATA\"", StringComparison.Ordinal)
            .Replace("\"ModelPositions\"", "\"modelpositions\"", StringComparison.Ordinal)
            .Replace("\"ModelIndices\"", "\"MODELINDICES\"", StringComparison.Ordinal)
            .Replace("\"X\"", "\"x\"", StringComparison.Ordinal)
            .Replace("\"Dummy\"", "\"dummy\"", StringComparison.Ordinal)
            .Replace("\"Printer\"", "\"printer\"", StringComparison.Ordinal);

        Workspace workspace = WorkspaceFiles.Read(json);

        ModelDefinition model = Assert.Single(workspace.Models);
        Assert.Equal("box.stl", model.Name);
        Assert.Equal(3, model.SlicingPriority);
        Assert.Equal(0.25, model.ModifierSettings["FillDensityFactor"].GetDouble());
        Assert.Equal("None", model.Watertight);
        Assert.Equal(1, model.PrintingMaterial);
        Assert.Equal(new[] { 3, 0, 1 }, workspace.PrinterTag);
        Assert.Equal(1000, TestGeometry.Volume(model.Mesh), 1e-9);
    }

    [Fact]
    public void MetaData_MissingPriorityMeansZero()
    {
        string json = WorkspaceFiles.Document(WorkspaceFiles.FlatModel("\"Name\":\"old.stl\"", Cube10));

        ModelDefinition model = Assert.Single(WorkspaceFiles.Read(json).Models);

        Assert.Equal(0, model.SlicingPriority);
        Assert.Null(model.Watertight);
    }

    [Fact]
    public void MetaData_PointCloudModifier()
    {
        string meta = "\"Name\":\"zone.stl\",\"SlicingPriority\":1,\"Modifier\":{},\"FileReference\":\"hardness_points.pc\"";

        ModelDefinition model = Assert.Single(WorkspaceFiles.Read(WorkspaceFiles.Document(WorkspaceFiles.FlatModel(meta, Cube10))).Models);

        Assert.True(model.HasModifierBlock);
        Assert.Empty(model.ModifierSettings);
        Assert.Equal("hardness_points.pc", model.FileReference);
        Assert.Equal(1, model.SlicingPriority);
    }

    [Fact]
    public void MetaData_DirectFillDensityMoved()
    {
        string meta = "\"Name\":\"zone.stl\",\"SlicingPriority\":2,\"FillDensityFactor\":0.3";
        var warnings = new List<string>();

        ModelDefinition model = Assert.Single(WorkspaceFiles.Read(WorkspaceFiles.Document(WorkspaceFiles.FlatModel(meta, Cube10)), "portal.rvwj", warnings).Models);

        Assert.True(model.HasModifierBlock);
        Assert.Equal(0.3, model.ModifierSettings["FillDensityFactor"].GetDouble());
        string warning = Assert.Single(warnings);
        Assert.Contains("portal.rvwj", warning);
    }

    [Fact]
    public void MetaData_ModifierBlockWinsOverDirect()
    {
        string meta = "\"Name\":\"zone.stl\",\"SlicingPriority\":2,\"FillDensityFactor\":0.3,\"Modifier\":{\"FillDensityFactor\":0.7}";

        ModelDefinition model = Assert.Single(WorkspaceFiles.Read(WorkspaceFiles.Document(WorkspaceFiles.FlatModel(meta, Cube10))).Models);

        Assert.Equal(0.7, model.ModifierSettings["FillDensityFactor"].GetDouble());
    }

    [Fact]
    public void MetaData_ModifierNotObjectRejected()
    {
        string meta = "\"Name\":\"zone.stl\",\"SlicingPriority\":2,\"Modifier\":0.5";

        InputException error = AssertInvalid(() => WorkspaceFiles.Read(WorkspaceFiles.Document(WorkspaceFiles.FlatModel(meta, Cube10))), "plate.rvwj");

        Assert.Contains("zone.stl", error.Message);
        Assert.Contains("Modifier", error.Message);
    }

    [Fact]
    public void Legacy_DefaultsDoNotWarn()
    {
        string extra = "\"position\":{\"X\":0,\"Y\":0,\"Z\":0},\"scale\":{\"X\":1,\"Y\":1,\"Z\":1},\"rotationX\":0,\"rotationY\":0,\"rotationZ\":0,"
            + "\"FlipedX\":false,\"FlipedY\":false,\"FlipedZ\":false,";
        var warnings = new List<string>();

        WorkspaceFiles.Read(WorkspaceFiles.Document(WorkspaceFiles.FlatModel(PlainMeta, Cube10, extra)), warnings: warnings);

        Assert.Empty(warnings);
    }

    [Fact]
    public void Legacy_ChangedFieldsWarnAndAreIgnored()
    {
        string extra = "\"position\":{\"X\":5,\"Y\":0,\"Z\":0},\"scale\":{\"X\":2,\"Y\":2,\"Z\":2},\"rotationZ\":90,\"FlipedY\":true,";
        var warnings = new List<string>();

        Workspace workspace = WorkspaceFiles.Read(WorkspaceFiles.Document(WorkspaceFiles.FlatModel(PlainMeta, Cube10, extra)), "moved.rvwj", warnings);

        Mesh mesh = Assert.Single(workspace.Models).Mesh;
        Assert.Equal(1000, TestGeometry.Volume(mesh), 1e-9);
        Assert.Equal(new Point3D(10, 10, 10), TestGeometry.Bounds(mesh).Max);
        string warning = Assert.Single(warnings);
        Assert.Contains("moved.rvwj", warning);
        Assert.Contains("box.stl", warning);
        Assert.Contains("position", warning);
        Assert.Contains("scale", warning);
        Assert.Contains("rotationZ", warning);
        Assert.Contains("FlipedY", warning);
    }

    [Fact]
    public void Models_SeveralKeptInOrder()
    {
        Triangle[] far = TestGeometry.Box(new Point3D(50, 50, 0), new Point3D(52, 53, 4));
        string json = WorkspaceFiles.Document(
            WorkspaceFiles.FlatModel("\"Name\":\"a.stl\"", Cube10),
            WorkspaceFiles.FlatModel("\"Name\":\"b.stl\",\"SlicingPriority\":1,\"Modifier\":{\"FillDensityFactor\":1}", far));

        Workspace workspace = WorkspaceFiles.Read(json);

        Assert.Equal(2, workspace.Models.Count);
        Assert.Equal("a.stl", workspace.Models[0].Name);
        Assert.Equal("b.stl", workspace.Models[1].Name);
        Assert.Equal(1000, TestGeometry.Volume(workspace.Models[0].Mesh), 1e-9);
        Assert.Equal(24, TestGeometry.Volume(workspace.Models[1].Mesh), 1e-9);
    }

    [Fact]
    public void Format_PrettyCrLfWithByteOrderMark()
    {
        string compact = File.ReadAllText(TestData.Path("20mm_cube.json"));
        string pretty = JsonSerializer.Serialize(JsonDocument.Parse(compact).RootElement, new JsonSerializerOptions { WriteIndented = true })
            .ReplaceLineEndings("\r\n");
        byte[] data = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(pretty)).ToArray();

        Workspace workspace = WorkspaceFiles.Read(data, "pretty.rvwj");

        Assert.Equal(8000, TestGeometry.Volume(Assert.Single(workspace.Models).Mesh), 1e-6);
    }

    [Fact]
    public void Format_NonSeekableStream()
    {
        using var stream = new ForwardOnlyStream(File.ReadAllBytes(TestData.Path("cubetest.rvwj")));

        Workspace workspace = new WorkspaceFormat().Read(stream, new InputContext { FileName = "pipe.rvwj" });

        Assert.Equal(12, Assert.Single(workspace.Models).Mesh.TriangleCount);
    }

    [Fact]
    public void Indices_CountNotMultipleOfThreeRejected()
    {
        string json = WorkspaceFiles.Document(WorkspaceFiles.Model(PlainMeta, Cube10.Select(t => t.A), new[] { 0, 1, 2, 3 }));

        InputException error = AssertInvalid(() => WorkspaceFiles.Read(json, "odd.rvwj"), "odd.rvwj");

        Assert.Contains("box.stl", error.Message);
        Assert.Contains("ModelIndices", error.Message);
        Assert.Contains("4", error.Message);
    }

    [Theory]
    [InlineData(36)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Indices_OutOfRangeRejected(int badIndex)
    {
        int[] indices = Enumerable.Range(0, 36).ToArray();
        indices[17] = badIndex;
        string json = WorkspaceFiles.Document(WorkspaceFiles.Model(PlainMeta, Cube10.SelectMany(t => new[] { t.A, t.B, t.C }), indices));

        InputException error = AssertInvalid(() => WorkspaceFiles.Read(json, "range.rvwj"), "range.rvwj");

        Assert.Contains("box.stl", error.Message);
        Assert.Contains("ModelIndices[17]", error.Message);
        Assert.Contains(badIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("solid cube")]
    [InlineData("{\"Models\": [")]
    [InlineData("{\"Models\": [{]}")]
    [InlineData("[1, 2, 3]")]
    [InlineData("\"text\"")]
    public void NotJson_Rejected(string text)
    {
        AssertInvalid(() => WorkspaceFiles.Read(text, "broken.rvwj"), "broken.rvwj");
    }

    [Fact]
    public void NullDocument_Rejected()
    {
        AssertInvalid(() => WorkspaceFiles.Read("null", "null.rvwj"), "null.rvwj");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"Printer\":{\"Dummy\":[3,0,1]},\"SelectedSupport\":\"none\"}")]
    [InlineData("{\"Models\":null}")]
    public void Models_MissingRejected(string json)
    {
        InputException error = AssertInvalid(() => WorkspaceFiles.Read(json, "nomodels.rvwj"), "nomodels.rvwj");

        Assert.Contains("Models", error.Message);
    }

    [Fact]
    public void Models_NotArrayRejected()
    {
        AssertInvalid(() => WorkspaceFiles.Read("{\"Models\":{}}", "object.rvwj"), "object.rvwj");
    }

    [Fact]
    public void Models_EmptyRejected()
    {
        InputException error = AssertInvalid(() => WorkspaceFiles.Read(WorkspaceFiles.Document(), "empty.rvwj"), "empty.rvwj");

        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void Models_NullEntryRejected()
    {
        InputException error = AssertInvalid(() => WorkspaceFiles.Read(WorkspaceFiles.Document("null"), "hole.rvwj"), "hole.rvwj");

        Assert.Contains("Models[0]", error.Message);
    }

    [Theory]
    [InlineData("{\"metaData\":{\"Name\":\"bare.stl\"}}")]
    [InlineData("{\"metaData\":{\"Name\":\"bare.stl\"},\"ModelPositions\":[],\"ModelIndices\":[]}")]
    [InlineData("{\"metaData\":{\"Name\":\"bare.stl\"},\"ModelPositions\":[{\"X\":0,\"Y\":0,\"Z\":0}]}")]
    [InlineData("{\"metaData\":{\"Name\":\"bare.stl\"},\"ModelIndices\":[0,0,0]}")]
    public void Mesh_MissingRejected(string model)
    {
        InputException error = AssertInvalid(() => WorkspaceFiles.Read(WorkspaceFiles.Document(model), "bare.rvwj"), "bare.rvwj");

        Assert.Contains("bare.stl", error.Message);
        Assert.Contains("no mesh", error.Message);
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("null")]
    [InlineData("\"Infinity\"")]
    [InlineData("1e400")]
    [InlineData("-1e309")]
    public void Coordinates_NonFiniteRejected(string value)
    {
        string model = WorkspaceFiles.FlatModel(PlainMeta, Cube10);
        int at = model.IndexOf("\"Y\":", model.IndexOf("ModelPositions", StringComparison.Ordinal), StringComparison.Ordinal);
        int end = model.IndexOfAny(new[] { ',', '}' }, at + 4);
        model = model[..(at + 4)] + value + model[end..];

        InputException error = AssertInvalid(() => WorkspaceFiles.Read(WorkspaceFiles.Document(model), "nan.rvwj"), "nan.rvwj");

        Assert.Contains("box.stl", error.Message);
        Assert.Contains("ModelPositions[0]", error.Message);
    }

    [Fact]
    public void Coordinates_BareNaNRejected()
    {
        string model = WorkspaceFiles.FlatModel(PlainMeta, Cube10).Replace("\"Z\":10", "\"Z\":NaN", StringComparison.Ordinal);

        InputException error = AssertInvalid(() => WorkspaceFiles.Read(WorkspaceFiles.Document(model), "nan.rvwj"), "nan.rvwj");

        Assert.Contains("Models[0]", error.Message);
    }

    [Fact]
    public void Coordinates_MissingMemberRejected()
    {
        string model = WorkspaceFiles.FlatModel(PlainMeta, Cube10);
        int at = model.IndexOf(",\"Z\":", model.IndexOf("ModelPositions", StringComparison.Ordinal), StringComparison.Ordinal);
        model = model[..at] + model[model.IndexOf('}', at)..];

        InputException error = AssertInvalid(() => WorkspaceFiles.Read(WorkspaceFiles.Document(model), "noz.rvwj"), "noz.rvwj");

        Assert.Contains("Models[0]", error.Message);
        Assert.Contains("Z", error.Message);
    }

    [Fact]
    public void Depth_LimitEnforced()
    {
        string deep = new string('[', 100) + new string(']', 100);
        string json = "{\"Models\":[],\"Extra\":" + deep + "}";

        InputException error = AssertInvalid(() => WorkspaceFiles.Read(json, "deep.rvwj"), "deep.rvwj");

        Assert.Contains("depth", error.Message);
    }

    [Fact]
    public void Bounds_PlaceholderAndHullIgnored()
    {
        string model = WorkspaceFiles.FlatModel(PlainMeta, Cube10)
            .Replace("\"BoundsIndices\":[0]", "\"BoundsIndices\":[0,1,2,3,4]", StringComparison.Ordinal);

        Workspace workspace = WorkspaceFiles.Read(WorkspaceFiles.Document(model));

        Assert.Equal(1000, TestGeometry.Volume(Assert.Single(workspace.Models).Mesh), 1e-9);
    }

    [Fact]
    public void Cancellation_Honoured()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var context = new InputContext { FileName = "plate.rvwj", CancellationToken = cancellation.Token };
        byte[] data = File.ReadAllBytes(TestData.Path("cubetest.rvwj"));

        Assert.ThrowsAny<OperationCanceledException>(() => new WorkspaceFormat().Read(new MemoryStream(data), context));
    }

    private static Workspace ReadDataFile(string name, IList<string>? warnings = null)
    {
        using FileStream stream = File.OpenRead(TestData.Path(name));
        var context = new InputContext { FileName = name, Warnings = warnings ?? new List<string>() };
        return new WorkspaceFormat().Read(stream, context);
    }

    private static InputException AssertInvalid(Func<object> read, string fileName)
    {
        InputException error = Assert.Throws<InputException>(read);
        Assert.Equal(ErrorCodes.InvalidInput, error.ErrorCode);
        Assert.StartsWith(fileName + ":", error.Message);
        return error;
    }
}
