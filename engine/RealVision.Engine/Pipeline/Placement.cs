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
    public static List<ModelDefinition> Place(Workspace workspace, List<ModelDefinition> models, ResolvedSettings settings)
    {
        if (workspace.HasAbsolutePlacement || !settings.Boolean("center_model"))
        {
            return models;
        }

        Box3D box = Box3D.Empty;
        foreach (ModelDefinition model in models)
        {
            box = box.Include(model.Mesh.Bounds());
        }

        if (box.IsEmpty)
        {
            return models;
        }

        double dx = settings.Number("machine_width") / 2 - (box.Min.X + box.Max.X) / 2;
        double dy = settings.Number("machine_depth") / 2 - (box.Min.Y + box.Max.Y) / 2;
        double dz = -box.Min.Z;
        return models.Select(m => WithMesh(m, m.Mesh.Translated(dx, dy, dz))).ToList();
    }

    /// <summary>
    /// Workspace policy for height: coordinates are absolute, so models are not
    /// moved, with one exception. When every printed model floats above the bed,
    /// the whole workspace (modifiers included) is lowered onto it with a
    /// warning, which keeps the models' relative placement. A single model
    /// floating while others rest on the bed is rejected, since it would print in
    /// the air. Models below the bed are rejected by the build-volume check.
    /// </summary>
    public static List<ModelDefinition> SettleOnBed(List<ModelDefinition> models, string inputName, IList<string> warnings)
    {
        var printed = models.Where(m => !m.IsModifier).ToList();
        double lowest = printed.Min(m => m.Mesh.Bounds().Min.Z);
        if (lowest > ToleranceMm)
        {
            warnings.Add($"{inputName}: every object floats {F(lowest)} mm above the bed; the workspace was lowered onto the bed by {F(lowest)} mm.");
            return models.Select(m => WithMesh(m, m.Mesh.Translated(0, 0, -lowest))).ToList();
        }

        foreach (ModelDefinition model in printed)
        {
            double bottom = model.Mesh.Bounds().Min.Z;
            if (bottom > ToleranceMm)
            {
                throw InputException.Invalid(
                    $"Model '{model.Name}' floats {F(bottom)} mm above the bed while other objects rest on it, so it would print in the air. Move it down to Z = 0 in the workspace.");
            }
        }

        return models;
    }

    public static ModelDefinition WithMesh(ModelDefinition m, Abstractions.Model.Mesh mesh) => new()
    {
        Name = m.Name,
        Mesh = mesh,
        SlicingPriority = m.SlicingPriority,
        ModifierSettings = m.ModifierSettings,
        HasModifierBlock = m.HasModifierBlock,
        FileReference = m.FileReference,
        Watertight = m.Watertight,
        PrintingMaterial = m.PrintingMaterial,
    };

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

            if (box.Max.Z < -ToleranceMm)
            {
                throw InputException.Invalid(
                    $"Model '{model.Name}' lies entirely below the bed (Z {F(box.Min.Z)}..{F(box.Max.Z)} mm). Move it up so its lowest point is at Z = 0.");
            }

            if (box.Min.Z < -ToleranceMm && box.Max.Z > 0)
            {
                throw InputException.Invalid(
                    $"Model '{model.Name}' reaches {F(-box.Min.Z)} mm below the bed (Z {F(box.Min.Z)}..{F(box.Max.Z)} mm); printing it would cut off that part. Move it up so its lowest point is at Z = 0.");
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
