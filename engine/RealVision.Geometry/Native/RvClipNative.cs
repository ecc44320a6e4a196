using System.Runtime.InteropServices;

namespace RealVision.Geometry.Native;

/// <summary>
/// P/Invoke declarations for librvclip; native/clip/include/rv_clip.h documents each function.
/// Constants here must match that header.
/// </summary>
internal static unsafe partial class RvClipNative
{
    internal const string LibraryName = "rvclip";

    /// <summary>RV_CLIP_ABI_VERSION of the header this wrapper was written against.</summary>
    internal const int AbiVersion = 1;

    internal const int StatusOk = 0;
    internal const int StatusInvalidArgument = 1;
    internal const int StatusOutOfRange = 2;
    internal const int StatusClippingFailed = 3;
    internal const int StatusOutOfMemory = 4;
    internal const int StatusBufferTooSmall = 5;
    internal const int StatusInternal = 6;

    internal const int OpIntersection = 0;
    internal const int OpUnion = 1;
    internal const int OpDifference = 2;
    internal const int OpXor = 3;

    static RvClipNative()
    {
        // Runs before the first call into the library, so the resolver can pick the file next to this assembly.
        RvClipLibraryResolver.Register();
    }

    [LibraryImport(LibraryName)]
    internal static partial int rv_clip_abi_version();

    [LibraryImport(LibraryName)]
    internal static partial IntPtr rv_clip_last_error();

    [LibraryImport(LibraryName)]
    internal static partial int rv_clip_boolean(
        int op,
        long* subjectXy, int* subjectCounts, int subjectPathCount, int subjectFill,
        long* clipXy, int* clipCounts, int clipPathCount, int clipFill,
        out ClipResultHandle result);

    [LibraryImport(LibraryName)]
    internal static partial int rv_clip_boolean_open(
        int op,
        long* lineXy, int* lineCounts, int linePathCount, int lineFill,
        long* clipXy, int* clipCounts, int clipPathCount, int clipFill,
        out ClipResultHandle result);

    [LibraryImport(LibraryName)]
    internal static partial int rv_clip_offset(
        long* xy, int* counts, int pathCount,
        double delta, int join, int end, double miterLimit, double arcTolerance,
        out ClipResultHandle result);

    [LibraryImport(LibraryName)]
    internal static partial int rv_clip_offset_many(
        long* xy, int* counts, int pathCount,
        double* deltas, int deltaCount,
        int join, int end, double miterLimit, double arcTolerance,
        out ClipResultHandle result);

    [LibraryImport(LibraryName)]
    internal static partial int rv_clip_union_tree(long* xy, int* counts, int pathCount, int fill, out ClipResultHandle result);

    [LibraryImport(LibraryName)]
    internal static partial int rv_clip_simplify(long* xy, int* counts, int pathCount, int fill, out ClipResultHandle result);

    [LibraryImport(LibraryName)]
    internal static partial int rv_clip_clean(long* xy, int* counts, int pathCount, double distance, out ClipResultHandle result);

    [LibraryImport(LibraryName)]
    internal static partial int rv_clip_area(long* xy, int* counts, int pathCount, double* areas, double* total);

    [LibraryImport(LibraryName)]
    internal static partial int rv_clip_result_set_count(ClipResultHandle result);

    [LibraryImport(LibraryName)]
    internal static partial int rv_clip_result_path_count(ClipResultHandle result, int set);

    [LibraryImport(LibraryName)]
    internal static partial long rv_clip_result_point_count(ClipResultHandle result, int set);

    [LibraryImport(LibraryName)]
    internal static partial int rv_clip_result_copy_set(
        ClipResultHandle result, int set, long* xy, long xyCapacity, int* counts, int countsCapacity);

    [LibraryImport(LibraryName)]
    internal static partial int rv_clip_result_copy_tree(
        ClipResultHandle result, int set, int* parents, int* isHole, int capacity);

    [LibraryImport(LibraryName)]
    internal static partial void rv_clip_result_free(IntPtr result);

    /// <summary>Throws a <see cref="GeometryException"/> with the shim's message unless <paramref name="status"/> is <see cref="StatusOk"/>.</summary>
    /// <param name="status">Status returned by the native call.</param>
    /// <param name="operation">Public operation to name in the message, such as "Clipper.Union".</param>
    /// <remarks>Call it right after the failed call and on the same thread, because the message is thread-local.</remarks>
    internal static void ThrowIfFailed(int status, string operation)
    {
        if (status != StatusOk)
        {
            throw CreateException(status, operation);
        }
    }

    private static GeometryException CreateException(int status, string operation)
    {
        const string NativePrefix = "rv_clip: ";
        string message = Marshal.PtrToStringUTF8(rv_clip_last_error()) ?? string.Empty;
        if (message.StartsWith(NativePrefix, StringComparison.Ordinal))
        {
            message = message[NativePrefix.Length..];
        }

        if (message.Length == 0)
        {
            message = $"librvclip returned status {status} without a message.";
        }

        return new GeometryException($"{operation} failed ({StatusName(status)}): {message}", status);
    }

    private static string StatusName(int status) => status switch
    {
        StatusInvalidArgument => "invalid argument",
        StatusOutOfRange => "coordinate out of range",
        StatusClippingFailed => "clipping failed",
        StatusOutOfMemory => "out of memory",
        StatusBufferTooSmall => "buffer too small",
        StatusInternal => "internal error",
        _ => $"unknown status {status}",
    };
}
