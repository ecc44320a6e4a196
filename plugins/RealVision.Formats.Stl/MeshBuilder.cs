using RealVision.Abstractions.Model;
using RealVision.Geometry;

namespace RealVision.Formats;

/// <summary>
/// Builds an indexed <see cref="Mesh"/> from triangle corners, welding corners whose
/// coordinates are exactly equal into one vertex. Negative zero welds with positive zero.
/// Callers must reject NaN and infinite coordinates before adding them.
/// </summary>
/// <remarks>The STL and workspace plugins both compile this file into their own assembly.</remarks>
internal sealed class MeshBuilder
{
    private readonly Dictionary<VertexKey, int> _indexByVertex;
    private readonly List<Point3D> _vertices;
    private int[] _indices;
    private int _indexCount;

    /// <param name="expectedTriangles">Capacity hint; the builder grows past it when needed.</param>
    public MeshBuilder(int expectedTriangles)
    {
        expectedTriangles = Math.Max(expectedTriangles, 1);

        // A closed mesh has about half as many vertices as triangles, and an open sheet a few more.
        // The margin of 1/32 spares such meshes a doubling of both collections.
        int expectedVertices = expectedTriangles / 2 + expectedTriangles / 32 + 16;
        _indexByVertex = new Dictionary<VertexKey, int>(expectedVertices);
        _vertices = new List<Point3D>(expectedVertices);
        _indices = new int[checked(expectedTriangles * 3)];
    }

    public int TriangleCount => _indexCount / 3;

    public int VertexCount => _vertices.Count;

    /// <summary>Returns the index of the vertex at (x, y, z), adding it when it is new.</summary>
    public int AddVertex(double x, double y, double z)
    {
        // Adding +0.0 turns -0.0 into +0.0 and leaves every other value unchanged.
        var point = new Point3D(x + 0.0, y + 0.0, z + 0.0);
        var key = new VertexKey(point);
        if (_indexByVertex.TryGetValue(key, out int index))
        {
            return index;
        }

        index = _vertices.Count;
        _vertices.Add(point);
        _indexByVertex.Add(key, index);
        return index;
    }

    public void AddTriangle(int a, int b, int c)
    {
        if (_indexCount + 3 > _indices.Length)
        {
            Array.Resize(ref _indices, checked(Math.Max(_indices.Length * 2, 48)));
        }

        _indices[_indexCount] = a;
        _indices[_indexCount + 1] = b;
        _indices[_indexCount + 2] = c;
        _indexCount += 3;
    }

    public Mesh Build()
    {
        int[] indices = _indices;
        if (indices.Length != _indexCount)
        {
            Array.Resize(ref indices, _indexCount);
        }

        return new Mesh(_vertices.ToArray(), indices);
    }

    /// <summary>Exact bitwise key of a normalized point; faster than comparing doubles through Point3D.</summary>
    private readonly struct VertexKey : IEquatable<VertexKey>
    {
        private readonly long _x;
        private readonly long _y;
        private readonly long _z;

        public VertexKey(Point3D point)
        {
            _x = BitConverter.DoubleToInt64Bits(point.X);
            _y = BitConverter.DoubleToInt64Bits(point.Y);
            _z = BitConverter.DoubleToInt64Bits(point.Z);
        }

        public bool Equals(VertexKey other) => _x == other._x && _y == other._y && _z == other._z;

        public override bool Equals(object? obj) => obj is VertexKey other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(_x, _y, _z);
    }
}
