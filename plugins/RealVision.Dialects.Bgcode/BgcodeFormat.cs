using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace RealVision.Dialects.Bgcode;

/// <summary>Block types of binary G-code version 1.</summary>
public enum BgcodeBlockType : ushort
{
    FileMetadata = 0,
    Gcode = 1,
    SlicerMetadata = 2,
    PrinterMetadata = 3,
    PrintMetadata = 4,
    Thumbnail = 5,
}

/// <summary>Compression of a block's data. Heatshrink (2 and 3 in the format) is not written.</summary>
public enum BgcodeCompression : ushort
{
    None = 0,

    /// <summary>Deflate in a zlib stream (RFC 1950), as libbgcode writes it with zlib's deflateInit.</summary>
    Deflate = 1,
}

/// <summary>
/// Writes the pieces of Prusa's binary G-code format, version 1, as its public
/// specification (libbgcode, doc/specifications.md) defines them. Every
/// integer is little-endian. A file is a 10-byte header ("GCDE", version,
/// checksum type) followed by blocks. A block is a header (type,
/// compression, uncompressed size, and the compressed size when
/// compressed), its parameters, its data, and a CRC-32 of all three.
/// </summary>
public static class BgcodeFormat
{
    /// <summary>"GCDE" read as a little-endian u32.</summary>
    public const uint Magic = 0x45444347;

    public const uint Version = 1;

    /// <summary>Checksum type 1: CRC-32 (the zlib polynomial) after every block.</summary>
    public const ushort ChecksumCrc32 = 1;

    /// <summary>Encoding 0 of metadata blocks: INI, one <c>key=value</c> line each.</summary>
    public const ushort MetadataIni = 0;

    /// <summary>Encoding 0 of G-code blocks: plain text (MeatPack is not written).</summary>
    public const ushort GcodeEncodingNone = 0;

    /// <summary>Thumbnail format 0: PNG.</summary>
    public const ushort ThumbnailPng = 0;

    /// <summary>
    /// Largest G-code block, uncompressed. libbgcode's binarizer cuts the text
    /// into blocks of at most 65,536 bytes (its default cache size) at line
    /// ends, and this writer does the same.
    /// </summary>
    public const int MaxGcodeBlockSize = 65536;

    public static void WriteFileHeader(Stream output)
    {
        Span<byte> header = stackalloc byte[10];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], ChecksumCrc32);
        output.Write(header);
    }

    /// <summary>Writes one block with its CRC-32; <paramref name="data"/> is compressed here when asked.</summary>
    public static void WriteBlock(
        Stream output, BgcodeBlockType type, BgcodeCompression compression, ReadOnlySpan<byte> parameters, ReadOnlySpan<byte> data)
    {
        byte[] stored = compression == BgcodeCompression.Deflate ? Deflate(data) : data.ToArray();
        int headerSize = compression == BgcodeCompression.None ? 8 : 12;
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)type);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], (ushort)compression);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)stored.Length);

        var crc = new Crc32();
        crc.Append(header[..headerSize]);
        crc.Append(parameters);
        crc.Append(stored);
        Span<byte> checksum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(checksum, crc.GetCurrentHashAsUInt32());

        output.Write(header[..headerSize]);
        output.Write(parameters);
        output.Write(stored);
        output.Write(checksum);
    }

    /// <summary>Writes a metadata block of <c>key=value</c> lines.</summary>
    public static void WriteMetadataBlock(
        Stream output, BgcodeBlockType type, BgcodeCompression compression, IEnumerable<KeyValuePair<string, string>> entries)
    {
        var text = new StringBuilder();
        foreach ((string key, string value) in entries)
        {
            text.Append(CleanKey(key)).Append('=').Append(CleanValue(value)).Append('\n');
        }

        WriteBlock(output, type, compression, EncodingParameter(MetadataIni), Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>The 2-byte parameter of metadata and G-code blocks.</summary>
    public static byte[] EncodingParameter(ushort encoding)
    {
        var parameter = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(parameter, encoding);
        return parameter;
    }

    /// <summary>The 6-byte parameters of a thumbnail block: format, width, height.</summary>
    public static byte[] ThumbnailParameters(ushort format, int width, int height)
    {
        var parameters = new byte[6];
        BinaryPrimitives.WriteUInt16LittleEndian(parameters, format);
        BinaryPrimitives.WriteUInt16LittleEndian(parameters.AsSpan(2), checked((ushort)width));
        BinaryPrimitives.WriteUInt16LittleEndian(parameters.AsSpan(4), checked((ushort)height));
        return parameters;
    }

    /// <summary>Compresses <paramref name="data"/> into a zlib stream.</summary>
    public static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        using var buffer = new MemoryStream(data.Length / 3 + 64);
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return buffer.ToArray();
    }

    // libbgcode's INI decoder splits a line at its first '=' and ends it at
    // '\n', and it cannot get past a line without '='. So keys lose '=' and
    // line breaks, and values lose line breaks.
    private static string CleanKey(string key) => key.Replace('=', '_').Replace('\n', ' ').Replace('\r', ' ');

    private static string CleanValue(string value) => value.Replace('\n', ' ').Replace('\r', ' ');
}
