using static RealVision.Geometry.Tests.Shapes;

namespace RealVision.Geometry.Tests;

public class RangeTests
{
    // 3e9 µm (3 km) is beyond the range of a 32-bit integer (2^31 - 1 is about 2.1e9).
    private const long Far = 3_000_000_000;

    // Clipper 6 accepts coordinates up to 2^62 - 1.
    private const long MaxCoordinate = 0x3FFF_FFFF_FFFF_FFFF;

    [Fact]
    public void IntersectBeyond32Bits()
    {
        var a = new Paths64 { Square(Far, Far, 2_000_000) };
        var b = new Paths64 { Square(Far + 1_000_000, Far + 1_000_000, 2_000_000) };

        Paths64 result = Clipper.Intersect(a, b);

        Path64 overlap = Assert.Single(result);
        Assert.Equal(1_000_000.0 * 1_000_000.0, ShoelaceArea(overlap));
        Assert.Contains(new Point64(Far + 1_000_000, Far + 1_000_000), overlap);
        Assert.Contains(new Point64(Far + 2_000_000, Far + 2_000_000), overlap);
    }

    [Fact]
    public void OffsetBeyond32Bits()
    {
        Paths64 result = Clipper.Offset(new Paths64 { Square(Far, Far, 1_000_000) }, 1_000);

        Path64 grown = Assert.Single(result);
        Assert.Equal(1_002_000.0 * 1_002_000.0, ShoelaceArea(grown));
        Assert.Contains(new Point64(Far - 1_000, Far - 1_000), grown);
    }

    [Fact]
    public void AreaBeyond32Bits()
    {
        Assert.Equal(1_000_000.0 * 1_000_000.0, Clipper.Area(Square(Far, Far, 1_000_000)));
    }

    [Fact]
    public void UnionNearRangeLimit()
    {
        long corner = MaxCoordinate - 1_000_000_000_000;
        Path64 square = Square(corner, corner, 1_000_000_000);

        Paths64 result = Clipper.Union(new Paths64 { square });

        Path64 same = Assert.Single(result);
        Assert.True(same.ToHashSet().SetEquals(square), $"expected the input corners back, got {string.Join(", ", same)}");
    }

    [Fact]
    public void CoordinateBeyondRangeRaises()
    {
        const long TooFar = 5_000_000_000_000_000_000;
        var subject = new Paths64 { Square(0, 0, 10), Line((0, 0), (TooFar, 0), (0, 10)) };

        GeometryException error = Assert.Throws<GeometryException>(() => Clipper.Union(subject));

        Assert.Contains("Clipper.Union", error.Message);
        Assert.Contains(TooFar.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        Assert.Contains("path 1 point 1", error.Message);
        Assert.Equal(2, error.NativeStatus);
    }

    [Fact]
    public void NegativeCoordinateBeyondRangeRaises()
    {
        var clip = new Paths64 { Square(long.MinValue / 4, 0, 10), Square(long.MinValue, 0, 10) };

        GeometryException error = Assert.Throws<GeometryException>(() => Clipper.Difference(new Paths64 { Square(0, 0, 10) }, clip));

        Assert.Contains("clip path 1", error.Message);
    }

    [Fact]
    public void OffsetPastRangeRaises()
    {
        var paths = new Paths64 { Square(MaxCoordinate - 1_000, 0, 500) };

        GeometryException error = Assert.Throws<GeometryException>(() => Clipper.Offset(paths, 1_000_000));

        Assert.Contains("delta", error.Message);
    }

    [Fact]
    public void ClipperWorksFromManyThreads()
    {
        // Each thread checks its own result, and a failing call on one thread must not leak its message to another.
        Parallel.For(0, 64, i =>
        {
            long side = 1_000 + i;
            if (i % 8 == 0)
            {
                Assert.Throws<GeometryException>(() => Clipper.Union(new Paths64 { Square(long.MaxValue - 10, 0, 5) }));
            }
            else
            {
                Assert.Equal((double)side * side, ShoelaceArea(Clipper.Union(new Paths64 { Square(i * 10_000, 0, side) })));
            }
        });
    }
}
