namespace RealVision.Modifiers.PointCloud.Sampling;

/// <summary>Trilinear lookup on an OpenCL device; the grid is copied to the device once.</summary>
internal sealed class OpenClShoreSampler : IShoreSampler
{
    private readonly OpenClDevice device;
    private readonly ShoreGrid grid;
    private readonly OpenClBuffer buffer;

    public OpenClShoreSampler(OpenClDevice device, ShoreGrid grid)
    {
        this.device = device;
        this.grid = grid;
        buffer = device.Upload(grid.Values);
    }

    public string Description => $"OpenCL on {device.Name}";

    public void Sample(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> z, Span<double> values)
    {
        ShoreSamplerChecks.SameLength(x, y, z, values);
        if (x.Length == 0)
        {
            return;
        }

        device.Sample(buffer, grid.Nx, grid.Ny, grid.Nz, grid.Transform, x, y, z, values);
    }

    public void Dispose() => buffer.Dispose();
}
