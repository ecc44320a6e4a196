using static RealVision.Geometry.Tests.Shapes;

namespace RealVision.Geometry.Tests;

public class SimplifyCleanAreaTests
{
    // Bow-tie: the edges (0,0)-(10000,10000) and (10000,0)-(0,10000) cross at (5000,5000).
    // The left loop runs counter-clockwise and the right loop clockwise.
    private static Paths64 BowTie() => new() { Line((0, 0), (10_000, 10_000), (10_000, 0), (0, 10_000)) };

    private static readonly Point64[] LeftTriangle = [new(0, 0), new(5_000, 5_000), new(0, 10_000)];
    private static readonly Point64[] RightTriangle = [new(10_000, 0), new(10_000, 10_000), new(5_000, 5_000)];

    [Fact]
    public void BowTieBecomesTwoTriangles()
    {
        Paths64 result = Clipper.Simplify(BowTie());

        Assert.Equal(2, result.Count);
        Assert.All(result, p => Assert.Equal(3, p.Count));
        Assert.All(result, p => Assert.Equal(0.5 * 10_000 * 5_000, ShoelaceArea(p)));
        Assert.Contains(result, p => p.ToHashSet().SetEquals(LeftTriangle));
        Assert.Contains(result, p => p.ToHashSet().SetEquals(RightTriangle));
    }

    [Fact]
    public void BowTiePositiveFillKeepsCounterClockwiseLoop()
    {
        Paths64 result = Clipper.Simplify(BowTie(), FillRule.Positive);

        Path64 triangle = Assert.Single(result);
        Assert.True(triangle.ToHashSet().SetEquals(LeftTriangle));
    }

    [Fact]
    public void CleanRemovesNearlyCollinearVertex()
    {
        // (5000, 1) is 1 µm off the bottom edge from (0, 0) to (10000, 0).
        var paths = new Paths64 { Line((0, 0), (5_000, 1), (10_000, 0), (10_000, 10_000), (0, 10_000)) };

        Paths64 result = Clipper.Clean(paths, 2);

        Path64 square = Assert.Single(result);
        Assert.Equal(4, square.Count);
        Assert.DoesNotContain(new Point64(5_000, 1), square);
    }

    [Fact]
    public void CleanKeepsVertexFartherThanDistance()
    {
        var paths = new Paths64 { Line((0, 0), (5_000, 10), (10_000, 0), (10_000, 10_000), (0, 10_000)) };

        Paths64 result = Clipper.Clean(paths, 2);

        Assert.Equal(5, Assert.Single(result).Count);
    }

    [Fact]
    public void CleanDropsCollapsedPolygon()
    {
        var paths = new Paths64 { Line((0, 0), (1, 0), (0, 1)), Square(100, 100, 1_000) };

        Paths64 result = Clipper.Clean(paths, 2);

        Path64 square = Assert.Single(result);
        Assert.Equal(1_000.0 * 1_000.0, ShoelaceArea(square));
    }

    [Fact]
    public void NegativeCleanDistanceIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Clipper.Clean(new Paths64(), -1));
    }

    [Fact]
    public void AreaSignFollowsOrientation()
    {
        Assert.Equal(10_000.0 * 10_000.0, Clipper.Area(Square(0, 0, 10_000)));
        Assert.Equal(-4_000.0 * 4_000.0, Clipper.Area(SquareHole(3_000, 3_000, 4_000)));
    }

    [Fact]
    public void AreaOfPathsIsSum()
    {
        var paths = new Paths64 { Square(0, 0, 10_000), SquareHole(3_000, 3_000, 4_000), Square(20_000, 0, 1_000) };

        Assert.Equal((10_000.0 * 10_000.0) - (4_000.0 * 4_000.0) + (1_000.0 * 1_000.0), Clipper.Area(paths));
    }

    [Fact]
    public void AreaOfTriangle()
    {
        // Right triangle with legs 3 mm and 4 mm.
        Assert.Equal(0.5 * 3_000 * 4_000, Clipper.Area(Line((0, 0), (3_000, 0), (0, 4_000))));
    }

    [Fact]
    public void AreaOfDegeneratePathsIsZero()
    {
        Assert.Equal(0.0, Clipper.Area(new Path64()));
        Assert.Equal(0.0, Clipper.Area(Line((0, 0), (10, 10))));
        Assert.Equal(0.0, Clipper.Area(new Paths64()));
    }
}
