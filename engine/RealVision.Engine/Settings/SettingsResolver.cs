using System.Globalization;
using RealVision.Abstractions.Errors;

namespace RealVision.Engine.Settings;

/// <summary>
/// Merges setting layers (defaults, printer profile, preset, request) into one
/// checked set. Later layers win. Unknown keys and out-of-range values are
/// rejected by name; nothing falls back silently.
/// </summary>
public static class SettingsResolver
{
    public static ResolvedSettings Resolve(params (string Source, IReadOnlyDictionary<string, string>? Values)[] layers)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (SettingDefinition definition in SettingsRegistry.All)
        {
            values[definition.Key] = definition.Normalize(definition.Default, "default");
        }

        foreach ((string source, IReadOnlyDictionary<string, string>? layer) in layers)
        {
            if (layer is null)
            {
                continue;
            }

            foreach ((string key, string text) in layer)
            {
                if (!SettingsRegistry.TryGet(key, out SettingDefinition definition))
                {
                    throw new SettingsException(
                        $"Unknown setting '{key}' ({source}); run `realvision settings` for the list of settings.");
                }

                values[definition.Key] = definition.Normalize(text, source);
            }
        }

        var resolved = new ResolvedSettings(values);
        CheckRelations(resolved);
        return resolved;
    }

    private static void CheckRelations(ResolvedSettings settings)
    {
        double nozzle = settings.Number("nozzle_diameter");
        foreach (string key in new[] { "layer_height", "first_layer_height" })
        {
            double height = settings.Number(key);
            if (height > nozzle)
            {
                throw new SettingsException(
                    $"Setting '{key}' is {Format(height)} mm, above nozzle_diameter {Format(nozzle)} mm; a layer cannot be taller than the nozzle. Lower {key} or raise nozzle_diameter.");
            }

            if (height < 0.01)
            {
                throw new SettingsException(
                    $"Setting '{key}' is {Format(height)} mm; layers thinner than 0.01 mm cannot be printed. Use at least 0.01 mm.");
            }
        }

        if (settings.Integer("wall_count") == 0 && settings.Integer("top_layers") == 0
            && settings.Integer("bottom_layers") == 0 && settings.Number("infill_density") == 0)
        {
            throw new SettingsException(
                "Settings wall_count, top_layers, bottom_layers and infill_density are all 0, so nothing would be printed. Set at least one of them.");
        }

        double shoreMin = settings.Number("pointcloud_shore_min");
        double shoreMax = settings.Number("pointcloud_shore_max");
        if (shoreMin >= shoreMax)
        {
            throw new SettingsException(
                $"Setting 'pointcloud_shore_min' ({Format(shoreMin)}) must be below 'pointcloud_shore_max' ({Format(shoreMax)}); the two ends of the shore range cannot be equal.");
        }

        double lineWidth = settings.Number("line_width");
        if (lineWidth < nozzle * 0.5 || lineWidth > nozzle * 3)
        {
            throw new SettingsException(
                $"Setting 'line_width' is {Format(lineWidth)} mm, outside 0.5 to 3 times nozzle_diameter {Format(nozzle)} mm.");
        }
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>A complete, checked set of settings in canonical invariant text.</summary>
public sealed class ResolvedSettings
{
    public ResolvedSettings(IReadOnlyDictionary<string, string> values)
    {
        Values = values;
    }

    public IReadOnlyDictionary<string, string> Values { get; }

    public double Number(string key) => double.Parse(Values[key], CultureInfo.InvariantCulture);

    public int Integer(string key) => (int)Number(key);

    public bool Boolean(string key) => Values[key] == "true";

    public string Text(string key) => Values[key];

    /// <summary>A length setting in mm converted to integer micrometres.</summary>
    public long Micrometres(string key) => (long)Math.Round(Number(key) * 1000.0);
}
