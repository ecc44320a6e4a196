using System.Globalization;
using RealVision.Abstractions.Errors;
using RealVision.Abstractions.Toolpaths;
using Scriban;
using Scriban.Runtime;

namespace RealVision.Dialects.Gcode;

/// <summary>
/// The Scriban templates of one G-code flavour: start, end, layer_change,
/// retract and unretract. A file in a user template folder
/// (<c>DIR/FLAVOUR/BLOCK.scriban</c>) replaces the shipped one.
/// </summary>
internal sealed class TemplateSet
{
    public static readonly string[] Blocks = { "start", "end", "layer_change", "retract", "unretract" };

    private readonly Dictionary<string, (Template Template, string Path)> templates = new();
    private readonly ScriptObject globals = new();

    public TemplateSet(string flavour, IEnumerable<string> searchFolders, PrintJob job)
    {
        foreach (string block in Blocks)
        {
            string path = searchFolders
                .Select(folder => Path.Combine(folder, flavour, block + ".scriban"))
                .FirstOrDefault(File.Exists)
                ?? throw new DialectException(
                    $"G-code flavour '{flavour}' has no template '{block}.scriban' in {string.Join(", ", searchFolders.Select(f => Path.Combine(f, flavour)))}; "
                    + "check the gcode_flavor setting.");
            Template template = Template.Parse(File.ReadAllText(path), path);
            if (template.HasErrors)
            {
                var first = template.Messages.First();
                throw new DialectException(
                    $"Template {path}, line {first.Span.Start.Line + 1}, column {first.Span.Start.Column + 1}: {first.Message}");
            }

            templates[block] = (template, path);
        }

        globals["settings"] = SettingsObject(job.Settings);
        globals["printer"] = job.PrinterName;
        globals["input"] = job.InputName;
        globals["engine_version"] = job.EngineVersion;
        var stats = new ScriptObject
        {
            ["layer_count"] = job.Statistics.LayerCount,
            ["time_s"] = Math.Round(job.Statistics.EstimatedTimeS),
            ["filament_mm"] = Math.Round(job.Statistics.FilamentLengthMm, 1),
            ["filament_g"] = Math.Round(job.Statistics.FilamentWeightG, 2),
        };
        globals["stats"] = stats;
    }

    /// <summary>Renders a block with <paramref name="layer"/> bound to `layer` (null outside layers).</summary>
    public string Render(string block, ScriptObject? layer = null)
    {
        (Template template, string path) = templates[block];
        var context = new TemplateContext { StrictVariables = true, MemberRenamer = member => member.Name };
        context.PushCulture(CultureInfo.InvariantCulture);
        context.PushGlobal(globals);
        if (layer is not null)
        {
            var scope = new ScriptObject { ["layer"] = layer };
            context.PushGlobal(scope);
        }

        try
        {
            return template.Render(context);
        }
        catch (Scriban.Syntax.ScriptRuntimeException ex)
        {
            throw new DialectException(
                $"Template {path}, line {ex.Span.Start.Line + 1}, column {ex.Span.Start.Column + 1}: {ex.OriginalMessage}", ex);
        }
    }

    private static ScriptObject SettingsObject(IReadOnlyDictionary<string, string> settings)
    {
        var result = new ScriptObject();
        foreach ((string key, string value) in settings)
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
            {
                result[key] = number;
            }
            else if (bool.TryParse(value, out bool flag))
            {
                result[key] = flag;
            }
            else
            {
                result[key] = value;
            }
        }

        return result;
    }
}
