using System.Text;
using RealVision.Abstractions.Errors;
using RealVision.Abstractions.Model;
using RealVision.Abstractions.Plugins;
using RealVision.Formats.Stl;
using RealVision.Geometry;
using Xunit;

namespace RealVision.Formats.Tests;

public class StlFormatTests
{
    private static readonly Triangle[] Cube20 = TestGeometry.Box(new Point3D(0, 0, 0), new Point3D(20, 20, 20));

    [Fact]
    public void Plugin_NameAndExtension()
    {
        var format = new StlFormat();

        Assert.Equal("stl", format.Name);
        Assert.Equal(PluginKind.InputFormat, ((IPlugin)format).Kind);
        Assert.Equal(new[] { ".stl" }, format.Extensions);
    }

    [Fact]
    public void Calicat_BinaryWithSolidHeader()
    {
        byte[] data = File.ReadAllBytes(TestData.Path("calicat.stl"));
        Assert.StartsWith("solid", Encoding.ASCII.GetString(data, 0, 5));
        var warnings = new List<string>();

        Workspace workspace = StlFiles.Read(data, "calicat.stl", warnings);

        Assert.False(workspace.HasAbsolutePlacement);
        ModelDefinition model = Assert.Single(workspace.Models);
        Assert.Equal("calicat.stl", model.Name);
        Assert.Equal(0, model.SlicingPriority);
        Assert.Equal(876, model.Mesh.TriangleCount);
        Assert.Equal(440, model.Mesh.Vertices.Length);
        Assert.Equal(440, model.Mesh.Vertices.Distinct().Count());
        Assert.Equal(12501.38, TestGeometry.Volume(model.Mesh), 0.1);
        (Point3D min, Point3D max) = TestGeometry.Bounds(model.Mesh);
        Assert.Equal(0.4645, min.X, 0.001);
        Assert.Equal(29, max.X, 0.001);
        Assert.Equal(0, min.Y, 0.001);
        Assert.Equal(28.5, max.Y, 0.001);
        Assert.Equal(0, min.Z, 0.001);
        Assert.Equal(35, max.Z, 0.001);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Cube20_AsciiDataFile()
    {
        var warnings = new List<string>();

        Workspace workspace = StlFiles.Read(File.ReadAllBytes(TestData.Path("20mm_cube.stl")), "20mm_cube.stl", warnings);

        ModelDefinition model = Assert.Single(workspace.Models);
        Assert.Equal("20mm_cube.stl", model.Name);
        Assert.Equal(12, model.Mesh.TriangleCount);
        Assert.Equal(8, model.Mesh.Vertices.Length);
        Assert.Equal(8000, TestGeometry.Volume(model.Mesh), 1e-6);
        (Point3D min, Point3D max) = TestGeometry.Bounds(model.Mesh);
        Assert.Equal(new Point3D(0, -20, 0), min);
        Assert.Equal(new Point3D(20, 0, 20), max);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Binary_Cube()
    {
        Mesh mesh = SingleMesh(StlFiles.Read(StlFiles.Binary(Cube20)));

        Assert.Equal(12, mesh.TriangleCount);
        Assert.Equal(8, mesh.Vertices.Length);
        Assert.Equal(8000, TestGeometry.Volume(mesh), 1e-9);
    }

    [Fact]
    public void Binary_HeaderLooksLikeAscii()
    {
        string header = "solid cube facet normal 0 0 1 outer loop vertex 1 2 3 endloop endfacet";
        var warnings = new List<string>();

        Mesh mesh = SingleMesh(StlFiles.Read(StlFiles.Binary(Cube20, header), warnings: warnings));

        Assert.Equal(12, mesh.TriangleCount);
        Assert.Equal(8000, TestGeometry.Volume(mesh), 1e-9);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Binary_NonSeekableStream()
    {
        byte[] data = StlFiles.Binary(Cube20, "solid but binary");
        using var stream = new ForwardOnlyStream(data);

        Workspace workspace = new StlFormat().Read(stream, new InputContext { FileName = "pipe.stl" });

        Assert.Equal(12, SingleMesh(workspace).TriangleCount);
        Assert.Equal(8000, TestGeometry.Volume(SingleMesh(workspace)), 1e-9);
    }

    [Fact]
    public void Ascii_NonSeekableStream()
    {
        using var stream = new ForwardOnlyStream(Encoding.ASCII.GetBytes(StlFiles.Ascii(Cube20)));

        Workspace workspace = new StlFormat().Read(stream, new InputContext { FileName = "pipe.stl" });

        Assert.Equal(8000, TestGeometry.Volume(SingleMesh(workspace)), 1e-9);
    }

    [Fact]
    public void Binary_StreamStartsMidway()
    {
        byte[] file = StlFiles.Binary(Cube20);
        byte[] padded = new byte[7 + file.Length];
        file.CopyTo(padded, 7);
        var stream = new MemoryStream(padded) { Position = 7 };

        Workspace workspace = new StlFormat().Read(stream, new InputContext { FileName = "offset.stl" });

        Assert.Equal(12, SingleMesh(workspace).TriangleCount);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Ascii_LineEnds(string newline)
    {
        var warnings = new List<string>();

        Mesh mesh = SingleMesh(StlFiles.Read(StlFiles.Ascii(Cube20, newline), warnings: warnings));

        Assert.Equal(12, mesh.TriangleCount);
        Assert.Equal(8, mesh.Vertices.Length);
        Assert.Equal(8000, TestGeometry.Volume(mesh), 1e-9);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Ascii_TabsBlankLinesIndentation()
    {
        var text = new StringBuilder("\n\n   solid\tweird name here \r\n\r\n");
        StlFiles.AppendFacets(text, Cube20, newline: "\n\n", indent: "\t \t");
        text.Append("\t endsolid\n\n  \t\n");

        Mesh mesh = SingleMesh(StlFiles.Read(text.ToString()));

        Assert.Equal(12, mesh.TriangleCount);
        Assert.Equal(8000, TestGeometry.Volume(mesh), 1e-9);
    }

    [Fact]
    public void Ascii_BareSolidAndEndsolid()
    {
        var text = new StringBuilder("solid\n");
        StlFiles.AppendFacets(text, Cube20);
        text.Append("endsolid\n");

        Mesh mesh = SingleMesh(StlFiles.Read(text.ToString()));

        Assert.Equal(12, mesh.TriangleCount);
    }

    [Fact]
    public void Ascii_UpperCaseKeywordsAndByteOrderMark()
    {
        string text = "\uFEFF" + StlFiles.Ascii(Cube20).ToUpperInvariant();

        Mesh mesh = SingleMesh(StlFiles.Read(text));

        Assert.Equal(8000, TestGeometry.Volume(mesh), 1e-9);
    }

    [Fact]
    public void Ascii_AllOnOneLine()
    {
        string text = StlFiles.Ascii(Cube20, newline: " ", indent: string.Empty);

        Mesh mesh = SingleMesh(StlFiles.Read(text));

        Assert.Equal(12, mesh.TriangleCount);
        Assert.Equal(8000, TestGeometry.Volume(mesh), 1e-9);
    }

    [Theory]
    [InlineData("2.0000000e+001", 20.0)]
    [InlineData("+20.000", 20.0)]
    [InlineData("2e1", 20.0)]
    [InlineData("2E+1", 20.0)]
    [InlineData(".5", 0.5)]
    [InlineData("-.25", -0.25)]
    [InlineData("-0", 0.0)]
    [InlineData("-1.97e-016", -1.97e-16)]
    [InlineData("100", 100.0)]
    public void Ascii_NumberSpellings(string spelling, double expected)
    {
        string text = "solid n\nfacet normal -1.97e-016 +0.0 1.0E+000\nouter loop\n"
            + $"vertex {spelling} 7 7\nvertex 1 2 3\nvertex 4 5 6\nendloop\nendfacet\nendsolid n\n";

        Mesh mesh = SingleMesh(StlFiles.Read(text));

        Point3D first = mesh.Vertices[mesh.Indices[0]];
        Assert.Equal((double)(float)expected, first.X);
        Assert.False(double.IsNegative(first.X) && first.X == 0, "Negative zero must be stored as +0.");
        Assert.Equal(new Point3D(1, 2, 3), mesh.Vertices[mesh.Indices[1]]);
    }

    [Fact]
    public void Ascii_NegativeZeroWelds()
    {
        Triangle[] tetra = TestGeometry.Tetrahedron(10, 20, 30);
        string text = StlFiles.Ascii(tetra);
        int first = text.IndexOf("vertex 0 0 0", StringComparison.Ordinal);
        text = text[..first] + "vertex -0 -0.0 -0e0" + text[(first + "vertex 0 0 0".Length)..];

        Mesh mesh = SingleMesh(StlFiles.Read(text));

        Assert.Equal(4, mesh.TriangleCount);
        Assert.Equal(4, mesh.Vertices.Length);
        Assert.Equal(10.0 * 20 * 30 / 6, TestGeometry.Volume(mesh), 1e-9);
    }

    [Fact]
    public void Binary_NegativeZeroWelds()
    {
        var zero = new Point3D(0, 0, 0);
        var negativeZero = new Point3D(-0.0, -0.0, -0.0);
        Triangle[] tetra = TestGeometry.Tetrahedron(3, 4, 5)
            .Select((t, i) => i == 0 && t.A == zero ? t with { A = negativeZero } : t)
            .ToArray();

        Mesh mesh = SingleMesh(StlFiles.Read(StlFiles.Binary(tetra)));

        Assert.Equal(4, mesh.Vertices.Length);
        Assert.Equal(3.0 * 4 * 5 / 6, TestGeometry.Volume(mesh), 1e-9);
    }

    [Fact]
    public void Ascii_EndLoopAsTwoWords()
    {
        string text = StlFiles.Ascii(Cube20).Replace("endloop", "end loop", StringComparison.Ordinal);

        Mesh mesh = SingleMesh(StlFiles.Read(text));

        Assert.Equal(8000, TestGeometry.Volume(mesh), 1e-9);
    }

    [Fact]
    public void Ascii_MultipleSolidsMergeIntoOneModel()
    {
        Triangle[] first = TestGeometry.Box(new Point3D(0, 0, 0), new Point3D(10, 10, 10));
        Triangle[] second = TestGeometry.Box(new Point3D(20, 20, 20), new Point3D(30, 30, 30));
        string text = StlFiles.Ascii(first, name: "first") + StlFiles.Ascii(second, name: "second");
        var warnings = new List<string>();

        Workspace workspace = StlFiles.Read(text, "two.stl", warnings);

        ModelDefinition model = Assert.Single(workspace.Models);
        Assert.Equal("two.stl", model.Name);
        Assert.Equal(24, model.Mesh.TriangleCount);
        Assert.Equal(16, model.Mesh.Vertices.Length);
        Assert.Equal(2000, TestGeometry.Volume(model.Mesh), 1e-9);
        (Point3D min, Point3D max) = TestGeometry.Bounds(model.Mesh);
        Assert.Equal(new Point3D(0, 0, 0), min);
        Assert.Equal(new Point3D(30, 30, 30), max);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Ascii_MissingEndsolidWarns()
    {
        string text = StlFiles.Ascii(Cube20).Replace("endsolid test\n", string.Empty, StringComparison.Ordinal);
        var warnings = new List<string>();

        Mesh mesh = SingleMesh(StlFiles.Read(text, "open.stl", warnings));

        Assert.Equal(12, mesh.TriangleCount);
        string warning = Assert.Single(warnings);
        Assert.Contains("open.stl", warning);
        Assert.Contains("endsolid", warning);
    }

    [Fact]
    public void Ascii_MissingEndsolidBeforeNextSolidWarns()
    {
        Triangle[] first = TestGeometry.Box(new Point3D(0, 0, 0), new Point3D(10, 10, 10));
        Triangle[] second = TestGeometry.Box(new Point3D(20, 0, 0), new Point3D(30, 10, 10));
        string text = StlFiles.Ascii(first, name: "a").Replace("endsolid a\n", string.Empty, StringComparison.Ordinal)
            + StlFiles.Ascii(second, name: "b");
        var warnings = new List<string>();

        Mesh mesh = SingleMesh(StlFiles.Read(text, warnings: warnings));

        Assert.Equal(24, mesh.TriangleCount);
        Assert.Equal(2000, TestGeometry.Volume(mesh), 1e-9);
        Assert.Single(warnings);
    }

    [Fact]
    public void Ascii_CutInsideFacet()
    {
        string text = StlFiles.Ascii(Cube20);
        int fifthFacet = IndexOfNth(text, "facet normal", 5);
        int loopEnd = text.IndexOf("outer loop\n", fifthFacet, StringComparison.Ordinal) + "outer loop\n".Length;
        string cut = text[..loopEnd];
        int outerLoopLine = cut.Count(c => c == '\n');

        InputException error = AssertInvalid(() => StlFiles.Read(cut, "cut.stl"), "cut.stl");

        Assert.Contains($"after line {outerLoopLine}", error.Message);
        Assert.Contains("facet 5", error.Message);
        Assert.Contains($"starts at line {outerLoopLine - 1}", error.Message);
    }

    [Fact]
    public void Ascii_CutInsideVertexLine()
    {
        string text = StlFiles.Ascii(Cube20, "\r\n");
        int cutAt = IndexOfNth(text, "vertex", 10) + "vertex 2".Length;

        InputException error = AssertInvalid(() => StlFiles.Read(text[..cutAt], "cut.stl"), "cut.stl");

        Assert.Contains("facet 4", error.Message);
        Assert.Contains("line", error.Message);
    }

    [Fact]
    public void Ascii_CutAfterLastFacetIsAccepted()
    {
        string text = StlFiles.Ascii(Cube20);
        string cut = text[..(text.LastIndexOf("endfacet", StringComparison.Ordinal) + "endfacet".Length)];
        var warnings = new List<string>();

        Mesh mesh = SingleMesh(StlFiles.Read(cut, warnings: warnings));

        Assert.Equal(12, mesh.TriangleCount);
        Assert.Single(warnings);
    }

    [Fact]
    public void Ascii_QuadFacetRejected()
    {
        string text = "solid q\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 1 1 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid q\n";

        InputException error = AssertInvalid(() => StlFiles.Read(text, "quad.stl"), "quad.stl");

        Assert.Contains("line 7", error.Message);
    }

    [Fact]
    public void Ascii_GarbageAfterSolidRejected()
    {
        string text = "solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 1 1 0\nendloop\nendfacet\nhello world\n";

        InputException error = AssertInvalid(() => StlFiles.Read(text, "junk.stl"), "junk.stl");

        Assert.Contains("line 9", error.Message);
        Assert.Contains("hello", error.Message);
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("NaN")]
    [InlineData("inf")]
    [InlineData("-Infinity")]
    [InlineData("1e39")]
    [InlineData("-3.5e38")]
    [InlineData("1e400")]
    public void Ascii_NonFiniteCoordinateRejected(string value)
    {
        var text = new StringBuilder("solid t\n");
        StlFiles.AppendFacets(text, Cube20.Take(2));
        text.Append($"facet normal 0 0 0\nouter loop\nvertex 1 2 3\nvertex 4 {value} 6\nvertex 7 8 9\nendloop\nendfacet\nendsolid t\n");
        int line = text.ToString().Split('\n').ToList().FindIndex(l => l.Contains(value, StringComparison.Ordinal)) + 1;

        InputException error = AssertInvalid(() => StlFiles.Read(text.ToString(), "bad.stl"), "bad.stl");

        Assert.Contains("facet 3", error.Message);
        Assert.Contains($"line {line}", error.Message);
    }

    [Fact]
    public void Ascii_LargestFloatAccepted()
    {
        string text = "solid t\nfacet normal 0 0 0\nouter loop\nvertex 3.4028234e38 0 0\nvertex 0 1 0\nvertex 0 0 1\nendloop\nendfacet\nendsolid t\n";

        Mesh mesh = SingleMesh(StlFiles.Read(text));

        Assert.Equal((double)float.MaxValue, TestGeometry.Bounds(mesh).Max.X);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Binary_NonFiniteCoordinateRejected(float value)
    {
        Triangle[] triangles = Cube20.ToArray();
        triangles[6] = triangles[6] with { B = new Point3D(1, value, 3) };

        InputException error = AssertInvalid(() => StlFiles.Read(StlFiles.Binary(triangles), "nan.stl"), "nan.stl");

        Assert.Contains("facet 7", error.Message);
        Assert.Contains("index 6", error.Message);
    }

    [Fact]
    public void Empty_Rejected()
    {
        AssertInvalid(() => StlFiles.Read(Array.Empty<byte>(), "empty.stl"), "empty.stl");
    }

    [Theory]
    [InlineData(" ")]
    [InlineData(" \r\n\t \n\r  ")]
    public void WhitespaceOnly_Rejected(string text)
    {
        InputException error = AssertInvalid(() => StlFiles.Read(text, "blank.stl"), "blank.stl");

        Assert.Contains("whitespace", error.Message);
    }

    [Fact]
    public void WhitespaceOnly_LongerThanProbe()
    {
        AssertInvalid(() => StlFiles.Read(new string(' ', 5000) + "\n", "blank.stl"), "blank.stl");
    }

    [Fact]
    public void Binary_ZeroFacetsRejected()
    {
        InputException error = AssertInvalid(() => StlFiles.Read(StlFiles.Binary(Array.Empty<Triangle>()), "none.stl"), "none.stl");

        Assert.Contains("0 facets", error.Message);
    }

    [Fact]
    public void Binary_ZeroFacetsWithSolidHeaderRejected()
    {
        AssertInvalid(() => StlFiles.Read(StlFiles.Binary(Array.Empty<Triangle>(), "solid empty"), "none.stl"), "none.stl");
    }

    [Fact]
    public void Ascii_EmptySolidRejected()
    {
        InputException error = AssertInvalid(() => StlFiles.Read("solid empty\nendsolid empty\n", "none.stl"), "none.stl");

        Assert.Contains("no facets", error.Message);
    }

    [Fact]
    public void Binary_HugeCountRejected()
    {
        byte[] data = StlFiles.Binary(Cube20, "solid huge", declaredCount: uint.MaxValue);

        InputException error = AssertInvalid(() => StlFiles.Read(data, "model.stl"), "model.stl");

        Assert.Contains("4294967295", error.Message);
        Assert.Contains("holds 12", error.Message);
    }

    [Fact]
    public void Binary_CountOneTooLargeRejected()
    {
        byte[] data = StlFiles.Binary(Cube20, declaredCount: 13);

        InputException error = AssertInvalid(() => StlFiles.Read(data, "short.stl"), "short.stl");

        Assert.Contains("declares 13 facets", error.Message);
    }

    [Fact]
    public void Binary_PartialLastRecordRejected()
    {
        byte[] data = StlFiles.Binary(Cube20);
        byte[] cut = data[..^20];

        InputException error = AssertInvalid(() => StlFiles.Read(cut, "cut.stl"), "cut.stl");

        Assert.Contains("declares 12 facets", error.Message);
        Assert.Contains("holds 11", error.Message);
    }

    [Fact]
    public void Binary_TruncatedHeaderRejected()
    {
        byte[] data = StlFiles.Binary(Cube20)[..60];

        AssertInvalid(() => StlFiles.Read(data, "stub.stl"), "stub.stl");
    }

    [Fact]
    public void Binary_RecordsBeyondCountWarn()
    {
        byte[] data = StlFiles.Binary(Cube20, declaredCount: 10);
        var warnings = new List<string>();

        Mesh mesh = SingleMesh(StlFiles.Read(data, "extra.stl", warnings));

        Assert.Equal(10, mesh.TriangleCount);
        string warning = Assert.Single(warnings);
        Assert.Contains("extra.stl", warning);
        Assert.Contains("100 bytes", warning);
    }

    [Fact]
    public void Unreadable_ShortBinaryRejected()
    {
        byte[] data = { 0x00, 0x01, 0xFE, 0x7F, 0x10, 0x20 };

        AssertInvalid(() => StlFiles.Read(data, "noise.stl"), "noise.stl");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    public void Unreadable_TextWithoutSolidRejected(int lines)
    {
        string text = string.Concat(Enumerable.Repeat("this is a readme, not a mesh\n", lines));

        InputException error = AssertInvalid(() => StlFiles.Read(text, "readme.stl"), "readme.stl");

        Assert.Contains("'solid'", error.Message);
    }

    [Fact]
    public void Unreadable_RandomBytesRejected()
    {
        var random = new Random(7);
        byte[] data = new byte[1000];
        random.NextBytes(data);

        AssertInvalid(() => StlFiles.Read(data, "noise.stl"), "noise.stl");
    }

    [Fact]
    public void Cancellation_Honoured()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var context = new InputContext { FileName = "model.stl", CancellationToken = cancellation.Token };

        Assert.ThrowsAny<OperationCanceledException>(
            () => new StlFormat().Read(new MemoryStream(StlFiles.Binary(Cube20)), context));
    }

    private static Mesh SingleMesh(Workspace workspace) => Assert.Single(workspace.Models).Mesh;

    private static InputException AssertInvalid(Func<object> read, string fileName)
    {
        InputException error = Assert.Throws<InputException>(read);
        Assert.Equal(ErrorCodes.InvalidInput, error.ErrorCode);
        Assert.StartsWith(fileName + ":", error.Message);
        return error;
    }

    private static int IndexOfNth(string text, string value, int n)
    {
        int index = -1;
        for (int i = 0; i < n; i++)
        {
            index = text.IndexOf(value, index + 1, StringComparison.Ordinal);
        }

        return index;
    }
}
