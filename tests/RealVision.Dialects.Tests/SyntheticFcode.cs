using System.Buffers.Binary;

namespace RealVision.Dialects.Tests;

/// <summary>
/// Builds a small undamaged Fcode container for reader tests, laid out as the
/// samples show: a 107-byte header, 17-byte records, a 320 x 240 preview of
/// 0xFF and a command stream with one marked block per record. The block
/// contents are filler; only the container matters to the reader.
/// </summary>
internal static class SyntheticFcode
{
    public sealed record Record(long Offset, long X, long Y, long Z);

    public sealed record Expected(long BodyOffset, long PrintTime, Record[] Records);

    public static byte[] Build(out Expected expected)
    {
        // The values meet the UTF-8 damage in different ways. 0xA5 and 0xA0
        // are lone continuation bytes, and E1 80 is a cut-short three-byte
        // sequence at the end of a field. 0xC3 0xA9 is valid UTF-8 (é), so it
        // survives the damage.
        (long X, long Y, long Z)[] positions =
        {
            (0, 0, 120),
            (0x14A0, 0x1A54, 796),
            (0x1478, 0xE180, 1596),
            (0x1A3A, 0x1A3A, 0xC3A9),
        };
        const int headerSize = 107;
        const int recordSize = 17;
        const int previewBytes = 320 * 240 * 2;
        const long printTime = 0x1A5;
        int bodyOffset = headerSize + recordSize * positions.Length + 4 + previewBytes;

        var body = new List<byte>();
        body.AddRange([0x55, 0x55, 0x55, 0x55, 0x77, 0x01, 0x34, 0x12, 0x30, 0x2C, 0x00, 0x10, 0x20]);
        body.AddRange([0x55, 0x55, 0x55, 0x55, 0x9B]);
        var records = new Record[positions.Length];
        for (int i = 0; i < positions.Length; i++)
        {
            long offset = bodyOffset + body.Count;
            records[i] = new Record(offset, positions[i].X, positions[i].Y, positions[i].Z);
            body.AddRange([0x77, 0x01, 0x4F, 0x15, 0x00, 0x00, 0x34, 0x12, 0x30]);
            body.AddRange(Enumerable.Repeat((byte)0x41, 10 + 7 * i));
        }

        var file = new byte[bodyOffset + body.Count];
        Span<byte> span = file;
        "CIR"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32BigEndian(span[0x03..], (uint)bodyOffset);
        BinaryPrimitives.WriteUInt32BigEndian(span[0x09..], (uint)printTime);
        BinaryPrimitives.WriteUInt32BigEndian(span[0x0D..], 1360);
        BinaryPrimitives.WriteUInt16BigEndian(span[0x5B..], 3);
        BinaryPrimitives.WriteUInt16BigEndian(span[0x5D..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(span[0x5F..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(span[0x63..], 3);
        for (int i = 0; i < records.Length; i++)
        {
            Span<byte> record = span[(headerSize + recordSize * i)..];
            BinaryPrimitives.WriteUInt32BigEndian(record, (uint)records[i].Offset);
            record[4] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(record[5..], (uint)records[i].X);
            BinaryPrimitives.WriteUInt32BigEndian(record[9..], (uint)records[i].Y);
            BinaryPrimitives.WriteUInt32BigEndian(record[13..], (uint)records[i].Z);
        }

        Span<byte> preview = span[(headerSize + recordSize * records.Length)..];
        BinaryPrimitives.WriteUInt16BigEndian(preview, 320);
        BinaryPrimitives.WriteUInt16BigEndian(preview[2..], 240);
        preview.Slice(4, previewBytes).Fill(0xFF);
        body.ToArray().CopyTo(span[bodyOffset..]);

        expected = new Expected(bodyOffset, printTime, records);
        return file;
    }
}
