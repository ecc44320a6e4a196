using static RealVision.Geometry.Tests.Shapes;

namespace RealVision.Geometry.Tests;

public class OffsetTests
{
    private const long Side = 10_000;
    private const double Delta = 1_000;

    private static Paths64 SquareInput() => new() { Square(0, 0, Side) };

    /// <summary>Upper bound of the area change from rounding each vertex to whole micrometres: perimeter x 1 µm.</summary>
    private static double RoundingSlack(Paths64 result) => result.Sum(p => Length(new Path64(p) { p[0] }));

    [Fact]
    public void MiterJoinGrowsSquare()
    {
        Paths64 result = Clipper.Offset(SquareInput(), Delta, JoinType.Miter);

        Assert.Single(result);
        Assert.Equal(4, result[0].Count);
        Assert.Equal((Side + (2 * Delta)) * (Side + (2 * Delta)), ShoelaceArea(result));
    }

    [Fact]
    public void SquareJoinCutsCorners()
    {
        // Each corner of the (s + 2d) square loses a right isosceles triangle whose legs are
        // d (2 - sqrt 2), because the square join cuts the corner at distance d from the vertex.
        double corner = 0.5 * Math.Pow(Delta * (2 - Math.Sqrt(2)), 2);
        double expected = ((Side + (2 * Delta)) * (Side + (2 * Delta))) - (4 * corner);

        Paths64 result = Clipper.Offset(SquareInput(), Delta, JoinType.Square);

        Assert.Single(result);
        Assert.Equal(8, result[0].Count);
        Assert.InRange(ShoelaceArea(result), expected - RoundingSlack(result), expected + RoundingSlack(result));
    }

    [Fact]
    public void RoundJoinApproximatesQuarterCircles()
    {
        const double ArcTolerance = 5.0;

        // Exact area: the square, four d-wide strips along the sides, and four quarter circles of radius d.
        double exact = (Side * Side) + (4 * Side * Delta) + (Math.PI * Delta * Delta);

        // The arc vertices lie on the circle, so the polygon misses at most the arc tolerance
        // times the arc length (2 pi d) in total.
        double arcDeficit = 2 * Math.PI * Delta * ArcTolerance;

        Paths64 result = Clipper.Offset(SquareInput(), Delta, JoinType.Round, arcTolerance: ArcTolerance);

        Assert.Single(result);
        double area = ShoelaceArea(result);
        Assert.InRange(area, exact - arcDeficit - RoundingSlack(result), exact + RoundingSlack(result));
        Assert.True(result[0].Count > 8, $"round joins need several vertices per corner, got {result[0].Count}");
    }

    [Theory]
    [InlineData(JoinType.Miter)]
    [InlineData(JoinType.Square)]
    [InlineData(JoinType.Round)]
    public void InwardOffsetShrinksSquare(JoinType joinType)
    {
        // Shrinking a convex polygon keeps its corners sharp, whatever the join type.
        Paths64 result = Clipper.Offset(SquareInput(), -Delta, joinType);

        Assert.Single(result);
        Assert.Equal((Side - (2 * Delta)) * (Side - (2 * Delta)), ShoelaceArea(result));
        Assert.Equal((long)Delta, MinX(result));
        Assert.Equal(Side - (long)Delta, MaxX(result));
    }

    [Fact]
    public void InwardOffsetPastHalfWidthVanishes()
    {
        Assert.Empty(Clipper.Offset(SquareInput(), -(Side / 2) - 1));
    }

    [Fact]
    public void MiterLimitSquaresSharpApex()
    {
        // Isosceles triangle with its apex at (5000, 50000). The apex half-angle t has
        // sin t = 5000 / sqrt(5000² + 50000²) = 1 / sqrt(101), so a full miter reaches
        // d / sin t = d sqrt(101) (about 10 d) above the apex.
        var triangle = new Paths64 { Line((0, 0), (10_000, 0), (5_000, 50_000)) };
        double fullMiterTop = 50_000 + (Delta * Math.Sqrt(101));

        Paths64 mitred = Clipper.Offset(triangle, Delta, JoinType.Miter, miterLimit: 20);
        Paths64 limited = Clipper.Offset(triangle, Delta, JoinType.Miter, miterLimit: 2);

        Assert.InRange(MaxY(mitred), fullMiterTop - 1, fullMiterTop + 1);

        // Beyond the limit the apex is squared off at distance d from the vertex, which lies within sqrt(2) d of it.
        Assert.InRange(MaxY(limited), 50_000 + Delta - 1, 50_000 + (Math.Sqrt(2) * Delta) + 1);
    }

    [Fact]
    public void OpenLineButtEnds()
    {
        // A 10 mm line widened by 1 mm on each side with butt ends is a 10 mm x 2 mm rectangle.
        var line = new Paths64 { Line((0, 0), (10_000, 0)) };

        Paths64 result = Clipper.Offset(line, Delta, JoinType.Square, EndType.OpenButt);

        Assert.Single(result);
        Assert.Equal(10_000 * 2 * Delta, ShoelaceArea(result));
    }

    [Fact]
    public void OpenLineSquareEnds()
    {
        // Square ends extend the rectangle by d at both ends.
        var line = new Paths64 { Line((0, 0), (10_000, 0)) };

        Paths64 result = Clipper.Offset(line, Delta, JoinType.Square, EndType.OpenSquare);

        Assert.Equal((10_000 + (2 * Delta)) * 2 * Delta, ShoelaceArea(result));
    }

    [Fact]
    public void OffsetManyMatchesSeparateOffsets()
    {
        var paths = new Paths64 { Square(0, 0, Side), SquareHole(3_000, 3_000, 4_000), Square(20_000, 0, 3_000) };
        double[] deltas = [-500, 250, 700, 1_500];

        Paths64[] many = Clipper.OffsetMany(paths, deltas, JoinType.Round, arcTolerance: 2);

        Assert.Equal(deltas.Length, many.Length);
        for (int i = 0; i < deltas.Length; i++)
        {
            Paths64 single = Clipper.Offset(paths, deltas[i], JoinType.Round, arcTolerance: 2);
            Assert.Equal(single.Count, many[i].Count);
            for (int j = 0; j < single.Count; j++)
            {
                Assert.Equal(single[j], many[i][j]);
            }
        }
    }

    [Fact]
    public void OffsetManyWithNoDeltas()
    {
        Assert.Empty(Clipper.OffsetMany(SquareInput(), []));
    }

    [Fact]
    public void NonFiniteDeltaIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Clipper.Offset(SquareInput(), double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Clipper.OffsetMany(SquareInput(), [1, double.PositiveInfinity]));
    }
}
