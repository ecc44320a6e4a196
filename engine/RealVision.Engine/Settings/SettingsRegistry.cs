using static RealVision.Engine.Settings.SettingType;

namespace RealVision.Engine.Settings;

/// <summary>
/// Every setting the engine reads, with unit, range and default. Defaults
/// match the peer runs in benchmarks/ (CuraEngine 4.13 and PrusaSlicer 2.5 at
/// 0.2 mm layers, 0.4 mm lines, 2 walls, 3 top and bottom layers, 20 % lines infill).
/// </summary>
public static class SettingsRegistry
{
    public static IReadOnlyList<SettingDefinition> All { get; } = new SettingDefinition[]
    {
        // Machine (usually from the printer profile).
        new("machine_width", Number, "mm", "220", "Printable width of the bed along X.", 1, 10000),
        new("machine_depth", Number, "mm", "220", "Printable depth of the bed along Y.", 1, 10000),
        new("machine_height", Number, "mm", "250", "Printable height along Z.", 1, 10000),
        new("nozzle_diameter", Number, "mm", "0.4", "Nozzle bore diameter.", 0.05, 3),
        new("filament_diameter", Number, "mm", "1.75", "Filament diameter.", 0.5, 5),
        new("output_format", Text, "", "gcode", "Output dialect (a loaded dialect plugin's name)."),
        new("gcode_flavor", Text, "", "marlin", "G-code flavour: the template set the G-code dialect uses (shipped: marlin, klipper, reprapfirmware; see docs/dialects.md)."),
        new("firmware_retraction", SettingType.Boolean, "", "false", "Retract with the firmware's G10/G11; the start block sends retraction_length and retraction_speed to the firmware."),
        new("pressure_advance", Number, "s", "0", "Pressure advance (Klipper, RepRapFirmware) or linear advance K (Marlin M900); 0 leaves the firmware's value.", 0, 10),
        new("travel_acceleration", Number, "mm/s²", "0", "Travel acceleration where the firmware separates it (Marlin M204 T, RepRapFirmware); 0 uses acceleration.", 0, 100000),
        new("progress_report", SettingType.Boolean, "", "true", "Write M73 progress (percent, and remaining minutes where supported) at every layer."),
        new("start_macro", Text, "", "", "Klipper flavour: macro called with BED_TEMP and EXTRUDER_TEMP instead of the built-in heating and homing, such as PRINT_START; empty for none."),
        new("end_macro", Text, "", "", "Klipper flavour: macro called instead of the built-in park and cool-down, such as PRINT_END; empty for none."),
        new("bgcode_compression", Text, "", "deflate", "Compression of binary G-code blocks.", AllowedValues: new[] { "deflate", "none" }),
        new("bgcode_thumbnails", Text, "", "16x16,220x124", "PNG thumbnails in binary G-code, as WIDTHxHEIGHT pairs separated by commas (1 to 1024 pixels); empty for none."),
        new("printer_model", Text, "", "", "Printer model in binary G-code metadata (Prusa firmware compares it with its own); empty uses the printer profile's name."),
        new("filament_type", Text, "", "PLA", "Filament type in binary G-code metadata."),

        // Layers and lines.
        new("layer_height", Number, "mm", "0.2", "Height of every layer after the first; at most the nozzle diameter.", 0, 2, MinimumExclusive: true),
        new("first_layer_height", Number, "mm", "0.2", "Height of the first layer; at most the nozzle diameter.", 0, 2, MinimumExclusive: true),
        new("line_width", Number, "mm", "0.4", "Width of every extruded line.", 0, 5, MinimumExclusive: true),

        // Walls and skins.
        new("wall_count", Integer, "", "2", "Number of walls (perimeters).", 0, 100),
        new("outer_wall_first", SettingType.Boolean, "", "false", "Print the outer wall before the inner walls."),
        new("top_layers", Integer, "", "3", "Solid layers under every top surface.", 0, 1000),
        new("bottom_layers", Integer, "", "3", "Solid layers over every bottom surface.", 0, 1000),
        new("skin_angle", Number, "deg", "45", "Direction of skin lines on even layers; odd layers turn 90 degrees.", -360, 360),

        // Infill.
        new("infill_density", Number, "fraction", "0.2", "Sparse infill density, 0 (none) to 1 (solid).", 0, 1),
        new("infill_pattern", Text, "", "lines", "Infill pattern (a loaded infill plugin's name)."),
        new("infill_angle", Number, "deg", "45", "Infill direction on even layers; patterns decide how it turns.", -360, 360),

        // Skirt.
        new("skirt_loops", Integer, "", "1", "Loops of skirt around the first layer; 0 turns the skirt off.", 0, 100),
        new("skirt_distance", Number, "mm", "3", "Gap between the skirt and the first layer's outline.", 0, 1000),

        // Speeds and motion.
        new("speed_outer_wall", Number, "mm/s", "30", "Outer wall speed.", 0, 1000, MinimumExclusive: true),
        new("speed_inner_wall", Number, "mm/s", "50", "Inner wall speed.", 0, 1000, MinimumExclusive: true),
        new("speed_skin", Number, "mm/s", "40", "Top and bottom skin speed.", 0, 1000, MinimumExclusive: true),
        new("speed_infill", Number, "mm/s", "60", "Sparse infill speed.", 0, 1000, MinimumExclusive: true),
        new("speed_first_layer", Number, "mm/s", "20", "Speed of every extrusion on the first layer.", 0, 1000, MinimumExclusive: true),
        new("speed_travel", Number, "mm/s", "150", "Travel speed.", 0, 2000, MinimumExclusive: true),
        new("speed_z", Number, "mm/s", "10", "Speed of Z moves between layers.", 0, 1000, MinimumExclusive: true),
        new("acceleration", Number, "mm/s²", "1000", "Acceleration used for the print-time estimate and M204.", 0, 100000, MinimumExclusive: true),

        // Extrusion and retraction.
        new("extrusion_multiplier", Number, "factor", "1", "Scales every extrusion amount.", 0, 3, MinimumExclusive: true),
        new("retraction_length", Number, "mm", "5", "Filament pulled back before a long travel; 0 turns retraction off.", 0, 50),
        new("retraction_speed", Number, "mm/s", "40", "Retraction and prime speed.", 0, 500, MinimumExclusive: true),
        new("retraction_min_travel", Number, "mm", "1.5", "Travels shorter than this are not retracted.", 0, 1000),
        new("z_hop", Number, "mm", "0", "Lift of the nozzle during retracted travels.", 0, 50),

        // Temperatures and cooling.
        new("nozzle_temperature", Number, "°C", "200", "Nozzle temperature.", 0, 450),
        new("first_layer_nozzle_temperature", Number, "°C", "200", "Nozzle temperature on the first layer.", 0, 450),
        new("bed_temperature", Number, "°C", "60", "Bed temperature; 0 leaves the bed unheated.", 0, 200),
        new("fan_speed", Number, "fraction", "1", "Part-cooling fan speed from fan_first_layer on.", 0, 1),
        new("fan_first_layer", Integer, "layer", "1", "Zero-based index of the first layer with the fan on.", 0, 100000),

        // Material.
        new("filament_density", Number, "g/cm³", "1.24", "Filament density (PLA 1.24) for the weight estimate.", 0, 25, MinimumExclusive: true),

        // Point-cloud modifiers: shore (hardness) values mapped linearly to infill density.
        new("pointcloud_shore_min", Number, "Shore A", "0", "Shore value mapped to pointcloud_density_min; lower values are clamped.", 0, 1000),
        new("pointcloud_shore_max", Number, "Shore A", "100", "Shore value mapped to pointcloud_density_max; higher values are clamped.", 0, 1000),
        new("pointcloud_density_min", Number, "fraction", "0", "Infill density at pointcloud_shore_min.", 0, 1),
        new("pointcloud_density_max", Number, "fraction", "1", "Infill density at pointcloud_shore_max.", 0, 1),
        new("pointcloud_density_step", Number, "fraction", "0.05", "Densities from a point cloud are rounded to multiples of this step.", 0, 1, MinimumExclusive: true),
        new("pointcloud_axis_order", Text, "", "xyz", "Order of the values in a point-cloud file: xyz (X fastest, Z slowest) or zyx (Z fastest).", AllowedValues: new[] { "xyz", "zyx" }),
        new("opencl", Text, "", "auto", "Shore lookups on an OpenCL device: auto (when one exists), on (required) or off.", AllowedValues: new[] { "auto", "on", "off" }),

        // Placement.
        new("center_model", SettingType.Boolean, "", "true", "Centre models without absolute placement (STL) on the bed and drop them to z = 0."),
    };

    private static readonly Dictionary<string, SettingDefinition> ByKey =
        All.ToDictionary(d => d.Key, StringComparer.OrdinalIgnoreCase);

    public static bool TryGet(string key, out SettingDefinition definition) =>
        ByKey.TryGetValue(key, out definition!);
}
