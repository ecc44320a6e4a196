using RealVision.Geometry;

namespace RealVision.Engine.Paths;

/// <summary>Greedy nearest-neighbour ordering of loops and lines to keep travel short.</summary>
internal static class PathOrder
{
    /// <summary>
    /// Orders closed loops; each returned loop is rotated to start at its
    /// vertex nearest to where the previous one ended.
    /// </summary>
    public static List<Path64> Loops(IReadOnlyList<Path64> loops, ref Point64 position)
    {
        var result = new List<Path64>(loops.Count);
        var done = new bool[loops.Count];
        for (int n = 0; n < loops.Count; n++)
        {
            int bestLoop = -1, bestVertex = 0;
            double bestDistance = double.MaxValue;
            for (int i = 0; i < loops.Count; i++)
            {
                if (done[i])
                {
                    continue;
                }

                Path64 loop = loops[i];
                for (int v = 0; v < loop.Count; v++)
                {
                    double d = DistanceSquared(position, loop[v]);
                    if (d < bestDistance)
                    {
                        bestDistance = d;
                        bestLoop = i;
                        bestVertex = v;
                    }
                }
            }

            done[bestLoop] = true;
            Path64 chosen = loops[bestLoop];
            var rotated = new Path64(chosen.Count);
            for (int k = 0; k < chosen.Count; k++)
            {
                rotated.Add(chosen[(bestVertex + k) % chosen.Count]);
            }

            result.Add(rotated);
            position = rotated[0];
        }

        return result;
    }

    /// <summary>Orders open lines, reversing a line when its far end is nearer.</summary>
    public static List<Path64> Lines(IReadOnlyList<Path64> lines, ref Point64 position)
    {
        var result = new List<Path64>(lines.Count);
        var done = new bool[lines.Count];
        for (int n = 0; n < lines.Count; n++)
        {
            int best = -1;
            bool reverse = false;
            double bestDistance = double.MaxValue;
            for (int i = 0; i < lines.Count; i++)
            {
                if (done[i])
                {
                    continue;
                }

                double toStart = DistanceSquared(position, lines[i][0]);
                double toEnd = DistanceSquared(position, lines[i][^1]);
                if (toStart < bestDistance)
                {
                    bestDistance = toStart;
                    best = i;
                    reverse = false;
                }

                if (toEnd < bestDistance)
                {
                    bestDistance = toEnd;
                    best = i;
                    reverse = true;
                }
            }

            done[best] = true;
            Path64 line = lines[best];
            if (reverse)
            {
                line = new Path64(line);
                line.Reverse();
            }

            result.Add(line);
            position = line[^1];
        }

        return result;
    }

    private static double DistanceSquared(Point64 a, Point64 b)
    {
        double dx = a.X - b.X;
        double dy = a.Y - b.Y;
        return dx * dx + dy * dy;
    }
}
