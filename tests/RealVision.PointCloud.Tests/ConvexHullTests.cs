using RealVision.Abstractions.Model;
using RealVision.Geometry;
using RealVision.PointCloud.Tests.Support;
using RealVision.Workspaces.Hulls;

namespace RealVision.PointCloud.Tests;

public sealed class ConvexHullTests : IClassFixture<SliceFixture>
{
    private readonly SliceFixture fixture;

    public ConvexHullTests(SliceFixture fixture)
    {
        this.fixture = fixture;
    }

    [Fact]
    public void Cube_HasEightVerticesAndTwelveFaces()
    {
        Mesh cube = StlFiles.Read(fixture.Engine, SliceFixture.Data("20mm_cube.stl"));

        Assert.True(ConvexHull.TryCompute(cube.Vertices, out ConvexHull hull));

        Assert.Equal(8, hull.Vertices.Length);
        Assert.Equal(12, hull.TriangleCount);
        Assert.Equal(8000, Volume(hull), 6);
        AssertClosedAndConvex(hull);
        AssertContains(hull, cube.Vertices);
    }

    [Fact]
    public void Calicat_Has26VerticesAnd48Faces()
    {
        // The counts and volume of the hull in the vendor's calicat workspace.
        Mesh cat = StlFiles.Read(fixture.Engine, SliceFixture.Data("calicat.stl"));

        Assert.True(ConvexHull.TryCompute(cat.Vertices, out ConvexHull hull));

        Assert.Equal(26, hull.Vertices.Length);
        Assert.Equal(48, hull.TriangleCount);
        Assert.Equal(20708.35, Volume(hull), 2);
        AssertClosedAndConvex(hull);
        AssertContains(hull, cat.Vertices);
        Assert.All(hull.Vertices, v => Assert.Contains(v, cat.Vertices));
    }

    [Fact]
    public void Lattice_KeepsOnlyTheCorners()
    {
        // 125 points, most of them on the box's faces and edges.
        var points = new List<Point3D>();
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                for (int k = 0; k < 5; k++)
                {
                    points.Add(new Point3D(i * 0.1, j * 0.3, k * 0.7));
                }
            }
        }

        Assert.True(ConvexHull.TryCompute(points, out ConvexHull hull));

        Assert.Equal(8, hull.Vertices.Length);
        Assert.Equal(12, hull.TriangleCount);
        AssertClosedAndConvex(hull);
        AssertContains(hull, points);
    }

    [Fact]
    public void Octahedron_WithInnerAndDuplicatePoints()
    {
        var points = new List<Point3D>
        {
            new(1, 0, 0), new(-1, 0, 0), new(0, 1, 0), new(0, -1, 0), new(0, 0, 1), new(0, 0, -1),
            new(0, 0, 0), new(0.2, 0.1, -0.3), new(1, 0, 0), new(0.5, 0.5, 0), // the last lies on an edge
        };

        Assert.True(ConvexHull.TryCompute(points, out ConvexHull hull));

        Assert.Equal(6, hull.Vertices.Length);
        Assert.Equal(8, hull.TriangleCount);
        Assert.Equal(4.0 / 3, Volume(hull), 9);
        AssertClosedAndConvex(hull);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomPoints_HullIsClosedConvexAndContainsAll(int seed)
    {
        var random = new Random(seed);
        var points = Enumerable.Range(0, 2000)
            .Select(_ => new Point3D(random.NextDouble() * 30 - 15, random.NextDouble() * 10, random.NextDouble() * 5))
            .ToList();

        Assert.True(ConvexHull.TryCompute(points, out ConvexHull hull));

        AssertClosedAndConvex(hull);
        AssertContains(hull, points);
        Assert.Equal(2 * hull.Vertices.Length - 4, hull.TriangleCount); // random points: every facet a triangle
    }

    [Fact]
    public void FlatPoints_HaveNoHull()
    {
        var square = new[] { new Point3D(0, 0, 5), new Point3D(1, 0, 5), new Point3D(1, 1, 5), new Point3D(0, 1, 5), new Point3D(0.5, 0.5, 5) };

        Assert.False(ConvexHull.TryCompute(square, out _));
        Assert.False(ConvexHull.TryCompute(new[] { new Point3D(0, 0, 0), new Point3D(1, 1, 1), new Point3D(2, 2, 2), new Point3D(3, 3, 3) }, out _));
    }

    /// <summary>Every directed edge has its reverse (closed, consistently wound), Euler's formula holds, and each face has all vertices behind it.</summary>
    private static void AssertClosedAndConvex(ConvexHull hull)
    {
        var edges = new HashSet<(int, int)>();
        for (int t = 0; t < hull.Indices.Length; t += 3)
        {
            int a = hull.Indices[t], b = hull.Indices[t + 1], c = hull.Indices[t + 2];
            Assert.True(edges.Add((a, b)), $"triangle {t / 3} repeats the directed edge {a}-{b}");
            Assert.True(edges.Add((b, c)), $"triangle {t / 3} repeats the directed edge {b}-{c}");
            Assert.True(edges.Add((c, a)), $"triangle {t / 3} repeats the directed edge {c}-{a}");
        }

        Assert.All(edges, e => Assert.Contains((e.Item2, e.Item1), edges));
        Assert.Equal(2, hull.Vertices.Length - edges.Count / 2 + hull.TriangleCount);
        AssertContains(hull, hull.Vertices);
        Assert.True(Volume(hull) > 0, "triangles face outward");
    }

    /// <summary>No point lies outside any face plane by more than rounding (1e-9 mm).</summary>
    private static void AssertContains(ConvexHull hull, IEnumerable<Point3D> points)
    {
        var pointList = points.ToList();
        for (int t = 0; t < hull.Indices.Length; t += 3)
        {
            Point3D a = hull.Vertices[hull.Indices[t]], b = hull.Vertices[hull.Indices[t + 1]], c = hull.Vertices[hull.Indices[t + 2]];
            (double nx, double ny, double nz) = Cross(b.X - a.X, b.Y - a.Y, b.Z - a.Z, c.X - a.X, c.Y - a.Y, c.Z - a.Z);
            double length = Math.Sqrt(nx * nx + ny * ny + nz * nz);
            Assert.True(length > 0, $"triangle {t / 3} is degenerate");
            foreach (Point3D p in pointList)
            {
                double distance = (nx * (p.X - a.X) + ny * (p.Y - a.Y) + nz * (p.Z - a.Z)) / length;
                Assert.True(distance <= 1e-9, $"point {p} lies {distance} mm outside triangle {t / 3}");
            }
        }
    }

    private static (double, double, double) Cross(double ax, double ay, double az, double bx, double by, double bz) =>
        (ay * bz - az * by, az * bx - ax * bz, ax * by - ay * bx);

    private static double Volume(ConvexHull hull) => new Mesh(hull.Vertices, hull.Indices).SignedVolume();
}
