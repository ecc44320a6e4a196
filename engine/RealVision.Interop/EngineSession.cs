using System.Collections.Concurrent;
using System.Text;
using RealVision.Abstractions.Errors;
using RealVision.Engine;
using RealVision.Engine.Pipeline;

namespace RealVision.Interop;

/// <summary>The managed state behind one rv_engine: a <see cref="SlicingEngine"/> with its plugins.</summary>
internal sealed unsafe class EngineSession
{
    /// <summary>How settings from the C caller are named in error messages.</summary>
    private const string SettingsSource = "settings_json";

    private readonly SlicingEngine engine;

    private EngineSession(SlicingEngine engine)
    {
        this.engine = engine;
    }

    /// <summary>
    /// Creates an engine with the built-in plugins, REALVISION_PLUGIN_PATH and <paramref name="pluginFolders"/>.
    /// A named folder that does not exist or a plugin that fails to load fails the call, because a C
    /// caller has no other place to see the failure.
    /// </summary>
    public static EngineSession Create(IReadOnlyList<string> pluginFolders)
    {
        for (int i = 0; i < pluginFolders.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(pluginFolders[i]))
            {
                throw new InteropException(Status.InvalidArgument, $"plugin_folders[{i}] is an empty string; pass a folder path.");
            }
        }

        string home = Path.GetDirectoryName(typeof(EngineSession).Assembly.Location)!;
        bool homeIsBase = string.Equals(
            Path.TrimEndingDirectorySeparator(home), Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), StringComparison.Ordinal);
        SlicingEngine engine = ServiceCollectionExtensions.CreateEngine(options =>
        {
            if (!homeIsBase)
            {
                // Another component started the runtime, so AppContext.BaseDirectory is its folder, not ours:
                // name the built-in plugin and printer folders beside this assembly explicitly.
                options.IncludeDefaultPluginFolder = false;
                options.PluginFolders.Add(Path.Combine(home, "plugins"));
                options.PrinterFolders.Add(Path.Combine(home, "printers"));
            }

            options.PluginFolders.AddRange(pluginFolders);
            options.RequirePluginFolders = true;
        });
        if (engine.Plugins.Failures.Count > 0)
        {
            string failures = string.Join("; ", engine.Plugins.Failures.Select(f => $"{f.Path}: {f.Message}"));
            throw new InteropException(Status.Plugin, $"The engine was not created because plugins failed to load: {failures}.", ErrorCodes.PluginFailed);
        }

        return new EngineSession(engine);
    }

    /// <summary>Runs one slice and fills <paramref name="output"/>; throws on any failure, leaving <paramref name="output"/> untouched.</summary>
    public void Slice(BridgeSliceArguments* arguments, BridgeSliceOutput* output)
    {
        string? path = NativeExports.ReadString(arguments->Path, "path");
        string? format = NativeExports.ReadString(arguments->Format, "format_name");
        string? inputName = NativeExports.ReadString(arguments->InputName, "input_name");
        string? settingsJson = NativeExports.ReadString(arguments->SettingsJson, "settings_json");
        Dictionary<string, string> settings = settingsJson is null
            ? new Dictionary<string, string>()
            : SliceRequest.SettingsFromJson(settingsJson);

        SliceRequest request;
        using Stream? input = path is null ? OpenBuffer(arguments->Data, arguments->Size) : null;
        if (path is not null)
        {
            // The same request the CLI builds for `realvision slice PATH`, so the outputs match byte for byte.
            request = new SliceRequest
            {
                InputPath = Path.GetFullPath(path),
                InputName = Path.GetFileName(path),
                Settings = settings,
                SettingsSource = SettingsSource,
            };
        }
        else
        {
            request = new SliceRequest
            {
                InputStream = input,
                Format = format ?? throw new InteropException(Status.InvalidArgument, "format_name is NULL; pass a format name such as \"stl\"."),
                InputName = inputName,
                Settings = settings,
                SettingsSource = SettingsSource,
            };
        }

        using var stream = new NativeBufferStream();
        SliceResult result = Run(request, stream, arguments->Progress, arguments->UserData);

        byte[] statistics = StatisticsJson.Write(result);
        byte* statisticsJson = NativeAllocator.Allocate((nuint)statistics.Length + 1);
        statistics.CopyTo(new Span<byte>(statisticsJson, statistics.Length));
        statisticsJson[statistics.Length] = 0;

        try
        {
            (nint data, nuint size) = stream.Detach();
            output->Data = (byte*)data;
            output->Size = size;
            output->StatisticsJson = statisticsJson;
        }
        catch
        {
            NativeAllocator.Free(statisticsJson);
            throw;
        }
    }

    private static Stream OpenBuffer(byte* data, nuint size)
    {
        if (size == 0)
        {
            return new MemoryStream(Array.Empty<byte>(), writable: false);
        }

        return data != null
            ? new UnmanagedMemoryStream(data, checked((long)size))
            : throw new InteropException(Status.InvalidArgument, $"data is NULL but size is {size}.");
    }

    /// <summary>
    /// Slices on the calling thread when there is no callback. With a callback, the slice runs
    /// on a pool thread and this thread calls the callback for each report, in order, so the
    /// callback always runs on the thread that called rv_slice_*. A non-zero return cancels the
    /// slice, even when it has already finished.
    /// </summary>
    private SliceResult Run(
        SliceRequest request, Stream output, delegate* unmanaged<double, byte*, void*, int> progress, void* userData)
    {
        if (progress == null)
        {
            return engine.Slice(request, output);
        }

        using var reports = new BlockingCollection<SliceProgress>();
        using var cancellation = new CancellationTokenSource();

        // No token for Task.Run itself: the body must run to completion so that it always ends the report queue.
        Task<SliceResult> slicing = Task.Run(() =>
        {
            try
            {
                return engine.Slice(request, output, reports.Add, cancellation.Token);
            }
            finally
            {
                reports.CompleteAdding();
            }
        });

        bool cancelled = false;
        foreach (SliceProgress report in reports.GetConsumingEnumerable())
        {
            if (!cancelled && CallProgress(progress, report, userData) != 0)
            {
                cancelled = true;
                cancellation.Cancel();
            }
        }

        SliceResult result = slicing.GetAwaiter().GetResult();
        if (cancelled)
        {
            // The callback asked to cancel after the last stage: the finished result is discarded as promised.
            throw new OperationCanceledException(cancellation.Token);
        }

        return result;
    }

    private static int CallProgress(delegate* unmanaged<double, byte*, void*, int> progress, SliceProgress report, void* userData)
    {
        int length = Encoding.UTF8.GetByteCount(report.Stage);
        Span<byte> stage = length < 256 ? stackalloc byte[length + 1] : new byte[length + 1];
        Encoding.UTF8.GetBytes(report.Stage, stage);
        stage[length] = 0;
        fixed (byte* text = stage)
        {
            return progress(report.Fraction, text, userData);
        }
    }
}
