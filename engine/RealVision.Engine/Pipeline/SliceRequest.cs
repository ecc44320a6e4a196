using System.Globalization;
using System.Text.Json;
using RealVision.Abstractions.Errors;

namespace RealVision.Engine.Pipeline;

/// <summary>One slicing job: an input (file or stream), settings, printer and output dialect.</summary>
public sealed class SliceRequest
{
    /// <summary>Input file; alternatively set <see cref="InputStream"/> and <see cref="Format"/>.</summary>
    public string? InputPath { get; init; }

    /// <summary>Input data; read to the end, not closed.</summary>
    public Stream? InputStream { get; init; }

    /// <summary>Input format name ("stl", "rvwj") or extension (".stl"); defaults to the input file's extension.</summary>
    public string? Format { get; init; }

    /// <summary>Name used in messages and the output header; defaults to the input file's name.</summary>
    public string? InputName { get; init; }

    /// <summary>Setting overrides by key, in each setting's unit; they win over the printer profile.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>How messages name where <see cref="Settings"/> came from, such as "--set" or "request".</summary>
    public string SettingsSource { get; init; } = "request";

    /// <summary>Built-in or added printer name or alias; null uses the generic Marlin printer.</summary>
    public string? PrinterName { get; init; }

    /// <summary>A workstation XML file to use instead of a named printer.</summary>
    public string? PrinterConfigPath { get; init; }

    /// <summary>Files sent with the input, by the name models refer to them (a point cloud's FileReference), mapped to their path.</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    /// <summary>Point-cloud grid size [nx, ny, nz], when a point-cloud modifier needs it.</summary>
    public IReadOnlyList<int>? ArrayDimensions { get; init; }

    /// <summary>Preset of the printer (named or from <see cref="PrinterConfigPath"/>); null takes "Recommended" or the first.</summary>
    public string? PresetName { get; init; }

    /// <summary>
    /// Parses settings given as a JSON object of key to number, boolean or string,
    /// such as {"layer_height": 0.1, "outer_wall_first": true}.
    /// </summary>
    public static Dictionary<string, string> SettingsFromJson(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            throw new SettingsException($"Settings JSON is not valid: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SettingsException("Settings JSON must be an object of setting names to values.");
            }

            var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                settings[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.Number => property.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.String => property.Value.GetString()!,
                    _ => throw new SettingsException(
                        $"Setting '{property.Name}' in the settings JSON must be a number, boolean or string, not {property.Value.ValueKind}."),
                };
            }

            return settings;
        }
    }
}

/// <summary>Progress of a slice: a fraction from 0 to 1 and the current stage.</summary>
public readonly record struct SliceProgress(double Fraction, string Stage);
