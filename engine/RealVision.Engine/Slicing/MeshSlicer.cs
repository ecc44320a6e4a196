using RealVision.Abstractions.Model;
using RealVision.Geometry;

namespace RealVision.Engine.Slicing;

/// <summary>Contours of one mesh on one layer, before they are unioned.</summary>
public sealed class LayerContours
{
    public Paths64 Closed { get; } = new();

    /// <summary>Chains that could not be closed through shared edges (the mesh has holes there).</summary>
    public Paths64 Open { get; } = new();
}

/// <summary>
/// Cuts a triangle mesh with the layer planes. A vertex at or above a plane
/// counts as above it, so no vertex ever lies on a plane and every cut crosses
/// exactly two edges of a triangle. Segments are chained through the mesh edge
/// they share, so closing a loop never depends on a distance tolerance.
/// </summary>
public sealed class MeshSlicer
{
    private readonly Point3D[] vertices;
    private readonly int[] indices;
    private readonly LayerHeights layers;

    // Triangles crossing each layer, in compressed-row form: layer i uses
    // layerTriangles[layerStart[i] .. layerStart[i + 1]).
    private readonly int[] layerStart;
    private readonly int[] layerTriangles;

    /// <param name="mesh">Mesh in mm; when its signed volume is negative (inside out) every triangle is reversed.</param>
    public MeshSlicer(Mesh mesh, LayerHeights layers)
    {
        vertices = mesh.Vertices;
        indices = mesh.SignedVolume() < 0 ? Reverse(mesh.Indices) : mesh.Indices;
        this.layers = layers;
        (layerStart, layerTriangles) = BucketTriangles();
    }

    public LayerContours SliceLayer(int layerIndex)
    {
        double plane = layers.SlicePlane(layerIndex) / 1000.0;
        int begin = layerStart[layerIndex];
        int end = layerStart[layerIndex + 1];
        var segments = new SegmentSet(end - begin);
        for (int k = begin; k < end; k++)
        {
            AddSegment(layerTriangles[k], plane, segments);
        }

        return segments.Chain();
    }

    private void AddSegment(int triangle, double plane, SegmentSet segments)
    {
        int a = indices[3 * triangle];
        int b = indices[3 * triangle + 1];
        int c = indices[3 * triangle + 2];
        bool aAbove = vertices[a].Z >= plane;
        bool bAbove = vertices[b].Z >= plane;
        bool cAbove = vertices[c].Z >= plane;
        if (aAbove == bAbove && bAbove == cAbove)
        {
            return;
        }

        // Walking a -> b -> c, one edge goes from above to below the plane (the
        // segment starts there) and one from below to above (it ends there).
        // With outward-facing counter-clockwise triangles this runs outer
        // contours counter-clockwise seen from above.
        int downFrom, downTo, upFrom, upTo;
        if (aAbove != bAbove && aAbove)
        {
            (downFrom, downTo) = (a, b);
            (upFrom, upTo) = bAbove == cAbove ? (c, a) : (b, c);
        }
        else if (aAbove != bAbove)
        {
            (upFrom, upTo) = (a, b);
            (downFrom, downTo) = bAbove == cAbove ? (c, a) : (b, c);
        }
        else if (bAbove)
        {
            (downFrom, downTo) = (b, c);
            (upFrom, upTo) = (c, a);
        }
        else
        {
            (upFrom, upTo) = (b, c);
            (downFrom, downTo) = (c, a);
        }

        segments.Add(
            EdgeKey(downFrom, downTo), Intersect(downFrom, downTo, plane),
            EdgeKey(upFrom, upTo), Intersect(upFrom, upTo, plane));
    }

    // Interpolates from the lower vertex index to the higher one, so the two
    // triangles sharing an edge compute bit-identical points.
    private Point64 Intersect(int p, int q, double plane)
    {
        if (p > q)
        {
            (p, q) = (q, p);
        }

        Point3D from = vertices[p];
        Point3D to = vertices[q];
        double t = (plane - from.Z) / (to.Z - from.Z);
        double x = from.X + t * (to.X - from.X);
        double y = from.Y + t * (to.Y - from.Y);
        return new Point64((long)Math.Round(x * 1000.0), (long)Math.Round(y * 1000.0));
    }

    private static long EdgeKey(int p, int q) =>
        p < q ? ((long)p << 32) | (uint)q : ((long)q << 32) | (uint)p;

    private (int[] Start, int[] Triangles) BucketTriangles()
    {
        int layerCount = layers.Count;
        int triangleCount = indices.Length / 3;
        var first = new int[triangleCount];
        var last = new int[triangleCount];
        var start = new int[layerCount + 1];
        for (int t = 0; t < triangleCount; t++)
        {
            double z0 = vertices[indices[3 * t]].Z;
            double z1 = vertices[indices[3 * t + 1]].Z;
            double z2 = vertices[indices[3 * t + 2]].Z;
            double zMin = Math.Min(z0, Math.Min(z1, z2));
            double zMax = Math.Max(z0, Math.Max(z1, z2));

            // A triangle crosses the planes in (zMin, zMax].
            first[t] = FirstPlaneAbove(zMin);
            last[t] = LastPlaneAtOrBelow(zMax);
            for (int layer = first[t]; layer <= last[t]; layer++)
            {
                start[layer + 1]++;
            }
        }

        for (int i = 0; i < layerCount; i++)
        {
            start[i + 1] += start[i];
        }

        var fill = (int[])start.Clone();
        var triangles = new int[start[layerCount]];
        for (int t = 0; t < triangleCount; t++)
        {
            for (int layer = first[t]; layer <= last[t]; layer++)
            {
                triangles[fill[layer]++] = t;
            }
        }

        return (start, triangles);
    }

    private int FirstPlaneAbove(double zMillimetres)
    {
        int index = Math.Max(0, EstimateIndex(zMillimetres) - 1);
        while (index < layers.Count && layers.SlicePlane(index) / 1000.0 <= zMillimetres)
        {
            index++;
        }

        return index;
    }

    private int LastPlaneAtOrBelow(double zMillimetres)
    {
        int index = Math.Min(layers.Count - 1, EstimateIndex(zMillimetres) + 1);
        while (index >= 0 && layers.SlicePlane(index) / 1000.0 > zMillimetres)
        {
            index--;
        }

        return index;
    }

    private int EstimateIndex(double zMillimetres)
    {
        double fromFirst = (zMillimetres * 1000.0 - layers.FirstLayerHeight) / layers.LayerHeight;
        return (int)Math.Clamp(Math.Floor(fromFirst) + 1, 0, Math.Max(0, layers.Count - 1));
    }

    private static int[] Reverse(int[] source)
    {
        var reversed = new int[source.Length];
        for (int i = 0; i < source.Length; i += 3)
        {
            reversed[i] = source[i];
            reversed[i + 1] = source[i + 2];
            reversed[i + 2] = source[i + 1];
        }

        return reversed;
    }
}
