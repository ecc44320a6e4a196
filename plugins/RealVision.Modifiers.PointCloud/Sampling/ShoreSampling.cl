// Trilinear lookup of shore values, one work item per sample point.
// It computes the same steps in the same order as ManagedShoreSampler, in
// double precision and without fused multiply-add, so both give the same values.
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#pragma OPENCL FP_CONTRACT OFF

static double lerp_value(double a, double b, double t)
{
    return a + (b - a) * t;
}

__kernel void sample_shore(
    __global const double* grid,
    const int nx, const int ny, const int nz,
    const double scale_x, const double offset_x,
    const double scale_y, const double offset_y,
    const double scale_z, const double offset_z,
    __global const double* xs, __global const double* ys, __global const double* zs,
    __global double* values,
    const int count)
{
    int n = get_global_id(0);
    if (n >= count)
    {
        return;
    }

    // Voxel coordinates: centre of voxel i at u = i; clamping holds the
    // outer half voxels at the edge value.
    double u = xs[n] * scale_x;
    u = u + offset_x;
    u = fmin(fmax(u, 0.0), (double)(nx - 1));
    double v = ys[n] * scale_y;
    v = v + offset_y;
    v = fmin(fmax(v, 0.0), (double)(ny - 1));
    double w = zs[n] * scale_z;
    w = w + offset_z;
    w = fmin(fmax(w, 0.0), (double)(nz - 1));

    int i0 = min((int)floor(u), max(nx - 2, 0));
    int j0 = min((int)floor(v), max(ny - 2, 0));
    int k0 = min((int)floor(w), max(nz - 2, 0));
    int i1 = min(i0 + 1, nx - 1);
    int j1 = min(j0 + 1, ny - 1);
    int k1 = min(k0 + 1, nz - 1);
    double tx = u - (double)i0;
    double ty = v - (double)j0;
    double tz = w - (double)k0;

    long row = (long)nx;
    long layer = (long)nx * (long)ny;
    long b00 = (long)j0 * row + (long)k0 * layer;
    long b10 = (long)j1 * row + (long)k0 * layer;
    long b01 = (long)j0 * row + (long)k1 * layer;
    long b11 = (long)j1 * row + (long)k1 * layer;

    double c00 = lerp_value(grid[b00 + i0], grid[b00 + i1], tx);
    double c10 = lerp_value(grid[b10 + i0], grid[b10 + i1], tx);
    double c01 = lerp_value(grid[b01 + i0], grid[b01 + i1], tx);
    double c11 = lerp_value(grid[b11 + i0], grid[b11 + i1], tx);
    double c0 = lerp_value(c00, c10, ty);
    double c1 = lerp_value(c01, c11, ty);
    values[n] = lerp_value(c0, c1, tz);
}
