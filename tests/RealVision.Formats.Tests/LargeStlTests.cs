using System.Buffers.Binary;
using RealVision.Abstractions.Model;
using RealVision.Abstractions.Plugins;
using RealVision.Formats.Stl;
using RealVision.Geometry;
using Xunit;

namespace RealVision.Formats.Tests;

public class LargeStlTests
{
    [Fact]
    public void Binary_FiveMillionFacetsStream()
    {
        const int columns = 1000;
        const int rows = 2500;
        var stream = new GridStlStream(columns, rows);
        long facets = 2L * columns * rows;
        Assert.Equal(84 + 50 * facets, stream.Length);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Workspace workspace = new StlFormat().Read(stream, new InputContext { FileName = "grid.stl" });
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Mesh mesh = Assert.Single(workspace.Models).Mesh;
        Assert.Equal(facets, mesh.TriangleCount);
        Assert.Equal((columns + 1) * (rows + 1), mesh.Vertices.Length);
        (Point3D min, Point3D max) = TestGeometry.Bounds(mesh);
        Assert.Equal(new Point3D(0, 0, 0), min);
        Assert.Equal(new Point3D(columns, rows, 0), max);

        // The file is 250 MB; the mesh needs 12 bytes of indices per facet and 24 bytes per vertex,
        // and welding a few dozen more. 200 bytes per facet leaves room for collection growth but
        // fails if the reader buffers the file or keeps per-corner objects.
        Assert.True(allocated < 200 * facets, $"Reading allocated {allocated / facets} bytes per facet.");
    }

    /// <summary>
    /// A seekable binary STL of a flat rectangular grid, columns × rows cells of two triangles each,
    /// generated on the fly so that the test needs no 250 MB file.
    /// </summary>
    private sealed class GridStlStream : Stream
    {
        private readonly int _columns;
        private readonly int _rows;
        private readonly byte[] _header = new byte[84];
        private readonly byte[] _record = new byte[50];
        private long _position;

        public GridStlStream(int columns, int rows)
        {
            _columns = columns;
            _rows = rows;
            Length = 84 + 50L * 2 * columns * rows;
            Array.Fill(_header, (byte)' ');
            BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(80), (uint)(2 * columns * rows));
        }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length { get; }

        public override long Position
        {
            get => _position;
            set => _position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int written = 0;
            while (written < buffer.Length && _position < Length)
            {
                int copied;
                if (_position < 84)
                {
                    copied = Copy(_header.AsSpan((int)_position), buffer[written..]);
                }
                else
                {
                    long facet = (_position - 84) / 50;
                    int offsetInRecord = (int)((_position - 84) % 50);
                    FillRecord(facet);
                    copied = Copy(_record.AsSpan(offsetInRecord), buffer[written..]);
                }

                written += copied;
                _position += copied;
            }

            return written;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            _position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => Length + offset,
            };
            return _position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static int Copy(ReadOnlySpan<byte> source, Span<byte> target)
        {
            int count = Math.Min(source.Length, target.Length);
            source[..count].CopyTo(target);
            return count;
        }

        private void FillRecord(long facet)
        {
            long cell = facet / 2;
            int x = (int)(cell % _columns);
            int y = (int)(cell / _columns);
            Span<byte> r = _record;
            r.Clear();
            WritePoint(r[12..], x, y);
            if (facet % 2 == 0)
            {
                WritePoint(r[24..], x + 1, y);
                WritePoint(r[36..], x + 1, y + 1);
            }
            else
            {
                WritePoint(r[24..], x + 1, y + 1);
                WritePoint(r[36..], x, y + 1);
            }
        }

        private static void WritePoint(Span<byte> target, int x, int y)
        {
            BinaryPrimitives.WriteSingleLittleEndian(target, x);
            BinaryPrimitives.WriteSingleLittleEndian(target[4..], y);
            BinaryPrimitives.WriteSingleLittleEndian(target[8..], 0f);
        }
    }
}
