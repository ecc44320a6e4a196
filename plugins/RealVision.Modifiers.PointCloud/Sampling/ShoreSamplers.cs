using RealVision.Abstractions.Errors;

namespace RealVision.Modifiers.PointCloud.Sampling;

/// <summary>Chooses the lookup for a grid from the <c>opencl</c> setting.</summary>
internal static class ShoreSamplers
{
    public const string Auto = "auto";
    public const string On = "on";
    public const string Off = "off";

    /// <summary>
    /// Returns the managed lookup for "off"; the OpenCL one for "on", or throws
    /// <see cref="SettingsException"/> when no usable device exists; and for
    /// "auto" the OpenCL one when a device exists and takes the grid, else the
    /// managed one (with a warning when a device exists but failed).
    /// </summary>
    /// <param name="probe">Finds the device; <see cref="OpenClDevice.Default"/> unless a test replaces it.</param>
    public static IShoreSampler Create(ShoreGrid grid, string mode, string modelName, IList<string> warnings, Func<OpenClProbeResult>? probe = null)
    {
        switch (mode.ToLowerInvariant())
        {
            case Off:
                return new ManagedShoreSampler(grid);
            case On or Auto:
                break;
            default:
                throw new SettingsException($"Setting 'opencl' is '{mode}'; use auto, on or off.");
        }

        bool required = string.Equals(mode, On, StringComparison.OrdinalIgnoreCase);
        OpenClProbeResult found = (probe ?? (() => OpenClDevice.Default))();
        if (found.Device is null)
        {
            if (required)
            {
                throw new SettingsException(
                    $"Setting 'opencl' is 'on', but {found.Reason}, so model '{modelName}' cannot look up its point cloud on OpenCL. "
                    + "Install an OpenCL driver with double precision (on Debian: pocl-opencl-icd and ocl-icd-libopencl1), or set opencl to auto or off.");
            }

            return new ManagedShoreSampler(grid);
        }

        try
        {
            return new OpenClShoreSampler(found.Device, grid);
        }
        catch (OpenClException ex)
        {
            if (required)
            {
                throw new SettingsException(
                    $"Setting 'opencl' is 'on', but model '{modelName}' cannot use the OpenCL device: {ex.Message}. Set opencl to auto or off to look up shore values in managed code.");
            }

            warnings.Add($"Model '{modelName}': {ex.Message}; shore values are looked up in managed code instead of OpenCL.");
            return new ManagedShoreSampler(grid);
        }
    }
}
