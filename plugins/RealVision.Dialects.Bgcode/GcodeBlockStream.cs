namespace RealVision.Dialects.Bgcode;

/// <summary>
/// A write-only stream that cuts the G-code text written to it into G-code
/// blocks of at most <see cref="BgcodeFormat.MaxGcodeBlockSize"/> bytes,
/// ending each at a line end, and appends the finished blocks to a spool
/// stream. A single line longer than the limit gets a block of its own.
/// </summary>
internal sealed class GcodeBlockStream : Stream
{
    private readonly Stream spool;
    private readonly BgcodeCompression compression;
    private readonly byte[] parameters = BgcodeFormat.EncodingParameter(BgcodeFormat.GcodeEncodingNone);
    private readonly MemoryStream pending = new();

    public GcodeBlockStream(Stream spool, BgcodeCompression compression)
    {
        this.spool = spool;
        this.compression = compression;
    }

    /// <summary>Number of G-code blocks written to the spool so far.</summary>
    public int BlockCount { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        pending.Write(buffer);
        while (pending.Length >= BgcodeFormat.MaxGcodeBlockSize)
        {
            ReadOnlySpan<byte> text = pending.GetBuffer().AsSpan(0, (int)pending.Length);
            int lastLineEnd = text[..BgcodeFormat.MaxGcodeBlockSize].LastIndexOf((byte)'\n');
            int cut = lastLineEnd >= 0 ? lastLineEnd + 1 : text.IndexOf((byte)'\n') + 1;
            if (cut <= 0)
            {
                return; // one line longer than a block, not finished yet
            }

            EmitBlock(cut);
        }
    }

    /// <summary>Writes what is left as the last block.</summary>
    public void Complete()
    {
        if (pending.Length > 0)
        {
            EmitBlock((int)pending.Length);
        }
    }

    public override void Flush()
    {
        // Blocks are cut at line ends as the text arrives; Complete writes the rest.
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void EmitBlock(int length)
    {
        byte[] all = pending.GetBuffer();
        BgcodeFormat.WriteBlock(spool, BgcodeBlockType.Gcode, compression, parameters, all.AsSpan(0, length));
        BlockCount++;
        int rest = (int)pending.Length - length;
        Buffer.BlockCopy(all, length, all, 0, rest);
        pending.SetLength(rest);
    }
}
