using RealVision.Abstractions.Model;
using RealVision.Geometry;

namespace RealVision.Benchmarks.Models;

/// <summary>
/// Deterministic UV sphere: <c>segments</c> meridians and <c>rings</c> latitude
/// bands, two pole vertices and a fan of triangles at each pole. It has
/// 2 * segments * (rings - 1) triangles, counter-clockwise seen from outside.
/// </summary>
public static class UvSphere
{
    /// <summary>512 segments x 257 rings: 262,144 triangles, the "large sphere" of the stage benchmarks and the peer comparison.</summary>
    public const int DefaultSegments = 512;

    public const int DefaultRings = 257;

    /// <summary>Radius of the default sphere in mm: 80 mm across, 400 layers of 0.2 mm.</summary>
    public const double DefaultRadiusMm = 40;

    public static int TriangleCount(int segments, int rings) => 2 * segments * (rings - 1);

    /// <summary>Builds the sphere around <paramref name="centre"/> (mm).</summary>
    public static Mesh Create(int segments, int rings, double radiusMm, Point3D centre)
    {
        if (segments < 3 || rings < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(segments), $"A UV sphere needs at least 3 segments and 2 rings, not {segments} x {rings}.");
        }

        // Vertex 0 is the north pole and 1 the south pole. Ring j (1..rings-1,
        // counted from the north) contains vertices 2 + (j - 1) * segments + i.
        var vertices = new Point3D[2 + (rings - 1) * segments];
        vertices[0] = new Point3D(centre.X, centre.Y, centre.Z + radiusMm);
        vertices[1] = new Point3D(centre.X, centre.Y, centre.Z - radiusMm);
        for (int j = 1; j < rings; j++)
        {
            double polar = Math.PI * j / rings;
            double z = centre.Z + radiusMm * Math.Cos(polar);
            double ringRadius = radiusMm * Math.Sin(polar);
            for (int i = 0; i < segments; i++)
            {
                double azimuth = 2 * Math.PI * i / segments;
                vertices[RingVertex(j, i, segments)] = new Point3D(
                    centre.X + ringRadius * Math.Cos(azimuth),
                    centre.Y + ringRadius * Math.Sin(azimuth),
                    z);
            }
        }

        var indices = new int[3 * TriangleCount(segments, rings)];
        int k = 0;
        for (int i = 0; i < segments; i++)
        {
            int next = (i + 1) % segments;

            // Azimuth grows counter-clockwise seen from +Z, so (pole, i, next)
            // faces up at the north pole and (pole, next, i) faces down at the south.
            (indices[k], indices[k + 1], indices[k + 2]) = (0, RingVertex(1, i, segments), RingVertex(1, next, segments));
            k += 3;
            (indices[k], indices[k + 1], indices[k + 2]) = (1, RingVertex(rings - 1, next, segments), RingVertex(rings - 1, i, segments));
            k += 3;
            for (int j = 1; j < rings - 1; j++)
            {
                int upper = RingVertex(j, i, segments);
                int upperNext = RingVertex(j, next, segments);
                int lower = RingVertex(j + 1, i, segments);
                int lowerNext = RingVertex(j + 1, next, segments);
                (indices[k], indices[k + 1], indices[k + 2]) = (upper, lower, lowerNext);
                k += 3;
                (indices[k], indices[k + 1], indices[k + 2]) = (upper, lowerNext, upperNext);
                k += 3;
            }
        }

        return new Mesh(vertices, indices);
    }

    private static int RingVertex(int ring, int segment, int segments) => 2 + (ring - 1) * segments + segment;
}
