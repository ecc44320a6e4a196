using Silk.NET.OpenCL;

namespace RealVision.PointCloud.Tests.Support;

/// <summary>
/// A fact that is skipped only when this machine has no OpenCL platform or
/// no OpenCL library. With a platform present the test runs, and fails if the
/// device cannot be used.
/// </summary>
public sealed class OpenClFactAttribute : FactAttribute
{
    public OpenClFactAttribute()
    {
        if (!OpenClPlatforms.Present(out string reason))
        {
            Skip = $"No OpenCL platform: {reason}. Install pocl-opencl-icd and ocl-icd-libopencl1 to run the OpenCL lookups on the CPU.";
        }
    }
}

public static unsafe class OpenClPlatforms
{
    private static readonly Lazy<(bool Present, string Reason)> Probe = new(() =>
    {
        try
        {
            CL api = CL.GetApi();
            uint count;
            int status = api.GetPlatformIDs(0, null, &count);
            return status == 0 && count > 0 ? (true, "") : (false, $"clGetPlatformIDs returned {status} with {count} platforms");
        }
        catch (Exception ex) when (ex is DllNotFoundException or FileNotFoundException)
        {
            return (false, $"the OpenCL library could not be loaded ({ex.Message})");
        }
    });

    public static bool Present(out string reason)
    {
        reason = Probe.Value.Reason;
        return Probe.Value.Present;
    }
}
