namespace RealVision.Geometry;

/// <summary>A polygon or polyline in micrometres. Polygons are implicitly closed.</summary>
public class Path64 : List<Point64>
{
    public Path64()
    {
    }

    public Path64(int capacity)
        : base(capacity)
    {
    }

    public Path64(IEnumerable<Point64> points)
        : base(points)
    {
    }
}

/// <summary>A set of polygons (outer contours counter-clockwise, holes clockwise) or polylines.</summary>
public class Paths64 : List<Path64>
{
    public Paths64()
    {
    }

    public Paths64(int capacity)
        : base(capacity)
    {
    }

    public Paths64(IEnumerable<Path64> paths)
        : base(paths)
    {
    }

    /// <summary>Total number of points over all paths.</summary>
    public int PointCount()
    {
        int count = 0;
        foreach (Path64 path in this)
        {
            count += path.Count;
        }

        return count;
    }
}
