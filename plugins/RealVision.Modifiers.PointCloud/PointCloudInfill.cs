using RealVision.Abstractions.Plugins;
using RealVision.Geometry;
using RealVision.Modifiers.PointCloud.Sampling;

namespace RealVision.Modifiers.PointCloud;

/// <summary>
/// The effect of a point-cloud modifier. Each layer's covered infill is cut
/// along the grid's XY cell boundaries. Each cell takes the density of the
/// trilinear shore value at its centre at the layer's height. Adjacent cells
/// of equal density level are merged into one zone, so infill lines run on
/// across them.
/// </summary>
internal sealed class PointCloudInfill : IModifierEffect, IDisposable
{
    private readonly ShoreGrid grid;
    private readonly DensityMapping mapping;
    private readonly IShoreSampler sampler;

    // Cell boundaries in micrometres, computed once so neighbouring cells share exact edges.
    private readonly long[] xEdges;
    private readonly long[] yEdges;

    public PointCloudInfill(ShoreGrid grid, DensityMapping mapping, IShoreSampler sampler)
    {
        this.grid = grid;
        this.mapping = mapping;
        this.sampler = sampler;
        xEdges = Edges(grid.Box.Min.X, grid.Box.Size.X, grid.Nx);
        yEdges = Edges(grid.Box.Min.Y, grid.Box.Size.Y, grid.Ny);
    }

    /// <summary>Where the shore lookups run: "managed" or the OpenCL device.</summary>
    public string Lookup => sampler.Description;

    public IReadOnlyList<InfillZone> Zones(Paths64 area, long z)
    {
        if (area.Count == 0 || area.PointCount() == 0)
        {
            return Array.Empty<InfillZone>();
        }

        (long minX, long minY, long maxX, long maxY) = Bounds(area);
        int i0 = FirstCell(xEdges, minX), i1 = LastCell(xEdges, maxX);
        int j0 = FirstCell(yEdges, minY), j1 = LastCell(yEdges, maxY);
        int columns = i1 - i0 + 1;
        int rows = j1 - j0 + 1;
        int[] levels = SampleLevels(i0, j0, columns, rows, Units.ToMillimetres(z));

        int firstLevel = levels[0];
        if (levels.All(level => level == firstLevel))
        {
            return new[] { new InfillZone(area, mapping.Density(firstLevel)) };
        }

        // Runs of equal level along each row become one rectangle. The outermost
        // cells reach past the grid to the area's bounds, so rounding leaves no gap.
        var rectanglesByLevel = new SortedDictionary<int, Paths64>();
        for (int row = 0; row < rows; row++)
        {
            int j = j0 + row;
            long bottom = j == 0 ? Math.Min(yEdges[0], minY) : yEdges[j];
            long top = j == grid.Ny - 1 ? Math.Max(yEdges[^1], maxY) : yEdges[j + 1];
            int runStart = 0;
            for (int column = 1; column <= columns; column++)
            {
                int level = levels[row * columns + runStart];
                if (column < columns && levels[row * columns + column] == level)
                {
                    continue;
                }

                int first = i0 + runStart, last = i0 + column - 1;
                long left = first == 0 ? Math.Min(xEdges[0], minX) : xEdges[first];
                long right = last == grid.Nx - 1 ? Math.Max(xEdges[^1], maxX) : xEdges[last + 1];
                if (!rectanglesByLevel.TryGetValue(level, out Paths64? rectangles))
                {
                    rectangles = new Paths64();
                    rectanglesByLevel.Add(level, rectangles);
                }

                rectangles.Add(Rectangle(left, bottom, right, top));
                runStart = column;
            }
        }

        var zones = new List<InfillZone>(rectanglesByLevel.Count);
        foreach ((int level, Paths64 rectangles) in rectanglesByLevel)
        {
            Paths64 cells = Clipper.Union(rectangles);
            Paths64 zone = Clipper.Intersect(area, cells);
            if (zone.Count > 0)
            {
                zones.Add(new InfillZone(zone, mapping.Density(level)));
            }
        }

        return zones;
    }

    public void Dispose() => sampler.Dispose();

    /// <summary>Density levels of the cells i0.., j0.. (row by row), from the shore values at their centres at height z mm.</summary>
    private int[] SampleLevels(int i0, int j0, int columns, int rows, double z)
    {
        int count = columns * rows;
        var xs = new double[count];
        var ys = new double[count];
        var zs = new double[count];
        var shore = new double[count];
        double cellX = grid.CellSizeX, cellY = grid.CellSizeY;
        for (int row = 0; row < rows; row++)
        {
            double y = grid.Box.Min.Y + (j0 + row + 0.5) * cellY;
            for (int column = 0; column < columns; column++)
            {
                int n = row * columns + column;
                xs[n] = grid.Box.Min.X + (i0 + column + 0.5) * cellX;
                ys[n] = y;
                zs[n] = z;
            }
        }

        sampler.Sample(xs, ys, zs, shore);
        var levels = new int[count];
        for (int n = 0; n < count; n++)
        {
            levels[n] = mapping.Level(shore[n]);
        }

        return levels;
    }

    private static long[] Edges(double min, double size, int count)
    {
        var edges = new long[count + 1];
        for (int i = 0; i <= count; i++)
        {
            edges[i] = Units.ToMicrometres(min + size * i / count);
        }

        return edges;
    }

    /// <summary>The first cell whose upper edge lies above <paramref name="value"/>; 0 below the grid.</summary>
    private static int FirstCell(long[] edges, long value)
    {
        int cells = edges.Length - 1;
        for (int i = 0; i < cells - 1; i++)
        {
            if (edges[i + 1] > value)
            {
                return i;
            }
        }

        return cells - 1;
    }

    /// <summary>The last cell whose lower edge lies below <paramref name="value"/>; the last cell above the grid.</summary>
    private static int LastCell(long[] edges, long value)
    {
        int cells = edges.Length - 1;
        for (int i = cells - 1; i > 0; i--)
        {
            if (edges[i] < value)
            {
                return i;
            }
        }

        return 0;
    }

    private static (long MinX, long MinY, long MaxX, long MaxY) Bounds(Paths64 paths)
    {
        long minX = long.MaxValue, minY = long.MaxValue, maxX = long.MinValue, maxY = long.MinValue;
        foreach (Path64 path in paths)
        {
            foreach (Point64 point in path)
            {
                minX = Math.Min(minX, point.X);
                minY = Math.Min(minY, point.Y);
                maxX = Math.Max(maxX, point.X);
                maxY = Math.Max(maxY, point.Y);
            }
        }

        return (minX, minY, maxX, maxY);
    }

    private static Path64 Rectangle(long left, long bottom, long right, long top) => new()
    {
        new Point64(left, bottom),
        new Point64(right, bottom),
        new Point64(right, top),
        new Point64(left, top),
    };
}
