using System.Runtime.InteropServices;

namespace RealVision.Interop;

/// <summary>
/// Status codes of the C ABI (rv_status in realvision.h). The values are part of
/// the public ABI, so they must match the header and never change meaning.
/// </summary>
internal static class Status
{
    public const int Ok = 0;
    public const int InvalidArgument = 1;
    public const int Input = 2;
    public const int Settings = 3;
    public const int Slicing = 4;
    public const int Cancelled = 5;
    public const int Plugin = 6;
    public const int Runtime = 7;
    public const int Busy = 8;
    public const int OutOfMemory = 9;
    public const int Internal = 10;
}

// The structs below mirror native/realvision/rv_bridge.h field by field. They are the
// private contract between librealvision.so and this assembly, versioned by
// NativeExports.BridgeVersion; callers of the public ABI never see them.

/// <summary>Allocator of the C library: every block handed to native code comes from it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct BridgeAllocator
{
    public delegate* unmanaged<nuint, void*> Allocate;
    public delegate* unmanaged<void*, nuint, void*> Reallocate;
    public delegate* unmanaged<void*, void> Free;
}

/// <summary>What the C library passes to <see cref="NativeExports.Initialize"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct BridgeInit
{
    public int BridgeVersion;
    public BridgeAllocator Allocator;
}

/// <summary>Function table that <see cref="NativeExports.Initialize"/> fills for the C library.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct BridgeExports
{
    public int BridgeVersion;
    public byte* EngineVersion;
    public delegate* unmanaged<byte**, nuint, nint*, BridgeError*, int> CreateEngine;
    public delegate* unmanaged<nint, void> DestroyEngine;
    public delegate* unmanaged<nint, BridgeSliceArguments*, BridgeSliceOutput*, BridgeError*, int> Slice;
}

/// <summary>A failure: the status, and a message and engine error code allocated with the C allocator (either may be null).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct BridgeError
{
    public int Status;
    public byte* Message;
    public byte* PortalCode;
}

/// <summary>One slice request: a file path, or a buffer with its format.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct BridgeSliceArguments
{
    public byte* Path;
    public byte* Data;
    public nuint Size;
    public byte* Format;
    public byte* InputName;
    public byte* SettingsJson;
    public delegate* unmanaged<double, byte*, void*, int> Progress;
    public void* UserData;
}

/// <summary>A finished slice: the output bytes and the statistics JSON, both allocated with the C allocator.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct BridgeSliceOutput
{
    public byte* Data;
    public nuint Size;
    public byte* StatisticsJson;
}
