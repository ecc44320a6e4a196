using System.Globalization;
using RealVision.Abstractions.Errors;

namespace RealVision.Modifiers.PointCloud;

/// <summary>
/// Maps a shore value to an infill density: linear from
/// [ShoreMin, ShoreMax] to [DensityMin, DensityMax], clamped to that density
/// range, then rounded to the nearest multiple of Step (a "level"). Equal
/// levels make one infill zone, so the step trades density resolution for
/// fewer, larger zones.
/// </summary>
internal sealed class DensityMapping
{
    public const string ShoreMinKey = "pointcloud_shore_min";
    public const string ShoreMaxKey = "pointcloud_shore_max";
    public const string DensityMinKey = "pointcloud_density_min";
    public const string DensityMaxKey = "pointcloud_density_max";
    public const string StepKey = "pointcloud_density_step";

    public DensityMapping(double shoreMin, double shoreMax, double densityMin, double densityMax, double step)
    {
        if (!(shoreMax > shoreMin))
        {
            throw new SettingsException(
                $"Setting '{ShoreMaxKey}' ({F(shoreMax)}) must be greater than '{ShoreMinKey}' ({F(shoreMin)}), so that shore values map to a range of densities.");
        }

        // Levels count whole steps, so a step of at least 1e-6 keeps them far inside the range of int.
        if (!(step >= 1e-6 && step <= 1))
        {
            throw new SettingsException($"Setting '{StepKey}' is {F(step)}; use a step from 0.000001 to 1, such as 0.05.");
        }

        ShoreMin = shoreMin;
        ShoreMax = shoreMax;
        DensityMin = densityMin;
        DensityMax = densityMax;
        Step = step;
    }

    public double ShoreMin { get; }

    public double ShoreMax { get; }

    public double DensityMin { get; }

    public double DensityMax { get; }

    public double Step { get; }

    /// <summary>Reads the five pointcloud_* settings; absent ones take the registry's defaults (0, 100, 0, 1, 0.05).</summary>
    public static DensityMapping FromSettings(IReadOnlyDictionary<string, string> settings) => new(
        Number(settings, ShoreMinKey, 0),
        Number(settings, ShoreMaxKey, 100),
        Number(settings, DensityMinKey, 0),
        Number(settings, DensityMaxKey, 1),
        Number(settings, StepKey, 0.05));

    /// <summary>The quantised density of <paramref name="shore"/> as a whole number of steps.</summary>
    public int Level(double shore)
    {
        double t = (shore - ShoreMin) / (ShoreMax - ShoreMin);
        double density = DensityMin + t * (DensityMax - DensityMin);
        density = Math.Clamp(density, Math.Min(DensityMin, DensityMax), Math.Max(DensityMin, DensityMax));
        return (int)Math.Round(density / Step, MidpointRounding.AwayFromZero);
    }

    /// <summary>The density of a level, at most 1 (a step that does not divide 1 could round above it).</summary>
    public double Density(int level) => Math.Clamp(level * Step, 0, 1);

    private static double Number(IReadOnlyDictionary<string, string> settings, string key, double fallback)
    {
        if (!settings.TryGetValue(key, out string? text))
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new SettingsException($"Setting '{key}' is '{text}', not a number.");
    }

    private static string F(double value) => value.ToString(CultureInfo.InvariantCulture);
}
