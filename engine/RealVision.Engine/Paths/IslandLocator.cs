using RealVision.Geometry;

namespace RealVision.Engine.Paths;

/// <summary>Finds which island (outer contour of a layer) contains a point, so paths can be grouped by island.</summary>
internal sealed class IslandLocator
{
    private readonly List<Path64> outers;
    private readonly List<(long MinX, long MinY, long MaxX, long MaxY)> boxes;

    public IslandLocator(Paths64 outline)
    {
        outers = outline.Where(p => Clipper.Area(p) > 0).ToList();
        boxes = outers.Select(Bounds).ToList();
    }

    public int Count => outers.Count;

    /// <summary>Index of the smallest-box island containing <paramref name="point"/>, or 0 when none does.</summary>
    public int Find(Point64 point)
    {
        int best = -1;
        double bestArea = double.MaxValue;
        for (int i = 0; i < outers.Count; i++)
        {
            var box = boxes[i];
            if (point.X < box.MinX || point.X > box.MaxX || point.Y < box.MinY || point.Y > box.MaxY)
            {
                continue;
            }

            double area = (double)(box.MaxX - box.MinX) * (box.MaxY - box.MinY);
            if (area < bestArea && Contains(outers[i], point))
            {
                best = i;
                bestArea = area;
            }
        }

        return Math.Max(best, 0);
    }

    public Point64 Centre(int island)
    {
        var box = boxes[island];
        return new Point64((box.MinX + box.MaxX) / 2, (box.MinY + box.MaxY) / 2);
    }

    private static bool Contains(Path64 polygon, Point64 point)
    {
        bool inside = false;
        int count = polygon.Count;
        for (int i = 0, j = count - 1; i < count; j = i++)
        {
            Point64 a = polygon[i];
            Point64 b = polygon[j];
            if ((a.Y > point.Y) != (b.Y > point.Y))
            {
                double crossX = a.X + (double)(point.Y - a.Y) * (b.X - a.X) / (b.Y - a.Y);
                if (point.X < crossX)
                {
                    inside = !inside;
                }
            }
        }

        return inside;
    }

    private static (long, long, long, long) Bounds(Path64 path)
    {
        long minX = long.MaxValue, minY = long.MaxValue, maxX = long.MinValue, maxY = long.MinValue;
        foreach (Point64 p in path)
        {
            minX = Math.Min(minX, p.X);
            minY = Math.Min(minY, p.Y);
            maxX = Math.Max(maxX, p.X);
            maxY = Math.Max(maxY, p.Y);
        }

        return (minX, minY, maxX, maxY);
    }
}
