using System.Xml;
using System.Xml.Linq;
using RealVision.Abstractions.Errors;

namespace RealVision.Engine.Printers;

/// <summary>
/// Reads the printer configuration (workstation) XML described in
/// docs/printer-profiles.md: a Printer element (bed, extruder, flavour) and
/// Preset elements whose attributes map to engine settings, plus generic
/// Setting elements for any other setting.
/// </summary>
public static class WorkstationReader
{
    // (element, attribute) -> setting key; values are already in the setting's unit.
    private static readonly Dictionary<(string, string), string> PresetAttributes = new()
    {
        [("Layer", "height")] = "layer_height",
        [("Layer", "first")] = "first_layer_height",
        [("Temperature", "nozzle")] = "nozzle_temperature",
        [("Temperature", "firstLayerNozzle")] = "first_layer_nozzle_temperature",
        [("Temperature", "bed")] = "bed_temperature",
        [("Width", "line")] = "line_width",
        [("Shell", "perimeters")] = "wall_count",
        [("Shell", "bottomLayers")] = "bottom_layers",
        [("Shell", "topLayers")] = "top_layers",
        [("Infill", "density")] = "infill_density",
        [("Infill", "angle")] = "infill_angle",
        [("Infill", "pattern")] = "infill_pattern",
        [("Speed", "outer")] = "speed_outer_wall",
        [("Speed", "inner")] = "speed_inner_wall",
        [("Speed", "skin")] = "speed_skin",
        [("Speed", "infill")] = "speed_infill",
        [("Speed", "firstLayer")] = "speed_first_layer",
        [("Speed", "travel")] = "speed_travel",
        [("Speed", "z")] = "speed_z",
        [("Retraction", "length")] = "retraction_length",
        [("Retraction", "speed")] = "retraction_speed",
        [("Retraction", "minTravel")] = "retraction_min_travel",
        [("Retraction", "zHop")] = "z_hop",
        [("Motion", "printAccel")] = "acceleration",
        [("Material", "density")] = "filament_density",
    };

    public static PrinterProfile Read(string path, string? presetName = null)
    {
        string fileName = Path.GetFileName(path);
        if (!fileName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
        {
            throw new InputException(ErrorCodes.WrongConfigExtension,
                $"{fileName}: a printer configuration must be an .xml file.");
        }

        if (!File.Exists(path))
        {
            throw new InputException(ErrorCodes.MissingFile, $"{path}: printer configuration file not found.");
        }

        using FileStream stream = File.OpenRead(path);
        return Read(stream, fileName, path, presetName);
    }

    public static PrinterProfile Read(Stream stream, string fileName, string source, string? presetName = null)
    {
        var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            throw new InputException(ErrorCodes.EmptyConfig,
                $"{fileName}: the printer configuration is empty. Give a workstation XML file (see docs/printer-profiles.md) or leave it out to use a built-in printer.");
        }

        buffer.Position = 0;
        XDocument document;
        try
        {
            var readerSettings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(buffer, readerSettings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw InputException.Invalid($"{fileName}: not valid XML at line {ex.LineNumber}, column {ex.LinePosition}: {ex.Message}");
        }

        XElement root = document.Root!;
        XElement printer = root.Name.LocalName == "Printer" ? root : root.Element("Printer")
            ?? throw InputException.Invalid($"{fileName}: no <Printer> element; see docs/printer-profiles.md for the schema.");
        string name = Attribute(printer, "name", fileName);
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        ReadPrinter(printer, settings);

        XElement? preset = SelectPreset(root, presetName, fileName);
        if (preset is not null)
        {
            ReadPreset(preset, settings, fileName);
        }

        return new PrinterProfile
        {
            Name = name,
            Aliases = (printer.Attribute("aliases")?.Value ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Source = source,
            Settings = settings,
            PresetName = preset?.Attribute("name")?.Value,
        };
    }

    private static void ReadPrinter(XElement printer, Dictionary<string, string> settings)
    {
        if (printer.Attribute("flavor") is { } flavor)
        {
            settings["gcode_flavor"] = flavor.Value;
        }

        if (printer.Element("Bed") is { } bed)
        {
            Copy(bed, "x", "machine_width", settings);
            Copy(bed, "y", "machine_depth", settings);
            Copy(bed, "z", "machine_height", settings);
        }

        if (printer.Element("Extruder") is { } extruder)
        {
            Copy(extruder, "nozzle", "nozzle_diameter", settings);
            Copy(extruder, "filament", "filament_diameter", settings);
        }
    }

    private static XElement? SelectPreset(XElement root, string? presetName, string fileName)
    {
        var presets = root.Elements("Preset").ToList();
        if (presetName is null)
        {
            return presets.FirstOrDefault(p => string.Equals(p.Attribute("name")?.Value, "Recommended", StringComparison.OrdinalIgnoreCase))
                ?? presets.FirstOrDefault();
        }

        return presets.FirstOrDefault(p => string.Equals(p.Attribute("name")?.Value, presetName, StringComparison.OrdinalIgnoreCase))
            ?? throw new InputException(ErrorCodes.UnknownPrinter,
                $"{fileName}: no preset named '{presetName}'; presets: {string.Join(", ", presets.Select(p => p.Attribute("name")?.Value))}.");
    }

    private static void ReadPreset(XElement preset, Dictionary<string, string> settings, string fileName)
    {
        foreach (XElement element in preset.Elements())
        {
            if (element.Name.LocalName == "Setting")
            {
                settings[Attribute(element, "key", fileName)] = Attribute(element, "value", fileName);
                continue;
            }

            foreach (XAttribute attribute in element.Attributes())
            {
                string localName = element.Name.LocalName;
                if (localName == "Cooling" && attribute.Name.LocalName == "fanFromLayer")
                {
                    // The file counts layers from 1; the setting counts from 0.
                    settings["fan_first_layer"] = (int.Parse(attribute.Value) - 1).ToString();
                }
                else if (PresetAttributes.TryGetValue((localName, attribute.Name.LocalName), out string? key))
                {
                    settings[key] = attribute.Value;
                }
            }
        }
    }

    private static void Copy(XElement element, string attribute, string key, Dictionary<string, string> settings)
    {
        if (element.Attribute(attribute) is { } value)
        {
            settings[key] = value.Value;
        }
    }

    private static string Attribute(XElement element, string name, string fileName) =>
        element.Attribute(name)?.Value
        ?? throw InputException.Invalid(
            $"{fileName}: <{element.Name.LocalName}> at line {((IXmlLineInfo)element).LineNumber} has no '{name}' attribute.");
}
