using RealVision.Abstractions.Toolpaths;
using RealVision.Engine.Paths;
using RealVision.Engine.Settings;

namespace RealVision.Engine.Pipeline;

/// <summary>Totals over all planned layers: time, filament length and weight, extrusion bounds.</summary>
internal static class Statistics
{
    public static PrintStatistics Summarize(List<PlannedLayer> layers, ResolvedSettings settings, List<string> warnings)
    {
        double volume = 0, seconds = 0;
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        double layerChangeSeconds = settings.Number("layer_height") / settings.Number("speed_z");
        foreach (PlannedLayer layer in layers)
        {
            volume += layer.ExtrudedVolumeMm3;
            seconds += layer.Toolpath.EstimatedTimeS + layerChangeSeconds;
            if (layer.Toolpath.Items.Count > 0)
            {
                minX = Math.Min(minX, layer.BoundsMm[0]);
                minY = Math.Min(minY, layer.BoundsMm[1]);
                maxX = Math.Max(maxX, layer.BoundsMm[2]);
                maxY = Math.Max(maxY, layer.BoundsMm[3]);
            }
        }

        volume *= settings.Number("extrusion_multiplier");
        double radius = settings.Number("filament_diameter") / 2;
        double filamentArea = Math.PI * radius * radius;
        return new PrintStatistics
        {
            LayerCount = layers.Count,
            EstimatedTimeS = seconds,
            FilamentVolumeMm3 = volume,
            FilamentLengthMm = volume / filamentArea,
            FilamentWeightG = volume / 1000.0 * settings.Number("filament_density"),
            ExtrusionBoundsMm = minX <= maxX ? new[] { minX, minY, maxX, maxY } : new double[4],
            Warnings = warnings,
        };
    }
}
