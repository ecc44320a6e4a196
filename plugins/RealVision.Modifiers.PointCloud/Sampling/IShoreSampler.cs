namespace RealVision.Modifiers.PointCloud.Sampling;

/// <summary>
/// Trilinear lookup of a <see cref="ShoreGrid"/> at many points. Positions
/// outside the grid's outer voxel centres take the value at the nearest
/// centre (clamping). Implementations are safe to call from several threads.
/// </summary>
internal interface IShoreSampler : IDisposable
{
    /// <summary>Where the lookups run, for messages: "managed" or the OpenCL device.</summary>
    string Description { get; }

    /// <summary>Writes the value at (x[n], y[n], z[n]) millimetres to values[n].</summary>
    void Sample(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> z, Span<double> values);
}

internal static class ShoreSamplerChecks
{
    public static void SameLength(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> z, Span<double> values)
    {
        if (y.Length != x.Length || z.Length != x.Length || values.Length != x.Length)
        {
            throw new ArgumentException(
                $"Coordinate and value spans must have equal lengths, not x {x.Length}, y {y.Length}, z {z.Length} and values {values.Length}.");
        }
    }
}
