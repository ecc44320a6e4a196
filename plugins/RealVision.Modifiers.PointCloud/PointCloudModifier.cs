using System.Globalization;
using RealVision.Abstractions.Errors;
using RealVision.Abstractions.Model;
using RealVision.Abstractions.Plugins;
using RealVision.Geometry;
using RealVision.Modifiers.PointCloud.Sampling;

namespace RealVision.Modifiers.PointCloud;

/// <summary>
/// A modifier whose <c>metaData.FileReference</c> names a point-cloud file of
/// shore (hardness) values on a grid spanning the modifier mesh's bounding
/// box. The infill it covers takes, cell by cell, the density the
/// pointcloud_* settings map each value to. The grid size comes with the
/// request (arrayDimensions), as in the REALvision API.
/// </summary>
public sealed class PointCloudModifier : IModifierKind
{
    public string Name => "point-cloud";

    public string Description => "Infill density per voxel from a point-cloud file of shore values (FileReference) inside the modifier.";

    public bool Accepts(ModelDefinition model) => model.IsModifier && model.FileReference is not null;

    public IModifierEffect Create(ModelDefinition model, ModifierContext context)
    {
        RejectModifierSettings(model);
        string name = PointCloudFile.ReferenceName(model);
        string path = PointCloudFile.Locate(model, name, context);
        (int nx, int ny, int nz) = PointCloudFile.Dimensions(model, context.ArrayDimensions);
        DensityMapping mapping = DensityMapping.FromSettings(context.Settings);
        string axisOrder = context.Settings.GetValueOrDefault(PointCloudFile.AxisOrderKey, "xyz");
        Box3D box = ModifierBox(model);
        double[] values = PointCloudFile.Read(model, path, nx, ny, nz, axisOrder);

        var grid = new ShoreGrid(values, nx, ny, nz, box);
        IShoreSampler sampler = ShoreSamplers.Create(
            grid, context.Settings.GetValueOrDefault("opencl", ShoreSamplers.Auto), model.Name, context.Warnings);
        return new PointCloudInfill(grid, mapping, sampler);
    }

    /// <summary>
    /// Rejects settings in the Modifier block. The portal's point-cloud
    /// modifier has an empty block, and a FillDensityFactor beside a
    /// FileReference would be ambiguous, so it is rejected rather than ignored.
    /// </summary>
    private static void RejectModifierSettings(ModelDefinition model)
    {
        if (model.ModifierSettings.Count > 0)
        {
            throw InputException.Invalid(
                $"Model '{model.Name}' has a FileReference and the modifier settings {string.Join(", ", model.ModifierSettings.Keys)}; "
                + "a point-cloud modifier takes its densities from the file, so leave its Modifier block empty, or drop the FileReference for a fill-density modifier.");
        }
    }

    /// <summary>The modifier mesh's bounding box, which the grid spans; it must have a positive size on every axis.</summary>
    private static Box3D ModifierBox(ModelDefinition model)
    {
        Box3D box = model.Mesh.Bounds();
        Point3D size = box.Size;
        if (box.IsEmpty || !(size.X > 0 && size.Y > 0 && size.Z > 0))
        {
            string extent = box.IsEmpty
                ? "no triangles"
                : string.Create(CultureInfo.InvariantCulture, $"a bounding box of {size.X:0.###} x {size.Y:0.###} x {size.Z:0.###} mm");
            throw InputException.Invalid(
                $"Model '{model.Name}' is a point-cloud modifier with {extent}; the grid spans its bounding box, which must have a positive size along X, Y and Z.");
        }

        return box;
    }
}
