using static RealVision.Geometry.Tests.Shapes;

namespace RealVision.Geometry.Tests;

public class BooleanTests
{
    // A 10 mm square with a 4 mm square hole in the middle: 100 mm² - 16 mm² in µm².
    private const double SquareWithHoleArea = (10_000.0 * 10_000.0) - (4_000.0 * 4_000.0);

    [Fact]
    public void UnionKeepsHole()
    {
        var subject = new Paths64 { Square(0, 0, 10_000), SquareHole(3_000, 3_000, 4_000) };

        Paths64 result = Clipper.Union(subject);

        Assert.Equal(2, result.Count);
        Assert.Equal(SquareWithHoleArea, ShoelaceArea(result));
        Assert.Contains(result, p => ShoelaceArea(p) == 10_000.0 * 10_000.0);
        Assert.Contains(result, p => ShoelaceArea(p) == -4_000.0 * 4_000.0);
    }

    [Fact]
    public void DifferenceCutsHole()
    {
        var outer = new Paths64 { Square(0, 0, 10_000) };
        var inner = new Paths64 { Square(3_000, 3_000, 4_000) };

        Paths64 result = Clipper.Difference(outer, inner);

        Assert.Equal(2, result.Count);
        Assert.Equal(SquareWithHoleArea, ShoelaceArea(result));
    }

    [Fact]
    public void IntersectOverlappingSquares()
    {
        // Squares of side 10 mm overlapping in a 5 mm x 5 mm square from (5000, 5000) to (10000, 10000).
        var a = new Paths64 { Square(0, 0, 10_000) };
        var b = new Paths64 { Square(5_000, 5_000, 10_000) };

        Paths64 result = Clipper.Intersect(a, b);

        Assert.Single(result);
        Assert.Equal(5_000.0 * 5_000.0, ShoelaceArea(result));
        Assert.Equal(
            new[] { new Point64(5_000, 5_000), new Point64(10_000, 5_000), new Point64(10_000, 10_000), new Point64(5_000, 10_000) }.OrderBy(p => p.X).ThenBy(p => p.Y),
            result[0].OrderBy(p => p.X).ThenBy(p => p.Y));
    }

    [Fact]
    public void UnionOverlappingSquares()
    {
        var a = new Paths64 { Square(0, 0, 10_000) };
        var b = new Paths64 { Square(5_000, 5_000, 10_000) };

        Paths64 result = Clipper.Union(a, b);

        Assert.Single(result);
        Assert.Equal((2 * 10_000.0 * 10_000.0) - (5_000.0 * 5_000.0), ShoelaceArea(result));
    }

    [Fact]
    public void XorOverlappingSquares()
    {
        var a = new Paths64 { Square(0, 0, 10_000) };
        var b = new Paths64 { Square(5_000, 5_000, 10_000) };

        Paths64 result = Clipper.Xor(a, b);

        // Both squares minus the overlap counted twice.
        Assert.Equal((2 * 10_000.0 * 10_000.0) - (2 * 5_000.0 * 5_000.0), ShoelaceArea(result));
        Assert.All(result, p => Assert.True(ShoelaceArea(p) > 0, "xor of two overlapping squares leaves no hole"));
    }

    [Theory]
    [InlineData(FillRule.EvenOdd, (2 * 10_000.0 * 10_000.0) - (2 * 5_000.0 * 5_000.0))]
    [InlineData(FillRule.NonZero, (2 * 10_000.0 * 10_000.0) - (5_000.0 * 5_000.0))]
    [InlineData(FillRule.Positive, (2 * 10_000.0 * 10_000.0) - (5_000.0 * 5_000.0))]
    [InlineData(FillRule.Negative, 0.0)]
    public void FillRuleOnSameOrientationOverlap(FillRule fillRule, double expectedArea)
    {
        // Both squares are counter-clockwise, so the overlap has winding number 2:
        // even-odd leaves it out, non-zero and positive fill it, negative fills nothing.
        var subject = new Paths64 { Square(0, 0, 10_000), Square(5_000, 5_000, 10_000) };

        Paths64 result = Clipper.Union(subject, fillRule);

        Assert.Equal(expectedArea, ShoelaceArea(result));
    }

    [Fact]
    public void EmptyInputGivesEmptyResult()
    {
        Assert.Empty(Clipper.Union(new Paths64()));
        Assert.Empty(Clipper.Intersect(new Paths64 { Square(0, 0, 10) }, new Paths64()));
    }

    [Fact]
    public void DegeneratePathsAreIgnored()
    {
        var subject = new Paths64 { new Path64(), Line((0, 0), (10, 10)), Square(0, 0, 100) };

        Paths64 result = Clipper.Union(subject);

        Assert.Single(result);
        Assert.Equal(100.0 * 100.0, ShoelaceArea(result));
    }

    [Fact]
    public void NullPathIsRejected()
    {
        var subject = new Paths64 { Square(0, 0, 10), null! };

        ArgumentException error = Assert.Throws<ArgumentException>(() => Clipper.Union(subject));

        Assert.Contains("subject[1]", error.Message);
    }

    [Fact]
    public void UnknownFillRuleIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Clipper.Union(new Paths64 { Square(0, 0, 10) }, (FillRule)7));
    }
}
