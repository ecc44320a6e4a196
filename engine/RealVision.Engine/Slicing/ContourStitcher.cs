using RealVision.Geometry;

namespace RealVision.Engine.Slicing;

/// <summary>
/// Closes chains left open by holes in a mesh. The end of each chain is joined
/// to the nearest start of another chain or to its own start, whichever is
/// nearer, until every chain is a loop; so a layer through a missing triangle
/// or face gets the straight edge the missing surface would have given.
/// </summary>
public static class ContourStitcher
{
    /// <returns>The closed loops, the number of joins and the widest gap bridged (micrometres).</returns>
    public static (Paths64 Closed, int Joins, double WidestGap) Stitch(Paths64 open)
    {
        var closed = new Paths64();
        var pending = new List<Path64>(open.Select(p => new Path64(p)));
        int joins = 0;
        double widest = 0;
        while (pending.Count > 0)
        {
            Path64 chain = pending[^1];
            pending.RemoveAt(pending.Count - 1);
            while (true)
            {
                double ownGap = DistanceSquared(chain[^1], chain[0]);
                int best = -1;
                double bestGap = double.MaxValue;
                for (int i = 0; i < pending.Count; i++)
                {
                    double gap = DistanceSquared(chain[^1], pending[i][0]);
                    if (gap < bestGap)
                    {
                        bestGap = gap;
                        best = i;
                    }
                }

                joins++;
                if (best < 0 || ownGap <= bestGap)
                {
                    widest = Math.Max(widest, Math.Sqrt(ownGap));
                    if (chain.Count >= 3)
                    {
                        closed.Add(chain);
                    }

                    break;
                }

                widest = Math.Max(widest, Math.Sqrt(bestGap));
                chain.AddRange(pending[best]);
                pending.RemoveAt(best);
            }
        }

        return (closed, joins, widest);
    }

    private static double DistanceSquared(Point64 a, Point64 b)
    {
        double dx = a.X - b.X;
        double dy = a.Y - b.Y;
        return dx * dx + dy * dy;
    }
}
