using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace RealVision.Dialects.Tests;

/// <summary>
/// A reader of binary G-code version 1, written from the format's public
/// specification (libbgcode doc/specifications.md) to test our writer.
/// Integers are little-endian. A 10-byte file header ("GCDE", version,
/// checksum type) comes first. Each block is a header (type, compression,
/// uncompressed size, and the compressed size unless uncompressed),
/// parameters (6 bytes for thumbnails, 2 for every other type), data and,
/// with checksum type 1, a CRC-32 of header, parameters and data. The reader
/// computes the CRC bit by bit, apart from any library.
/// </summary>
internal sealed class BgcodeReader
{
    public const int FileMetadata = 0;
    public const int Gcode = 1;
    public const int SlicerMetadata = 2;
    public const int PrinterMetadata = 3;
    public const int PrintMetadata = 4;
    public const int Thumbnail = 5;

    public sealed record Block(
        int Type,
        int Compression,
        int HeaderSize,
        long Offset,
        byte[] Parameters,
        byte[] StoredData,
        byte[] Data,
        uint StoredChecksum,
        uint ComputedChecksum)
    {
        public bool ChecksumMatches => StoredChecksum == ComputedChecksum;

        public int Encoding => BinaryPrimitives.ReadUInt16LittleEndian(Parameters);

        public string Text => System.Text.Encoding.UTF8.GetString(Data);

        /// <summary>Metadata entries: one key=value per line, split at the first '='.</summary>
        public List<KeyValuePair<string, string>> Entries() =>
            Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('=', 2))
                .Select(parts => new KeyValuePair<string, string>(parts[0], parts[1]))
                .ToList();
    }

    public uint Magic { get; private init; }

    public uint Version { get; private init; }

    public int ChecksumType { get; private init; }

    public List<Block> Blocks { get; } = new();

    /// <summary>The G-code blocks' text, concatenated in file order.</summary>
    public string GcodeText => string.Concat(Blocks.Where(b => b.Type == Gcode).Select(b => b.Text));

    public static BgcodeReader Read(byte[] file)
    {
        var reader = new BgcodeReader
        {
            Magic = BinaryPrimitives.ReadUInt32LittleEndian(file),
            Version = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4)),
            ChecksumType = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(8)),
        };
        int position = 10;
        while (position < file.Length)
        {
            long offset = position;
            int type = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(position));
            int compression = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(position + 2));
            int uncompressedSize = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(position + 4)));
            int headerSize = compression == 0 ? 8 : 12;
            int storedSize = compression == 0
                ? uncompressedSize
                : checked((int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(position + 8)));
            int parameterSize = type == Thumbnail ? 6 : 2;
            int payloadEnd = position + headerSize + parameterSize + storedSize;
            byte[] parameters = file[(position + headerSize)..(position + headerSize + parameterSize)];
            byte[] stored = file[(position + headerSize + parameterSize)..payloadEnd];
            uint computed = BitwiseCrc32(file.AsSpan(position, payloadEnd - position));
            uint checksum = 0;
            int next = payloadEnd;
            if (reader.ChecksumType == 1)
            {
                checksum = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(payloadEnd));
                next += 4;
            }

            byte[] data = compression switch
            {
                0 => stored,
                1 => Inflate(stored),
                _ => throw new InvalidDataException($"block at {offset}: compression {compression} is not supported by this reader"),
            };
            if (data.Length != uncompressedSize)
            {
                throw new InvalidDataException($"block at {offset}: {data.Length} bytes after decompression, header says {uncompressedSize}");
            }

            reader.Blocks.Add(new Block(type, compression, headerSize, offset, parameters, stored, data, checksum, computed));
            position = next;
        }

        if (position != file.Length)
        {
            throw new InvalidDataException($"the last block ends at {position}, past the end of the file ({file.Length})");
        }

        return reader;
    }

    /// <summary>CRC-32 with the reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF.</summary>
    public static uint BitwiseCrc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte value in data)
        {
            crc ^= value;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }

    private static byte[] Inflate(byte[] stored)
    {
        using var input = new MemoryStream(stored);
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        zlib.CopyTo(output);
        return output.ToArray();
    }
}

/// <summary>Reads the parts of a PNG file the thumbnail tests check: chunk CRCs, IHDR and the inflated scanlines.</summary>
internal static class PngCheck
{
    public sealed record Image(int Width, int Height, int BitDepth, int ColourType, byte[] Scanlines);

    public static Image Read(byte[] png)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (!png.AsSpan(0, 8).SequenceEqual(signature))
        {
            throw new InvalidDataException("not a PNG signature");
        }

        int position = 8;
        int width = 0, height = 0, depth = 0, colour = 0;
        using var idat = new MemoryStream();
        while (position < png.Length)
        {
            int length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position)));
            string type = Encoding.ASCII.GetString(png, position + 4, 4);
            ReadOnlySpan<byte> typeAndData = png.AsSpan(position + 4, 4 + length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position + 8 + length));
            if (crc != BgcodeReader.BitwiseCrc32(typeAndData))
            {
                throw new InvalidDataException($"PNG chunk {type}: CRC mismatch");
            }

            ReadOnlySpan<byte> data = typeAndData[4..];
            switch (type)
            {
                case "IHDR":
                    width = (int)BinaryPrimitives.ReadUInt32BigEndian(data);
                    height = (int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
                    depth = data[8];
                    colour = data[9];
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }

            position += 12 + length;
        }

        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var scanlines = new MemoryStream();
        zlib.CopyTo(scanlines);
        return new Image(width, height, depth, colour, scanlines.ToArray());
    }
}
