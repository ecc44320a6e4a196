namespace RealVision.Engine.Meshes;

/// <summary>
/// Edge adjacency of an indexed triangle list: which triangles share each
/// edge, in which direction, and which edges are open or non-manifold. Built
/// by sorting half-edges by their undirected key, so memory stays
/// proportional to the triangle count.
/// </summary>
internal sealed class EdgeTopology
{
    private readonly int[] triangles;

    // For half-edge 3t+k (edge k of triangle t): the neighbouring triangle across
    // it when exactly two triangles share the edge, else -1; and whether the
    // neighbour runs the edge the opposite way (consistent winding).
    private readonly int[] neighbour;
    private readonly bool[] consistent;

    public EdgeTopology(int[] triangles)
    {
        this.triangles = triangles;
        int halfEdges = triangles.Length;
        neighbour = new int[halfEdges];
        consistent = new bool[halfEdges];
        Array.Fill(neighbour, -1);

        var keys = new long[halfEdges];
        var order = new int[halfEdges];
        for (int h = 0; h < halfEdges; h++)
        {
            (int from, int to) = HalfEdge(h);
            keys[h] = from < to ? ((long)from << 32) | (uint)to : ((long)to << 32) | (uint)from;
            order[h] = h;
        }

        Array.Sort(keys, order);
        for (int start = 0; start < halfEdges;)
        {
            int end = start + 1;
            while (end < halfEdges && keys[end] == keys[start])
            {
                end++;
            }

            int uses = end - start;
            if (uses == 1)
            {
                OpenEdges++;
            }
            else if (uses > 2)
            {
                NonManifoldEdges++;
            }
            else
            {
                int h1 = order[start], h2 = order[start + 1];
                bool opposite = HalfEdge(h1).From == HalfEdge(h2).To;
                neighbour[h1] = h2 / 3;
                neighbour[h2] = h1 / 3;
                consistent[h1] = opposite;
                consistent[h2] = opposite;
            }

            start = end;
        }
    }

    public int OpenEdges { get; }

    public int NonManifoldEdges { get; }

    /// <summary>True when every edge of triangle <paramref name="t"/> is shared with exactly one other triangle.</summary>
    public bool HasAllNeighbours(int t) => neighbour[3 * t] >= 0 && neighbour[3 * t + 1] >= 0 && neighbour[3 * t + 2] >= 0;

    /// <summary>
    /// Groups triangles into shells joined by manifold edges and reverses
    /// triangles so each shell's winding agrees across its edges. Returns the
    /// shell index of every triangle; the shell count goes into the report.
    /// </summary>
    public int[] OrientShells(MeshReport report)
    {
        int count = triangles.Length / 3;
        var shell = new int[count];
        Array.Fill(shell, -1);
        var flip = new bool[count];
        var queue = new Queue<int>();
        int shells = 0;
        for (int seed = 0; seed < count; seed++)
        {
            if (shell[seed] >= 0)
            {
                continue;
            }

            int flippedInShell = 0, sizeOfShell = 0;
            var members = new List<int>();
            shell[seed] = shells;
            queue.Enqueue(seed);
            while (queue.Count > 0)
            {
                int t = queue.Dequeue();
                members.Add(t);
                sizeOfShell++;
                if (flip[t])
                {
                    flippedInShell++;
                }

                for (int k = 0; k < 3; k++)
                {
                    int n = neighbour[3 * t + k];
                    if (n < 0 || shell[n] >= 0)
                    {
                        continue;
                    }

                    shell[n] = shells;
                    flip[n] = flip[t] ^ !consistent[3 * t + k];
                    queue.Enqueue(n);
                }
            }

            // Keep the majority winding of the shell; whole-shell direction is fixed later by volume.
            bool invert = flippedInShell * 2 > sizeOfShell;
            foreach (int t in members)
            {
                if (flip[t] != invert)
                {
                    (triangles[3 * t + 1], triangles[3 * t + 2]) = (triangles[3 * t + 2], triangles[3 * t + 1]);
                    report.FlippedTriangles++;
                }
            }

            shells++;
        }

        report.Shells = shells;
        return shell;
    }

    private (int From, int To) HalfEdge(int h)
    {
        int t = h / 3, k = h % 3;
        return (triangles[3 * t + k], triangles[3 * t + (k + 1) % 3]);
    }
}
