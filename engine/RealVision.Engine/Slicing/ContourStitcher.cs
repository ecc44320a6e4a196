using RealVision.Geometry;

namespace RealVision.Engine.Slicing;

/// <summary>
/// Closes chains left open by holes in a mesh: joins the end of a chain to the
/// nearest start of another (or its own) within a gap, repeatedly. Chains
/// that cannot be closed are dropped and counted.
/// </summary>
public static class ContourStitcher
{
    /// <returns>The closed loops and the number of chains dropped.</returns>
    public static (Paths64 Closed, int Dropped) Stitch(Paths64 open, long maxGap)
    {
        var closed = new Paths64();
        var pending = new List<Path64>(open.Select(p => new Path64(p)));
        int dropped = 0;
        double maxGapSquared = (double)maxGap * maxGap;
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

                if (chain.Count >= 3 && ownGap <= maxGapSquared && ownGap <= bestGap)
                {
                    closed.Add(chain);
                    break;
                }

                if (best >= 0 && bestGap <= maxGapSquared)
                {
                    chain.AddRange(pending[best]);
                    pending.RemoveAt(best);
                    continue;
                }

                dropped++;
                break;
            }
        }

        return (closed, dropped);
    }

    private static double DistanceSquared(Point64 a, Point64 b)
    {
        double dx = a.X - b.X;
        double dy = a.Y - b.Y;
        return dx * dx + dy * dy;
    }
}
