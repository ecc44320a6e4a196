// Compares one slice through the C ABI with the same slice through the managed
// engine, in one process: librealvision.so (from KIT_DIR, the output folder of
// engine/RealVision.Interop) is loaded with NativeLibrary and called through
// function pointers, and SlicingEngine.Slice is called directly. After a
// warm-up the sides alternate call for call, in an order that rotates.
// Prints one "name seconds" line per measurement.
//
//   AbiComparison MODEL SETTINGS_JSON KIT_DIR WARMUP CALLS [progress]
//
// Inside this process the runtime already runs, so librealvision joins it
// (hostfxr reports the host as already initialised) and loads the engine a
// second time, in its own load context. Both copies JIT-compile and tier up
// separately, which the warm-up covers.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using RealVision.Engine;
using RealVision.Engine.Pipeline;

namespace RealVision.Benchmarks.Abi;

internal static unsafe class Program
{
    private static long progressReports;

    private static int Main(string[] args)
    {
        if (args.Length is < 5 or > 6)
        {
            Console.Error.WriteLine("usage: AbiComparison MODEL SETTINGS_JSON KIT_DIR WARMUP CALLS [progress]");
            return 2;
        }

        string model = Path.GetFullPath(args[0]);
        string settingsJson = args[1];
        string kit = Path.GetFullPath(args[2]);
        int warmup = int.Parse(args[3], CultureInfo.InvariantCulture);
        int calls = int.Parse(args[4], CultureInfo.InvariantCulture);
        bool withProgress = args.Length == 6 && args[5] == "progress";

        var stopwatch = Stopwatch.StartNew();
        SlicingEngine engine = ServiceCollectionExtensions.CreateEngine(options => options.RequirePluginFolders = true);
        Print("managed_engine_create_first_s", stopwatch.Elapsed.TotalSeconds);

        var native = new NativeEngine(Path.Combine(kit, "librealvision.so"));
        stopwatch.Restart();
        native.Create();
        Print("abi_engine_create_first_s", stopwatch.Elapsed.TotalSeconds);

        // The request rv_slice_file builds for a path.
        var request = new SliceRequest
        {
            InputPath = model,
            InputName = Path.GetFileName(model),
            Settings = SliceRequest.SettingsFromJson(settingsJson),
            SettingsSource = "settings_json",
        };
        Action<SliceProgress>? progress = withProgress ? _ => progressReports++ : null;

        // Two managed baselines: a new MemoryStream per call, as most callers write, and one stream
        // reused across calls, which allocates nothing and so leaves the garbage collector out.
        var reused = new MemoryStream(1 << 20);
        long managedBytes = 0;
        long abiBytes = 0;
        for (int i = 0; i < warmup + calls; i++)
        {
            string prefix = i < warmup ? "warmup_" : "";
            for (int step = 0; step < 3; step++)
            {
                // The order rotates with each call, so no side always runs first.
                switch ((step + i) % 3)
                {
                    case 0:
                    {
                        stopwatch.Restart();
                        using var output = new MemoryStream();
                        engine.Slice(request, output, progress);
                        Print(prefix + "managed_slice_s", stopwatch.Elapsed.TotalSeconds);
                        managedBytes = output.Length;
                        break;
                    }

                    case 1:
                        stopwatch.Restart();
                        reused.SetLength(0);
                        engine.Slice(request, reused, progress);
                        Print(prefix + "managed_reused_slice_s", stopwatch.Elapsed.TotalSeconds);
                        break;

                    default:
                        stopwatch.Restart();
                        abiBytes = native.SliceFile(model, settingsJson, withProgress);
                        Print(prefix + "abi_slice_s", stopwatch.Elapsed.TotalSeconds);
                        break;
                }
            }
        }

        Console.WriteLine($"managed_output_bytes {managedBytes}");
        Console.WriteLine($"abi_output_bytes {abiBytes}");
        native.Destroy();
        return managedBytes == abiBytes ? 0 : 1;
    }

    private static void Print(string name, double seconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {seconds:F6}"));

    [UnmanagedCallersOnly]
    private static int CountReport(double fraction, byte* stage, void* userData)
    {
        progressReports++;
        return 0;
    }

    /// <summary>The few functions of realvision.h this benchmark calls, bound by name.</summary>
    private sealed class NativeEngine
    {
        private readonly delegate* unmanaged<byte**, nuint, nint*, int> create;
        private readonly delegate* unmanaged<nint, void> destroy;
        private readonly delegate* unmanaged<nint, byte*, byte*, delegate* unmanaged<double, byte*, void*, int>, void*, nint*, int> sliceFile;
        private readonly delegate* unmanaged<nint, byte**, nuint*, int> resultOutput;
        private readonly delegate* unmanaged<nint, void> resultFree;
        private readonly delegate* unmanaged<nint, byte*> lastErrorMessage;
        private nint engine;

        public NativeEngine(string libraryPath)
        {
            nint library = NativeLibrary.Load(libraryPath);
            create = (delegate* unmanaged<byte**, nuint, nint*, int>)NativeLibrary.GetExport(library, "rv_engine_create");
            destroy = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "rv_engine_destroy");
            sliceFile = (delegate* unmanaged<nint, byte*, byte*, delegate* unmanaged<double, byte*, void*, int>, void*, nint*, int>)
                NativeLibrary.GetExport(library, "rv_slice_file");
            resultOutput = (delegate* unmanaged<nint, byte**, nuint*, int>)NativeLibrary.GetExport(library, "rv_result_output");
            resultFree = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "rv_result_free");
            lastErrorMessage = (delegate* unmanaged<nint, byte*>)NativeLibrary.GetExport(library, "rv_engine_last_error_message");
        }

        public void Create()
        {
            nint handle;
            if (create(null, 0, &handle) != 0)
            {
                throw new InvalidOperationException("rv_engine_create failed: " + Message(0));
            }

            engine = handle;
        }

        /// <summary>Slices like a C caller (UTF-8 strings, result freed after reading its size); returns the output size.</summary>
        public long SliceFile(string path, string settingsJson, bool withProgress)
        {
            byte[] pathBytes = Encoding.UTF8.GetBytes(path + "\0");
            byte[] settingsBytes = Encoding.UTF8.GetBytes(settingsJson + "\0");
            nint result;
            int status;
            fixed (byte* pathPointer = pathBytes, settingsPointer = settingsBytes)
            {
                status = sliceFile(engine, pathPointer, settingsPointer, withProgress ? &CountReport : null, null, &result);
            }

            if (status != 0)
            {
                throw new InvalidOperationException($"rv_slice_file failed with status {status}: {Message(engine)}");
            }

            byte* data;
            nuint size;
            resultOutput(result, &data, &size);
            resultFree(result);
            return (long)size;
        }

        public void Destroy() => destroy(engine);

        private string Message(nint handle) => Marshal.PtrToStringUTF8((nint)lastErrorMessage(handle)) ?? "";
    }
}
