using System.Globalization;
using RealVision.Abstractions.Errors;
using RealVision.Abstractions.Model;
using RealVision.Engine.Settings;
using RealVision.Geometry;

namespace RealVision.Engine.Pipeline;

/// <summary>Places models on the bed and checks they fit in the build volume.</summary>
internal static class Placement
{
    // Coordinates within this distance outside the bed (mm) are float rounding, not misplacement.
    private const double ToleranceMm = 0.001;

    /// <summary>
    /// Centres models without absolute placement on the bed as one group and
    /// drops them to z = 0; workspace models keep their absolute coordinates.
    /// </summary>
    public static List<ModelDefinition> Place(Workspace workspace, ResolvedSettings settings, IList<string> warnings)
    {
        if (workspace.HasAbsolutePlacement || !settings.Boolean("center_model"))
        {
            return workspace.Models;
        }

        Box3D box = Box3D.Empty;
        foreach (ModelDefinition model in workspace.Models)
        {
            box = box.Include(model.Mesh.Bounds());
        }

        if (box.IsEmpty)
        {
            return workspace.Models;
        }

        double dx = settings.Number("machine_width") / 2 - (box.Min.X + box.Max.X) / 2;
        double dy = settings.Number("machine_depth") / 2 - (box.Min.Y + box.Max.Y) / 2;
        double dz = -box.Min.Z;
        return workspace.Models.Select(m => new ModelDefinition
        {
            Name = m.Name,
            Mesh = m.Mesh.Translated(dx, dy, dz),
            SlicingPriority = m.SlicingPriority,
            ModifierSettings = m.ModifierSettings,
            HasModifierBlock = m.HasModifierBlock,
            FileReference = m.FileReference,
            Watertight = m.Watertight,
            PrintingMaterial = m.PrintingMaterial,
        }).ToList();
    }

    /// <summary>Rejects (URE000) a printed model that leaves the build volume, naming it and the offending extent.</summary>
    public static void CheckBuildVolume(IEnumerable<ModelDefinition> models, ResolvedSettings settings)
    {
        double width = settings.Number("machine_width");
        double depth = settings.Number("machine_depth");
        double height = settings.Number("machine_height");
        foreach (ModelDefinition model in models)
        {
            Box3D box = model.Mesh.Bounds();
            if (box.IsEmpty)
            {
                throw InputException.Invalid($"Model '{model.Name}' has no triangles.");
            }

            if (box.Min.X < -ToleranceMm || box.Min.Y < -ToleranceMm || box.Min.Z < -ToleranceMm
                || box.Max.X > width + ToleranceMm || box.Max.Y > depth + ToleranceMm || box.Max.Z > height + ToleranceMm)
            {
                throw InputException.Invalid(
                    $"Model '{model.Name}' spans X {F(box.Min.X)}..{F(box.Max.X)}, Y {F(box.Min.Y)}..{F(box.Max.Y)}, Z {F(box.Min.Z)}..{F(box.Max.Z)} mm, "
                    + $"outside the build volume 0..{F(width)} x 0..{F(depth)} x 0..{F(height)} mm. Move or scale it, or choose a larger printer.");
            }
        }
    }

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
