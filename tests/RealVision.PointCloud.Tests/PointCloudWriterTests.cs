using RealVision.PointCloud.Tests.Support;
using RealVision.Workspaces.PointClouds;

namespace RealVision.PointCloud.Tests;

public sealed class PointCloudWriterTests : IClassFixture<SliceFixture>
{
    private readonly SliceFixture fixture;

    public PointCloudWriterTests(SliceFixture fixture)
    {
        this.fixture = fixture;
    }

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("-2^2", -4)]
    [InlineData("2^3^2", 512)]
    [InlineData("2^-1", 0.5)]
    [InlineData("10 % 4", 2)]
    [InlineData("8 / 4 / 2", 1)]
    [InlineData("1.5e2 + .5", 150.5)]
    [InlineData("max(1, 7, 3) - min(4, 2)", 5)]
    [InlineData("clamp(150, 0, 100)", 100)]
    [InlineData("sqrt(16) + abs(-1) + floor(2.7) + ceil(0.2) + round(2.5)", 11)]
    [InlineData("pow(2, 10) + ln(e) + log10(1000)", 1028)]
    [InlineData("sin(pi / 2) + cos(0) + atan2(0, 1)", 2)]
    [InlineData("X + Y * 10 + z * 100", 0.125 + 0.75 * 10 + 0.5 * 100)]
    [InlineData("i + 10 * j + 100 * k + 1000 * nx", 0 + 10 * 1 + 100 * 2 + 1000 * 4)]
    public void Formula_Evaluates(string text, double expected)
    {
        // Voxel (0, 1, 2) of 4 x 2 x 5: centre at x 0.125, y 0.75, z 0.5.
        var voxel = new VoxelPosition(0.125, 0.75, 0.5, 0, 1, 2, 4, 2, 5);

        Assert.Equal(expected, ShoreFormula.Parse(text).Evaluate(voxel), 9);
    }

    [Theory]
    [InlineData("20 + q", "unknown name 'q'", 6)]
    [InlineData("sin(1, 2)", "sin takes 1 argument", 1)]
    [InlineData("nope(1)", "unknown function 'nope'", 1)]
    [InlineData("(1 + 2", "expected ')'", 7)]
    [InlineData("2 3", "unexpected '3'", 3)]
    [InlineData("4 * ", "ends where a number", 5)]
    public void Formula_ErrorsNameTheProblemAndPosition(string text, string problem, int character)
    {
        var ex = Assert.Throws<FormatException>(() => ShoreFormula.Parse(text));

        Assert.Contains(problem, ex.Message);
        Assert.Contains($"at character {character}", ex.Message);
    }

    [Fact]
    public void Formula_EmptyIsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => ShoreFormula.Parse("  "));

        Assert.Contains("empty", ex.Message);
    }

    [Fact]
    public void FormulaFile_HoldsLittleEndianValuesXFastest()
    {
        string path = fixture.Path($"formula-{Guid.NewGuid():N}.pc");

        double[] values = PointCloudWriter.FromFormula(ShoreFormula.Parse("20 + 60 * x + j"), 4, 2, 1);
        PointCloudWriter.WriteFile(path, values, 4, 2, 1);

        Assert.Equal(4 * 2 * 1 * 8, new FileInfo(path).Length);
        Assert.Equal(new[] { 27.5, 42.5, 57.5, 72.5, 28.5, 43.5, 58.5, 73.5 }, ShoreFiles.Read(path));
    }

    [Fact]
    public void ZyxFile_PutsZFastest()
    {
        string path = fixture.Path($"zyx-{Guid.NewGuid():N}.pc");

        double[] values = PointCloudWriter.FromFormula(ShoreFormula.Parse("100 * i + 10 * j + k"), 2, 2, 3);
        PointCloudWriter.WriteFile(path, values, 2, 2, 3, AxisOrder.Zyx);

        Assert.Equal(new double[] { 0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112 }, ShoreFiles.Read(path));
    }

    [Fact]
    public void Csv_ReadsAnyLayoutWithComments()
    {
        string csv = "# two rows of two\n1, 2;3\n\t4 # fourth\n";

        double[] values = PointCloudWriter.FromCsv(new StringReader(csv), 2, 2, 1);

        Assert.Equal(new double[] { 1, 2, 3, 4 }, values);
    }

    [Fact]
    public void Csv_WrongCountIsRejected()
    {
        var tooFew = Assert.Throws<InvalidDataException>(() => PointCloudWriter.FromCsv(new StringReader("1,2,3"), 2, 2, 1));
        var tooMany = Assert.Throws<InvalidDataException>(() => PointCloudWriter.FromCsv(new StringReader("1,2\n3,4\n5"), 2, 2, 1));

        Assert.Contains("Found 3 values", tooFew.Message);
        Assert.Contains("need 4", tooFew.Message);
        Assert.Contains("Line 3", tooMany.Message);
    }

    [Fact]
    public void Csv_BadNumberNamesItsLine()
    {
        var ex = Assert.Throws<InvalidDataException>(() => PointCloudWriter.FromCsv(new StringReader("1,2\n3,soft"), 2, 2, 1));

        Assert.Contains("Line 2", ex.Message);
        Assert.Contains("'soft'", ex.Message);
    }

    [Fact]
    public void NegativeValue_IsRejectedWithItsVoxel()
    {
        double[] values = PointCloudWriter.FromFormula(ShoreFormula.Parse("50 - 20 * i"), 4, 2, 1);

        var ex = Assert.Throws<InvalidDataException>(() => PointCloudWriter.Validate(values, 4, 2));

        Assert.Contains("Voxel (3, 0, 0)", ex.Message);
        Assert.Contains("-10", ex.Message);
    }
}
