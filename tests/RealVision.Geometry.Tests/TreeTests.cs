using static RealVision.Geometry.Tests.Shapes;

namespace RealVision.Geometry.Tests;

public class TreeTests
{
    [Fact]
    public void IslandInsideHoleNestsThreeLevels()
    {
        // 10 mm square, 6 mm hole, 2 mm island inside the hole.
        var subject = new Paths64 { Square(0, 0, 10_000), SquareHole(2_000, 2_000, 6_000), Square(4_000, 4_000, 2_000) };

        PolyTree64 tree = Clipper.UnionToTree(subject);

        PolyNode64 outer = Assert.Single(tree.Children);
        Assert.False(outer.IsHole);
        Assert.Equal(10_000.0 * 10_000.0, ShoelaceArea(outer.Contour));
        PolyNode64 hole = Assert.Single(outer.Children);
        Assert.True(hole.IsHole);
        Assert.Equal(-6_000.0 * 6_000.0, ShoelaceArea(hole.Contour));
        PolyNode64 island = Assert.Single(hole.Children);
        Assert.False(island.IsHole);
        Assert.Equal(2_000.0 * 2_000.0, ShoelaceArea(island.Contour));
        Assert.Empty(island.Children);
    }

    [Fact]
    public void IslandsSplitsOuterWithHoleFromInnerIsland()
    {
        var subject = new Paths64 { Square(0, 0, 10_000), SquareHole(2_000, 2_000, 6_000), Square(4_000, 4_000, 2_000) };

        List<Paths64> islands = Clipper.UnionToTree(subject).Islands();

        Assert.Equal(2, islands.Count);
        List<double> areas = islands.Select(ShoelaceArea).Order().ToList();
        Assert.Equal(2_000.0 * 2_000.0, areas[0]);
        Assert.Equal((10_000.0 * 10_000.0) - (6_000.0 * 6_000.0), areas[1]);
    }

    [Fact]
    public void SeparateSquaresAreSiblings()
    {
        var subject = new Paths64 { Square(0, 0, 1_000), Square(5_000, 0, 1_000), Square(10_000, 0, 1_000) };

        PolyTree64 tree = Clipper.UnionToTree(subject);

        Assert.Equal(3, tree.Children.Count);
        Assert.All(tree.Children, node => Assert.False(node.IsHole));
        Assert.All(tree.Children, node => Assert.Empty(node.Children));
    }

    [Fact]
    public void EmptyInputGivesEmptyTree()
    {
        Assert.Empty(Clipper.UnionToTree(new Paths64()).Children);
    }
}
