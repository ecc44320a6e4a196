using System.Numerics.Tensors;

namespace RealVision.Modifiers.PointCloud.Sampling;

/// <summary>
/// Trilinear lookup in managed code. TensorPrimitives turns positions into
/// clamped voxel coordinates with SIMD, a block at a time; gathering the eight
/// neighbours and blending them is scalar. Large batches are split over the
/// thread pool. The steps match the OpenCL kernel (ShoreSampling.cl).
/// </summary>
internal sealed unsafe class ManagedShoreSampler : IShoreSampler
{
    // Three blocks of this many doubles live on the stack: 24 KiB.
    private const int BlockLength = 1024;

    // Below this many points the work is too small to be worth spreading over threads.
    private const int ParallelThreshold = 1 << 16;

    private readonly ShoreGrid grid;

    public ManagedShoreSampler(ShoreGrid grid)
    {
        this.grid = grid;
    }

    public string Description => "managed";

    public void Sample(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> z, Span<double> values)
    {
        ShoreSamplerChecks.SameLength(x, y, z, values);
        int count = x.Length;
        if (count < ParallelThreshold)
        {
            SampleRange(x, y, z, values);
            return;
        }

        fixed (double* xPointer = x)
        fixed (double* yPointer = y)
        fixed (double* zPointer = z)
        fixed (double* valuesPointer = values)
        {
            // Pointers, not spans, cross into the lambda; the fixed block outlives Parallel.For.
            nint xs = (nint)xPointer, ys = (nint)yPointer, zs = (nint)zPointer, output = (nint)valuesPointer;
            int blocks = (count + BlockLength - 1) / BlockLength;
            int blocksPerTask = Math.Max(1, blocks / (Environment.ProcessorCount * 4));
            int tasks = (blocks + blocksPerTask - 1) / blocksPerTask;
            Parallel.For(0, tasks, task =>
            {
                int start = task * blocksPerTask * BlockLength;
                int length = Math.Min(blocksPerTask * BlockLength, count - start);
                SampleRange(
                    new ReadOnlySpan<double>((double*)xs + start, length),
                    new ReadOnlySpan<double>((double*)ys + start, length),
                    new ReadOnlySpan<double>((double*)zs + start, length),
                    new Span<double>((double*)output + start, length));
            });
        }
    }

    public void Dispose()
    {
    }

    private void SampleRange(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> z, Span<double> values)
    {
        Span<double> u = stackalloc double[BlockLength];
        Span<double> v = stackalloc double[BlockLength];
        Span<double> w = stackalloc double[BlockLength];
        for (int start = 0; start < x.Length; start += BlockLength)
        {
            int length = Math.Min(BlockLength, x.Length - start);
            GridTransform t = grid.Transform;
            ToVoxelCoordinates(x.Slice(start, length), t.ScaleX, t.OffsetX, grid.Nx, u[..length]);
            ToVoxelCoordinates(y.Slice(start, length), t.ScaleY, t.OffsetY, grid.Ny, v[..length]);
            ToVoxelCoordinates(z.Slice(start, length), t.ScaleZ, t.OffsetZ, grid.Nz, w[..length]);
            Span<double> output = values.Slice(start, length);
            for (int n = 0; n < length; n++)
            {
                output[n] = Blend(u[n], v[n], w[n]);
            }
        }
    }

    /// <summary>u = clamp(position * scale + offset, 0, count - 1), multiplied and added in two roundings as the kernel does.</summary>
    private static void ToVoxelCoordinates(ReadOnlySpan<double> positions, double scale, double offset, int count, Span<double> coordinates)
    {
        TensorPrimitives.Multiply(positions, scale, coordinates);
        TensorPrimitives.Add(coordinates, offset, coordinates);
        TensorPrimitives.Clamp(coordinates, 0.0, count - 1.0, coordinates);
    }

    private double Blend(double u, double v, double w)
    {
        int nx = grid.Nx, ny = grid.Ny, nz = grid.Nz;
        int i0 = Math.Min((int)Math.Floor(u), Math.Max(nx - 2, 0));
        int j0 = Math.Min((int)Math.Floor(v), Math.Max(ny - 2, 0));
        int k0 = Math.Min((int)Math.Floor(w), Math.Max(nz - 2, 0));
        int i1 = Math.Min(i0 + 1, nx - 1);
        int j1 = Math.Min(j0 + 1, ny - 1);
        int k1 = Math.Min(k0 + 1, nz - 1);
        double tx = u - i0;
        double ty = v - j0;
        double tz = w - k0;

        double[] values = grid.Values;
        long row = nx;
        long layer = (long)nx * ny;
        long b00 = j0 * row + k0 * layer;
        long b10 = j1 * row + k0 * layer;
        long b01 = j0 * row + k1 * layer;
        long b11 = j1 * row + k1 * layer;

        double c00 = Lerp(values[b00 + i0], values[b00 + i1], tx);
        double c10 = Lerp(values[b10 + i0], values[b10 + i1], tx);
        double c01 = Lerp(values[b01 + i0], values[b01 + i1], tx);
        double c11 = Lerp(values[b11 + i0], values[b11 + i1], tx);
        double c0 = Lerp(c00, c10, ty);
        double c1 = Lerp(c01, c11, ty);
        return Lerp(c0, c1, tz);
    }

    private static double Lerp(double a, double b, double t) => a + (b - a) * t;
}
