using static RealVision.Geometry.Tests.Shapes;

namespace RealVision.Geometry.Tests;

public class OpenPathTests
{
    private static Paths64 Region() => new() { Square(0, 0, 10_000) };

    [Fact]
    public void HorizontalLineIsCutAtSquareEdges()
    {
        var lines = new Paths64 { Line((-5_000, 5_000), (15_000, 5_000)) };

        Paths64 inside = Clipper.IntersectOpen(lines, Region());

        Assert.Single(inside);
        Assert.Equal(10_000.0, Length(inside));
        Assert.Equal(0, MinX(inside));
        Assert.Equal(10_000, MaxX(inside));
    }

    [Fact]
    public void DiagonalLineKeepsDiagonalOfSquare()
    {
        var lines = new Paths64 { Line((-2_000, -2_000), (12_000, 12_000)) };

        Paths64 inside = Clipper.IntersectOpen(lines, Region());

        Assert.Single(inside);
        Assert.Equal(10_000 * Math.Sqrt(2), Length(inside), precision: 6);
    }

    [Fact]
    public void PolylineLeavingAndReenteringGivesTwoPieces()
    {
        // Runs right along y = 2000, leaves the square, comes back along y = 8000.
        var lines = new Paths64 { Line((-1_000, 2_000), (11_000, 2_000), (11_000, 8_000), (-1_000, 8_000)) };

        Paths64 inside = Clipper.IntersectOpen(lines, Region());

        Assert.Equal(2, inside.Count);
        Assert.All(inside, piece => Assert.Equal(10_000.0, Length(piece)));
    }

    [Fact]
    public void DifferenceKeepsPiecesOutside()
    {
        var lines = new Paths64 { Line((-5_000, 5_000), (15_000, 5_000)) };

        Paths64 outside = Clipper.DifferenceOpen(lines, Region());

        Assert.Equal(2, outside.Count);
        Assert.Equal(10_000.0, Length(outside));
    }

    [Fact]
    public void LineAcrossHoleIsSplit()
    {
        // The region has a 4 mm hole in the middle, so the 10 mm crossing keeps 6 mm in two pieces.
        var region = new Paths64 { Square(0, 0, 10_000), SquareHole(3_000, 3_000, 4_000) };
        var lines = new Paths64 { Line((-1_000, 5_000), (11_000, 5_000)) };

        Paths64 inside = Clipper.IntersectOpen(lines, region);

        Assert.Equal(2, inside.Count);
        Assert.Equal(6_000.0, Length(inside));
    }

    [Fact]
    public void ManyLinesInOneCall()
    {
        // Hatching lines every 1 mm across the square, as an infill pattern would clip them.
        var lines = new Paths64();
        for (long y = 500; y < 10_000; y += 1_000)
        {
            lines.Add(Line((-3_000, y), (13_000, y)));
        }

        Paths64 inside = Clipper.IntersectOpen(lines, Region());

        Assert.Equal(10, inside.Count);
        Assert.All(inside, piece => Assert.Equal(10_000.0, Length(piece)));
    }
}
