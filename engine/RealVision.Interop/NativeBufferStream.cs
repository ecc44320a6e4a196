namespace RealVision.Interop;

/// <summary>
/// A writable, seekable stream over one growing block from <see cref="NativeAllocator"/>,
/// so a dialect writes its output straight into memory that the C caller receives
/// without another copy. <see cref="Detach"/> hands the block over; disposing the
/// stream before that frees it.
/// </summary>
internal sealed unsafe class NativeBufferStream : Stream
{
    private const int InitialCapacity = 64 * 1024;

    private byte* buffer;
    private long capacity;
    private long length;
    private long position;

    public override bool CanRead => false;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The position must not be negative.");
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> data)
    {
        long end = position + data.Length;
        EnsureCapacity(end);
        if (position > length)
        {
            // A seek past the end leaves a gap; fill it with zeros as a file would.
            new Span<byte>(buffer + length, checked((int)(position - length))).Clear();
        }

        data.CopyTo(new Span<byte>(buffer + position, data.Length));
        position = end;
        length = Math.Max(length, end);
    }

    public override void WriteByte(byte value) => Write(new ReadOnlySpan<byte>(in value));

    public override long Seek(long offset, SeekOrigin origin)
    {
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, "Unknown seek origin."),
        };
        Position = target;
        return position;
    }

    public override void SetLength(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        EnsureCapacity(value);
        if (value > length)
        {
            new Span<byte>(buffer + length, checked((int)(value - length))).Clear();
        }

        length = value;
        position = Math.Min(position, length);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("The output stream of the C ABI is write-only.");

    /// <summary>Returns the block and the number of bytes written; the caller frees the block with the C allocator.</summary>
    public (nint Data, nuint Size) Detach()
    {
        if (buffer == null)
        {
            // Nothing was written: still hand over a valid (1-byte) block, so the C side never receives NULL data.
            buffer = NativeAllocator.Allocate(1);
        }

        var result = ((nint)buffer, (nuint)length);
        buffer = null;
        capacity = length = position = 0;
        return result;
    }

    protected override void Dispose(bool disposing)
    {
        NativeAllocator.Free(buffer);
        buffer = null;
        base.Dispose(disposing);
    }

    private void EnsureCapacity(long required)
    {
        if (required <= capacity)
        {
            return;
        }

        long grown = Math.Max(required, Math.Max(InitialCapacity, capacity * 2));
        buffer = buffer == null ? NativeAllocator.Allocate((nuint)grown) : NativeAllocator.Reallocate(buffer, (nuint)grown);
        capacity = grown;
    }
}
