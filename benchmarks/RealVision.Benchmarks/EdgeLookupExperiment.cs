using BenchmarkDotNet.Attributes;
using RealVision.Abstractions.Model;

namespace RealVision.Benchmarks;

/// <summary>
/// Experiment behind the contour-chaining hotspot: MeshSlicer keys each
/// crossed mesh edge as <c>(lowVertex &lt;&lt; 32) | highVertex</c>, and SegmentSet
/// looks the keys up in a <c>Dictionary&lt;long, int&gt;</c> per layer. The
/// default hash of a long is <c>(int)key ^ (int)(key &gt;&gt; 32)</c>, that is
/// <c>low ^ high</c>, which takes few distinct values when the two vertex
/// numbers of an edge are close, as they are in meshes read from files. This
/// builds the same per-layer dictionaries over the sphere's crossed edges with
/// the default comparer and with a multiplicative (Fibonacci) hash.
/// </summary>
[MemoryDiagnoser]
public class EdgeLookupExperiment
{
    private long[][] layerEdgeKeys = null!;

    [GlobalSetup]
    public void Setup()
    {
        var stages = new SphereStages();
        Mesh mesh = stages.Mesh;
        layerEdgeKeys = new long[stages.Heights.Count][];
        for (int layer = 0; layer < layerEdgeKeys.Length; layer++)
        {
            double plane = stages.Heights.SlicePlane(layer) / 1000.0;
            var keys = new List<long>();
            for (int t = 0; t < mesh.TriangleCount; t++)
            {
                for (int corner = 0; corner < 3; corner++)
                {
                    int p = mesh.Indices[3 * t + corner];
                    int q = mesh.Indices[3 * t + (corner + 1) % 3];

                    // Each crossed edge is taken once, from its lower-numbered end. As in the
                    // slicer, a vertex at or above the plane counts as above it.
                    if (p < q && (mesh.Vertices[p].Z >= plane) != (mesh.Vertices[q].Z >= plane))
                    {
                        keys.Add(((long)p << 32) | (uint)q);
                    }
                }
            }

            layerEdgeKeys[layer] = keys.ToArray();
        }

        long[] middle = layerEdgeKeys[layerEdgeKeys.Length / 2];
        int distinct = middle.Select(k => k.GetHashCode()).Distinct().Count();
        Console.WriteLine($"// Layer {layerEdgeKeys.Length / 2}: {middle.Length} crossed edges, {distinct} distinct default hash codes");
    }

    [Benchmark(Baseline = true, Description = "Dictionary<long,int>, default hash")]
    public int DefaultHash() => BuildAndProbe(EqualityComparer<long>.Default);

    [Benchmark(Description = "Dictionary<long,int>, Fibonacci hash")]
    public int FibonacciHash() => BuildAndProbe(FibonacciComparer.Instance);

    private int BuildAndProbe(IEqualityComparer<long> comparer)
    {
        int found = 0;
        foreach (long[] keys in layerEdgeKeys)
        {
            var index = new Dictionary<long, int>(keys.Length, comparer);
            for (int i = 0; i < keys.Length; i++)
            {
                index[keys[i]] = i;
            }

            foreach (long key in keys)
            {
                found += index.TryGetValue(key, out int value) ? value & 1 : 0;
            }
        }

        return found;
    }

    /// <summary>Multiplies by 2^64 / golden ratio and keeps the high 32 bits, which mix every input bit.</summary>
    private sealed class FibonacciComparer : IEqualityComparer<long>
    {
        public static readonly FibonacciComparer Instance = new();

        public bool Equals(long x, long y) => x == y;

        public int GetHashCode(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 32);
    }
}
