using System.Buffers.Binary;
using System.Globalization;
using RealVision.Abstractions.Model;
using RealVision.Abstractions.Plugins;

namespace RealVision.Formats.Stl;

/// <summary>
/// Reads binary STL: an 80-byte header, a little-endian uint32 facet count, then 50-byte
/// records (normal, three vertices as float32 triples, a 16-bit attribute).
/// </summary>
internal static class BinaryStlReader
{
    public const int HeaderLength = 84;
    public const int RecordLength = 50;

    /// <summary>Facets read between two cancellation checks.</summary>
    private const int RecordsPerChunk = 4096;

    /// <summary>Returns true when a binary STL with <paramref name="count"/> facets has exactly <paramref name="length"/> bytes.</summary>
    public static bool MatchesLength(uint count, long length) => HeaderLength + (long)RecordLength * count == length;

    /// <summary>
    /// Reads the facets from <paramref name="input"/>, positioned at the header, whose remaining
    /// length is <paramref name="length"/> bytes. The declared count is checked against the length
    /// before anything is sized from it.
    /// </summary>
    public static Mesh Read(Stream input, long length, InputContext context)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        input.ReadExactly(header);
        uint declared = BinaryPrimitives.ReadUInt32LittleEndian(header[80..]);
        long recordsInFile = (length - HeaderLength) / RecordLength;
        long expectedLength = HeaderLength + (long)RecordLength * declared;

        if (declared == 0)
        {
            throw StlErrors.Invalid(
                context,
                $"binary STL declares 0 facets ({length} bytes in the file), so there is no mesh to read. Re-export the model from your CAD tool.");
        }

        if (expectedLength > length)
        {
            throw StlErrors.Invalid(
                context,
                $"binary STL declares {declared} facets but the file holds {recordsInFile} ({length} bytes; 84 + 50 bytes per facet); the file is truncated or not binary STL. Re-export it from your CAD tool.");
        }

        if (declared > Array.MaxLength / 3)
        {
            throw StlErrors.Invalid(
                context,
                $"binary STL declares {declared} facets, more than the {Array.MaxLength / 3} this reader supports. Split the model into smaller files.");
        }

        if (expectedLength < length)
        {
            long extraBytes = length - expectedLength;
            context.Warnings.Add(
                $"{context.FileName}: the file has {extraBytes} bytes ({extraBytes / RecordLength} whole facet records) after the {declared} facets its header declares; only the declared facets were read.");
        }

        int facetCount = (int)declared;
        var builder = new MeshBuilder(facetCount);
        byte[] chunk = new byte[RecordLength * RecordsPerChunk];
        int facet = 0;
        while (facet < facetCount)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            int records = Math.Min(RecordsPerChunk, facetCount - facet);
            Span<byte> data = chunk.AsSpan(0, records * RecordLength);
            input.ReadExactly(data);
            for (int r = 0; r < records; r++, facet++)
            {
                AddFacet(builder, data.Slice(r * RecordLength, RecordLength), facet, context);
            }
        }

        return builder.Build();
    }

    private static void AddFacet(MeshBuilder builder, ReadOnlySpan<byte> record, int facet, InputContext context)
    {
        // Bytes 0..11 hold the stored normal, which is ignored: the winding defines the orientation.
        int a = AddVertex(builder, record[12..], facet, 1, context);
        int b = AddVertex(builder, record[24..], facet, 2, context);
        int c = AddVertex(builder, record[36..], facet, 3, context);
        builder.AddTriangle(a, b, c);
    }

    private static int AddVertex(MeshBuilder builder, ReadOnlySpan<byte> data, int facet, int corner, InputContext context)
    {
        float x = BinaryPrimitives.ReadSingleLittleEndian(data);
        float y = BinaryPrimitives.ReadSingleLittleEndian(data[4..]);
        float z = BinaryPrimitives.ReadSingleLittleEndian(data[8..]);
        if (!float.IsFinite(x) || !float.IsFinite(y) || !float.IsFinite(z))
        {
            long offset = HeaderLength + (long)RecordLength * facet;
            throw StlErrors.Invalid(
                context,
                $"facet {facet + 1} (index {facet}, record at byte {offset}) has vertex {corner} at ({Format(x)}, {Format(y)}, {Format(z)}), which is not a finite coordinate. Repair or re-export the model.");
        }

        return builder.AddVertex(x, y, z);
    }

    private static string Format(float value) => value.ToString(CultureInfo.InvariantCulture);
}
