using RealVision.Abstractions.Plugins;
using RealVision.Geometry;

namespace RealVision.Engine.Regions;

/// <summary>A modifier model's effect with its name, in the order modifiers apply.</summary>
public sealed record AppliedModifier(string Name, int Priority, IModifierEffect Effect);

/// <summary>
/// Overlays modifiers on a layer's sparse infill in ascending slicing
/// priority: each modifier takes the part of the infill its outline covers
/// away from whatever zone held it before, so where modifiers overlap the
/// highest priority wins. Walls and skins are never changed.
/// </summary>
public static class ModifierOverlay
{
    /// <returns>For each modifier, whether its outline touched the layer's objects.</returns>
    public static bool[] Apply(LayerRegions layer, IReadOnlyList<AppliedModifier> modifiers, long z)
    {
        var touched = new bool[modifiers.Count];
        layer.DefaultInfill = layer.Infill;
        layer.Modifiers = true;
        for (int m = 0; m < modifiers.Count; m++)
        {
            Paths64 outline = layer.ModifierOutlines[m];
            if (outline.Count == 0 || layer.Outline.Count == 0)
            {
                continue;
            }

            touched[m] = Clipper.Intersect(layer.Outline, outline).Count > 0;
            Paths64 covered = layer.Infill.Count == 0 ? new Paths64() : Clipper.Intersect(layer.Infill, outline);
            if (covered.Count == 0)
            {
                continue;
            }

            layer.DefaultInfill = Clipper.Difference(layer.DefaultInfill, covered);
            for (int i = layer.ModifiedInfill.Count - 1; i >= 0; i--)
            {
                InfillZone zone = layer.ModifiedInfill[i];
                Paths64 remaining = Clipper.Difference(zone.Area, covered);
                if (remaining.Count == 0)
                {
                    layer.ModifiedInfill.RemoveAt(i);
                }
                else
                {
                    layer.ModifiedInfill[i] = zone with { Area = remaining };
                }
            }

            layer.ModifiedInfill.AddRange(modifiers[m].Effect.Zones(covered, z).Where(zone => zone.Area.Count > 0));
        }

        return touched;
    }
}
