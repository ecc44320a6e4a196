using RealVision.Geometry;

namespace RealVision.Modifiers.PointCloud;

/// <summary>
/// Shore values on a regular voxel grid spanning an axis-aligned box (mm).
/// Voxel (i, j, k) covers the box's i-th slab along X, j-th along Y and k-th
/// along Z, its value sits at the voxel's centre, and it is stored at index
/// <c>i + nx * (j + ny * k)</c> (X fastest, Z slowest) whatever the file's order.
/// </summary>
internal sealed class ShoreGrid
{
    public ShoreGrid(double[] values, int nx, int ny, int nz, Box3D box)
    {
        if (nx <= 0 || ny <= 0 || nz <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(nx), $"Grid counts must be positive, not {nx} x {ny} x {nz}.");
        }

        if (values.LongLength != (long)nx * ny * nz)
        {
            throw new ArgumentException($"The grid has {values.LongLength} values, not {nx} x {ny} x {nz}.", nameof(values));
        }

        Point3D size = box.Size;
        if (box.IsEmpty || !(size.X > 0 && size.Y > 0 && size.Z > 0))
        {
            throw new ArgumentException("The grid's box must have a positive size along X, Y and Z.", nameof(box));
        }

        Values = values;
        Nx = nx;
        Ny = ny;
        Nz = nz;
        Box = box;
        Transform = new GridTransform(
            ScaleX: nx / size.X,
            OffsetX: -box.Min.X * (nx / size.X) - 0.5,
            ScaleY: ny / size.Y,
            OffsetY: -box.Min.Y * (ny / size.Y) - 0.5,
            ScaleZ: nz / size.Z,
            OffsetZ: -box.Min.Z * (nz / size.Z) - 0.5);
    }

    /// <summary>Values in X-fastest order.</summary>
    public double[] Values { get; }

    public int Nx { get; }

    public int Ny { get; }

    public int Nz { get; }

    /// <summary>The box the grid spans: the modifier mesh's bounding box.</summary>
    public Box3D Box { get; }

    /// <summary>Maps millimetres to continuous voxel coordinates, where voxel centres fall on whole numbers.</summary>
    public GridTransform Transform { get; }

    public double CellSizeX => Box.Size.X / Nx;

    public double CellSizeY => Box.Size.Y / Ny;

    public double this[int i, int j, int k] => Values[i + Nx * (j + (long)Ny * k)];
}

/// <summary>
/// Per axis, u = position * Scale + Offset turns millimetres into voxel
/// coordinates (voxel centre i at u = i). Both lookups compute it in this
/// form, multiply then add, so they round alike.
/// </summary>
internal readonly record struct GridTransform(
    double ScaleX, double OffsetX, double ScaleY, double OffsetY, double ScaleZ, double OffsetZ);
