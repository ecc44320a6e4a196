using System.Runtime.InteropServices;
using System.Text;
using Silk.NET.OpenCL;

namespace RealVision.Modifiers.PointCloud.Sampling;

/// <summary>Result of looking for an OpenCL device: the device, or why there is none.</summary>
internal sealed record OpenClProbeResult(OpenClDevice? Device, string? Reason);

/// <summary>
/// One OpenCL device with double precision, its context, queue and the
/// compiled shore-lookup kernel, through Silk.NET.OpenCL. The process
/// probes once (<see cref="Default"/>) and keeps the device for its lifetime.
/// Lookups from several threads take turns, because they share one kernel
/// object and OpenCL kernel arguments are not thread-safe.
/// </summary>
internal sealed unsafe class OpenClDevice
{
    private const string KernelName = "sample_shore";
    private const int PlatformNotFound = -1001;

    private static readonly Lazy<OpenClProbeResult> Shared = new(Probe, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly CL api;
    private readonly nint context;
    private readonly nint queue;
    private readonly nint kernel;
    private readonly object gate = new();

    private OpenClDevice(CL api, nint context, nint queue, nint kernel, string name, ulong maxAllocationBytes)
    {
        this.api = api;
        this.context = context;
        this.queue = queue;
        this.kernel = kernel;
        Name = name;
        MaxAllocationBytes = maxAllocationBytes;
    }

    /// <summary>The device this process uses, found on first use.</summary>
    public static OpenClProbeResult Default => Shared.Value;

    /// <summary>Device and platform name, such as "pthread-skylake-avx512 (Portable Computing Language)".</summary>
    public string Name { get; }

    /// <summary>Largest single buffer the device accepts (CL_DEVICE_MAX_MEM_ALLOC_SIZE).</summary>
    public ulong MaxAllocationBytes { get; }

    /// <summary>Copies <paramref name="values"/> into a read-only device buffer.</summary>
    public OpenClBuffer Upload(double[] values)
    {
        ulong bytes = (ulong)values.LongLength * sizeof(double);
        if (bytes > MaxAllocationBytes)
        {
            throw new OpenClException(
                $"the grid needs {bytes} bytes, more than the {MaxAllocationBytes} bytes the OpenCL device {Name} allocates at once");
        }

        int status;
        nint buffer;
        fixed (double* data = values)
        {
            buffer = api.CreateBuffer(context, MemFlags.ReadOnly | MemFlags.CopyHostPtr, (nuint)bytes, data, &status);
        }

        Check(status, "clCreateBuffer");
        return new OpenClBuffer(api, buffer);
    }

    /// <summary>Runs the lookup kernel on <paramref name="grid"/>, in batches that fit the device's largest buffer.</summary>
    public void Sample(
        OpenClBuffer grid, int nx, int ny, int nz, GridTransform transform,
        ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> z, Span<double> values)
    {
        int batchLength = (int)Math.Min(int.MaxValue / sizeof(double), MaxAllocationBytes / sizeof(double));
        fixed (double* xs = x)
        fixed (double* ys = y)
        fixed (double* zs = z)
        fixed (double* output = values)
        {
            lock (gate)
            {
                for (int start = 0; start < x.Length; start += batchLength)
                {
                    int length = Math.Min(batchLength, x.Length - start);
                    RunBatch(grid, nx, ny, nz, transform, xs + start, ys + start, zs + start, output + start, length);
                }
            }
        }
    }

    private void RunBatch(
        OpenClBuffer grid, int nx, int ny, int nz, GridTransform t,
        double* xs, double* ys, double* zs, double* output, int count)
    {
        nuint bytes = (nuint)count * sizeof(double);
        nint xBuffer = 0, yBuffer = 0, zBuffer = 0, valueBuffer = 0;
        try
        {
            xBuffer = CreateInput(xs, bytes);
            yBuffer = CreateInput(ys, bytes);
            zBuffer = CreateInput(zs, bytes);
            int status;
            valueBuffer = api.CreateBuffer(context, MemFlags.WriteOnly, bytes, null, &status);
            Check(status, "clCreateBuffer");

            nint gridBuffer = grid.Handle;
            SetArgument(0, gridBuffer);
            SetArgument(1, nx);
            SetArgument(2, ny);
            SetArgument(3, nz);
            SetArgument(4, t.ScaleX);
            SetArgument(5, t.OffsetX);
            SetArgument(6, t.ScaleY);
            SetArgument(7, t.OffsetY);
            SetArgument(8, t.ScaleZ);
            SetArgument(9, t.OffsetZ);
            SetArgument(10, xBuffer);
            SetArgument(11, yBuffer);
            SetArgument(12, zBuffer);
            SetArgument(13, valueBuffer);
            SetArgument(14, count);

            nuint globalSize = (nuint)count;
            Check(api.EnqueueNdrangeKernel(queue, kernel, 1, null, &globalSize, null, 0, null, null), "clEnqueueNDRangeKernel");
            Check(api.EnqueueReadBuffer(queue, valueBuffer, true, 0, bytes, output, 0, null, null), "clEnqueueReadBuffer");
        }
        finally
        {
            foreach (nint buffer in new[] { xBuffer, yBuffer, zBuffer, valueBuffer })
            {
                if (buffer != 0)
                {
                    api.ReleaseMemObject(buffer);
                }
            }
        }
    }

    private nint CreateInput(double* data, nuint bytes)
    {
        int status;
        nint buffer = api.CreateBuffer(context, MemFlags.ReadOnly | MemFlags.CopyHostPtr, bytes, data, &status);
        Check(status, "clCreateBuffer");
        return buffer;
    }

    private void SetArgument<T>(uint index, T value)
        where T : unmanaged =>
        Check(api.SetKernelArg(kernel, index, (nuint)sizeof(T), &value), $"clSetKernelArg({index})");

    private static void Check(int status, string call)
    {
        if (status != 0)
        {
            throw new OpenClException($"{call} failed with OpenCL error {status}");
        }
    }

    /// <summary>
    /// Finds the first available device with double precision, preferring
    /// GPUs and accelerators over CPUs, and compiles the kernel for it.
    /// </summary>
    private static OpenClProbeResult Probe()
    {
        CL api;
        try
        {
            api = CL.GetApi();
        }
        catch (Exception ex) when (ex is DllNotFoundException or FileNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return new OpenClProbeResult(null, $"the OpenCL library (libOpenCL.so.1) could not be loaded: {ex.Message}");
        }

        uint platformCount;
        int status = api.GetPlatformIDs(0, null, &platformCount);
        if (status == PlatformNotFound || (status == 0 && platformCount == 0))
        {
            return new OpenClProbeResult(null, "no OpenCL platform is installed");
        }

        if (status != 0)
        {
            return new OpenClProbeResult(null, $"clGetPlatformIDs failed with OpenCL error {status}");
        }

        var platforms = new nint[platformCount];
        fixed (nint* pointer = platforms)
        {
            api.GetPlatformIDs(platformCount, pointer, null);
        }

        var candidates = new List<(nint Device, string Name, bool Cpu)>();
        var withoutDouble = new List<string>();
        foreach (nint platform in platforms)
        {
            string platformName = PlatformText(api, platform, PlatformInfo.Name);
            foreach (nint device in Devices(api, platform))
            {
                string name = $"{DeviceText(api, device, DeviceInfo.Name)} ({platformName})";
                if (DeviceNumber(api, device, DeviceInfo.Available) == 0)
                {
                    continue;
                }

                if (DeviceNumber(api, device, DeviceInfo.DoubleFPConfig) == 0)
                {
                    withoutDouble.Add(name);
                    continue;
                }

                bool cpu = ((DeviceType)DeviceNumber(api, device, DeviceInfo.Type) & DeviceType.Cpu) != 0;
                candidates.Add((device, name, cpu));
            }
        }

        if (candidates.Count == 0)
        {
            return new OpenClProbeResult(null, withoutDouble.Count == 0
                ? "no OpenCL device is available"
                : $"no OpenCL device supports double precision (cl_khr_fp64); found {string.Join(", ", withoutDouble)}");
        }

        var (chosen, chosenName, _) = candidates.OrderBy(c => c.Cpu).First();
        try
        {
            return new OpenClProbeResult(Build(api, chosen, chosenName), null);
        }
        catch (OpenClException ex)
        {
            return new OpenClProbeResult(null, $"the OpenCL device {chosenName} could not run the lookup kernel: {ex.Message}");
        }
    }

    private static OpenClDevice Build(CL api, nint device, string name)
    {
        int status;
        nint context = api.CreateContext(null, 1, &device, null, null, &status);
        Check(status, "clCreateContext");
        nint queue = api.CreateCommandQueue(context, device, CommandQueueProperties.None, &status);
        Check(status, "clCreateCommandQueue");
        nint program = api.CreateProgramWithSource(context, 1, new[] { KernelSource() }, null, &status);
        Check(status, "clCreateProgramWithSource");
        status = api.BuildProgram(program, 1, &device, string.Empty, null, null);
        if (status != 0)
        {
            throw new OpenClException($"the kernel did not compile (OpenCL error {status}): {BuildLog(api, program, device)}");
        }

        nint kernel = api.CreateKernel(program, KernelName, &status);
        Check(status, "clCreateKernel");
        ulong maxAllocation = DeviceNumber(api, device, DeviceInfo.MaxMemAllocSize);
        return new OpenClDevice(api, context, queue, kernel, name, maxAllocation);
    }

    private static string KernelSource()
    {
        using Stream stream = typeof(OpenClDevice).Assembly.GetManifestResourceStream("RealVision.Modifiers.PointCloud.ShoreSampling.cl")
            ?? throw new InvalidOperationException("The OpenCL kernel source is missing from the plugin assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static nint[] Devices(CL api, nint platform)
    {
        uint count;
        if (api.GetDeviceIDs(platform, DeviceType.All, 0, null, &count) != 0 || count == 0)
        {
            return Array.Empty<nint>();
        }

        var devices = new nint[count];
        fixed (nint* pointer = devices)
        {
            api.GetDeviceIDs(platform, DeviceType.All, count, pointer, null);
        }

        return devices;
    }

    /// <summary>Reads a numeric device property (cl_bool, cl_uint or cl_ulong), widened to 64 bits.</summary>
    private static ulong DeviceNumber(CL api, nint device, DeviceInfo property)
    {
        ulong value = 0;
        nuint size;
        if (api.GetDeviceInfo(device, property, sizeof(ulong), &value, &size) != 0)
        {
            return 0;
        }

        return size switch
        {
            4 => (uint)value,
            _ => value,
        };
    }

    private static string DeviceText(CL api, nint device, DeviceInfo property)
    {
        nuint size;
        if (api.GetDeviceInfo(device, property, 0, null, &size) != 0 || size == 0)
        {
            return "unknown device";
        }

        byte[] text = new byte[(int)size];
        fixed (byte* pointer = text)
        {
            api.GetDeviceInfo(device, property, size, pointer, null);
        }

        return Encoding.UTF8.GetString(text).TrimEnd('\0').Trim();
    }

    private static string PlatformText(CL api, nint platform, PlatformInfo property)
    {
        nuint size;
        if (api.GetPlatformInfo(platform, property, 0, null, &size) != 0 || size == 0)
        {
            return "unknown platform";
        }

        byte[] text = new byte[(int)size];
        fixed (byte* pointer = text)
        {
            api.GetPlatformInfo(platform, property, size, pointer, null);
        }

        return Encoding.UTF8.GetString(text).TrimEnd('\0').Trim();
    }

    private static string BuildLog(CL api, nint program, nint device)
    {
        nuint size;
        if (api.GetProgramBuildInfo(program, device, ProgramBuildInfo.BuildLog, 0, null, &size) != 0 || size == 0)
        {
            return "no build log";
        }

        byte[] text = new byte[(int)size];
        fixed (byte* pointer = text)
        {
            api.GetProgramBuildInfo(program, device, ProgramBuildInfo.BuildLog, size, pointer, null);
        }

        return Encoding.UTF8.GetString(text).TrimEnd('\0').Trim();
    }
}

/// <summary>A device buffer, released on dispose or, failing that, by the finalizer.</summary>
internal sealed class OpenClBuffer : SafeHandle
{
    private readonly CL api;

    public OpenClBuffer(CL api, nint buffer)
        : base(0, ownsHandle: true)
    {
        this.api = api;
        SetHandle(buffer);
    }

    public nint Handle => handle;

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle() => api.ReleaseMemObject(handle) == 0;
}

/// <summary>An OpenCL call failed; the message names the call and the OpenCL error number.</summary>
internal sealed class OpenClException : Exception
{
    public OpenClException(string message)
        : base(message)
    {
    }
}
