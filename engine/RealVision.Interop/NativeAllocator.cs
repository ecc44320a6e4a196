using System.Text;

namespace RealVision.Interop;

/// <summary>
/// Allocates memory that native code frees: every block comes from the C library's
/// allocator (malloc, realloc and free of librealvision.so), so the C side releases
/// it with its own free and no assumption about the runtime's allocator is needed.
/// </summary>
internal static unsafe class NativeAllocator
{
    private static BridgeAllocator allocator;

    public static bool IsSet => allocator.Allocate != null;

    public static void Set(BridgeAllocator value) => allocator = value;

    /// <summary>Allocates <paramref name="size"/> bytes; throws <see cref="OutOfMemoryException"/> when the allocator returns NULL.</summary>
    public static byte* Allocate(nuint size)
    {
        void* block = allocator.Allocate(size == 0 ? 1 : size);
        return block != null ? (byte*)block : throw new OutOfMemoryException($"The C allocator could not provide {size} bytes.");
    }

    /// <summary>Resizes a block from <see cref="Allocate"/>; on failure the old block stays valid and this throws.</summary>
    public static byte* Reallocate(byte* block, nuint size)
    {
        void* resized = allocator.Reallocate(block, size == 0 ? 1 : size);
        return resized != null ? (byte*)resized : throw new OutOfMemoryException($"The C allocator could not provide {size} bytes.");
    }

    public static void Free(void* block)
    {
        if (block != null)
        {
            allocator.Free(block);
        }
    }

    /// <summary>Copies <paramref name="text"/> into a NUL-terminated UTF-8 block the caller owns.</summary>
    public static byte* CopyUtf8(string text)
    {
        int length = Encoding.UTF8.GetByteCount(text);
        byte* block = Allocate((nuint)length + 1);
        Encoding.UTF8.GetBytes(text, new Span<byte>(block, length));
        block[length] = 0;
        return block;
    }

    /// <summary>
    /// Like <see cref="CopyUtf8"/>, but returns NULL instead of throwing; used while
    /// reporting an error, where a second failure must not escape.
    /// </summary>
    public static byte* TryCopyUtf8(string text)
    {
        try
        {
            return CopyUtf8(text);
        }
        catch (Exception)
        {
            return null;
        }
    }
}
