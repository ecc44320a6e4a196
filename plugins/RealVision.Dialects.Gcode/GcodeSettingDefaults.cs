namespace RealVision.Dialects.Gcode;

/// <summary>
/// Defaults of the settings that the shipped flavours and the binary G-code
/// dialect read beyond the engine's original set. The engine's settings
/// registry is the authority for them. These values only fill in keys that a
/// host's job does not carry, so templates never fail on a missing setting.
/// </summary>
public static class GcodeSettingDefaults
{
    /// <summary>Key and default value, as the invariant-culture text a <c>PrintJob</c> carries.</summary>
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["firmware_retraction"] = "false",
        ["pressure_advance"] = "0",
        ["travel_acceleration"] = "0",
        ["progress_report"] = "true",
        ["start_macro"] = "",
        ["end_macro"] = "",
        ["printer_model"] = "",
        ["filament_type"] = "PLA",
        ["bgcode_compression"] = "deflate",
        ["bgcode_thumbnails"] = "16x16,220x124",
    };

    /// <summary>Returns <paramref name="settings"/> with every key of <see cref="Values"/> that it lacks added.</summary>
    public static IReadOnlyDictionary<string, string> Complete(IReadOnlyDictionary<string, string> settings)
    {
        if (Values.Keys.All(settings.ContainsKey))
        {
            return settings;
        }

        var completed = new Dictionary<string, string>(settings, StringComparer.Ordinal);
        foreach ((string key, string value) in Values)
        {
            completed.TryAdd(key, value);
        }

        return completed;
    }
}
