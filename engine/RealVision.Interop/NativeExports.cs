using System.Runtime.InteropServices;
using System.Text;
using RealVision.Engine.Pipeline;

namespace RealVision.Interop;

/// <summary>
/// The [UnmanagedCallersOnly] entry points behind librealvision.so. The C library
/// looks up only <see cref="Initialize"/> (through hostfxr's
/// load_assembly_and_get_function_pointer), which returns the other entry points
/// in a function table. No exception leaves any of them: each one catches
/// everything and reports it through a <see cref="BridgeError"/>.
/// </summary>
public static unsafe class NativeExports
{
    /// <summary>
    /// Version of the private contract with librealvision.so (the structs in InteropTypes.cs
    /// and rv_bridge.h); both sides must carry the same number.
    /// </summary>
    internal const int BridgeVersion = 1;

    private static byte* engineVersion;

    /// <summary>
    /// Checks the bridge version, stores the C allocator and fills the function table; returns a status.
    /// The parameters are a <see cref="BridgeInit"/>*, a <see cref="BridgeExports"/>* and a <see cref="BridgeError"/>*,
    /// typed void* because hostfxr looks up only public methods and those structs stay internal.
    /// </summary>
    [UnmanagedCallersOnly]
    public static int Initialize(void* initPointer, void* exportsPointer, void* errorPointer)
    {
        var init = (BridgeInit*)initPointer;
        var exports = (BridgeExports*)exportsPointer;
        var error = (BridgeError*)errorPointer;
        try
        {
            if (init == null || exports == null)
            {
                throw new InteropException(Status.InvalidArgument, "Initialize needs its init and exports arguments.");
            }

            if (init->BridgeVersion != BridgeVersion)
            {
                throw new InteropException(Status.Runtime,
                    $"librealvision.so speaks bridge version {init->BridgeVersion}, but RealVision.Interop.dll speaks {BridgeVersion}; "
                    + "use the library and the assembly from the same build.");
            }

            NativeAllocator.Set(init->Allocator);
            if (engineVersion == null)
            {
                engineVersion = NativeAllocator.CopyUtf8(SlicingEngine.Version);
            }

            exports->BridgeVersion = BridgeVersion;
            exports->EngineVersion = engineVersion;
            exports->CreateEngine = &CreateEngine;
            exports->DestroyEngine = &DestroyEngine;
            exports->Slice = &Slice;
            return Status.Ok;
        }
        catch (Exception ex)
        {
            // Before the allocator is stored no message can be copied; the status still reaches the caller.
            return NativeAllocator.IsSet ? ErrorReporting.Report(ex, error) : Status.Runtime;
        }
    }

    [UnmanagedCallersOnly]
    private static int CreateEngine(byte** pluginFolders, nuint count, nint* handle, BridgeError* error)
    {
        try
        {
            if (handle == null)
            {
                throw new InteropException(Status.InvalidArgument, "CreateEngine needs a handle pointer.");
            }

            *handle = 0;
            var folders = new List<string>((int)Math.Min(count, 1024));
            for (nuint i = 0; i < count; i++)
            {
                folders.Add(ReadString(pluginFolders[i], $"plugin_folders[{i}]") ?? throw new InteropException(
                    Status.InvalidArgument, $"plugin_folders[{i}] is NULL; pass a folder path or lower count."));
            }

            EngineSession session = EngineSession.Create(folders);
            *handle = GCHandle.ToIntPtr(GCHandle.Alloc(session));
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return ErrorReporting.Report(ex, error);
        }
    }

    [UnmanagedCallersOnly]
    private static void DestroyEngine(nint handle)
    {
        try
        {
            if (handle != 0)
            {
                GCHandle.FromIntPtr(handle).Free();
            }
        }
        catch (InvalidOperationException)
        {
            // Not a live handle; the C side passes only handles from CreateEngine, once each.
        }
    }

    [UnmanagedCallersOnly]
    private static int Slice(nint handle, BridgeSliceArguments* arguments, BridgeSliceOutput* output, BridgeError* error)
    {
        try
        {
            if (handle == 0 || arguments == null || output == null)
            {
                throw new InteropException(Status.InvalidArgument, "Slice needs an engine, arguments and an output.");
            }

            var session = (EngineSession)GCHandle.FromIntPtr(handle).Target!;
            session.Slice(arguments, output);
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return ErrorReporting.Report(ex, error);
        }
    }

    /// <summary>Reads a NUL-terminated UTF-8 string; NULL stays null. Invalid UTF-8 is rejected by name.</summary>
    internal static string? ReadString(byte* text, string name)
    {
        if (text == null)
        {
            return null;
        }

        var span = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text);
        try
        {
            return Strict.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            throw new InteropException(Status.InvalidArgument, $"The string passed as {name} is not valid UTF-8.");
        }
    }

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
