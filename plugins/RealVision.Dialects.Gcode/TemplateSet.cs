using System.Globalization;
using System.Text.RegularExpressions;
using RealVision.Abstractions.Errors;
using RealVision.Abstractions.Toolpaths;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace RealVision.Dialects.Gcode;

/// <summary>
/// The parsed Scriban templates of one G-code flavour, one per block of
/// <see cref="FlavourCatalog.Blocks"/>. Templates see <c>settings</c> (every
/// setting by key), <c>printer</c>, <c>input</c>, <c>engine_version</c>,
/// <c>stats</c> and <c>flavour</c>; blocks rendered for a layer also see
/// <c>layer</c>, and <c>set_fan</c> and <c>set_nozzle_temperature</c> see
/// <c>fan</c> and <c>nozzle</c>.
/// </summary>
internal sealed partial class TemplateSet
{
    private readonly Dictionary<string, (Template Template, string Path)> templates = new(StringComparer.Ordinal);
    private readonly ScriptObject globals = new();

    // One context for all renders of a file: building one per render cost
    // about a third of writing a small model's G-code.
    private TemplateContext? context;

    /// <summary>Finds the flavour in <paramref name="searchFolders"/> and parses every block's template.</summary>
    /// <exception cref="DialectException">The flavour is missing or invalid, or a template has a syntax error (the message gives file, line and column).</exception>
    public TemplateSet(string flavour, IEnumerable<string> searchFolders, PrintJob job)
    {
        Flavour = new FlavourCatalog(searchFolders).Resolve(flavour);
        foreach ((string block, string path) in Flavour.BlockFiles)
        {
            Template template = Template.Parse(File.ReadAllText(path), path);
            if (template.HasErrors)
            {
                var first = template.Messages.First();
                throw new DialectException(
                    $"Template {path}, line {first.Span.Start.Line + 1}, column {first.Span.Start.Column + 1}: {first.Message}");
            }

            templates[block] = (template, path);
        }

        globals["settings"] = SettingsObject(GcodeSettingDefaults.Complete(job.Settings));
        globals["printer"] = job.PrinterName;
        globals["input"] = job.InputName;
        globals["engine_version"] = job.EngineVersion;
        globals["flavour"] = new ScriptObject
        {
            ["name"] = Flavour.Name,
            ["version"] = Flavour.Manifest?.Version ?? "",
        };
        globals["stats"] = new ScriptObject
        {
            ["layer_count"] = job.Statistics.LayerCount,
            ["time_s"] = Math.Round(job.Statistics.EstimatedTimeS),
            ["filament_mm"] = Math.Round(job.Statistics.FilamentLengthMm, 1),
            ["filament_g"] = Math.Round(job.Statistics.FilamentWeightG, 2),
        };
    }

    public ResolvedFlavour Flavour { get; }

    /// <summary>
    /// Renders <paramref name="block"/>; the members of <paramref name="locals"/>
    /// (such as <c>layer</c>) are visible as variables.
    /// </summary>
    /// <exception cref="DialectException">The template failed at run time; the message gives file, line and column.</exception>
    public string Render(string block, ScriptObject? locals = null)
    {
        (Template template, string path) = templates[block];

        TemplateContext shared = context ??= CreateContext();
        if (locals is not null)
        {
            shared.PushGlobal(locals);
        }

        string text;
        try
        {
            text = template.Render(shared);
        }
        catch (ScriptRuntimeException ex)
        {
            throw new DialectException(
                $"Template {path}, line {ex.Span.Start.Line + 1}, column {ex.Span.Start.Column + 1}: {ex.OriginalMessage}", ex);
        }
        catch (Exception ex) when (ex is not DialectException and not OperationCanceledException)
        {
            // Scriban reports its own errors as ScriptRuntimeException; anything
            // else escaped from .NET code it called and carries no position.
            throw new DialectException($"Template {path}: rendering failed: {ex.Message}", ex);
        }
        finally
        {
            if (locals is not null)
            {
                shared.PopGlobal();
            }
        }

        CheckFiniteNumbers(text, path);
        return text;
    }

    private TemplateContext CreateContext()
    {
        // Missing variables and members are errors, so a mistyped setting
        // name fails instead of printing nothing.
        var created = new TemplateContext(new LazyBuiltins())
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            MemberRenamer = member => member.Name,
        };
        created.PushCulture(CultureInfo.InvariantCulture);
        created.PushGlobal(globals);
        return created;
    }

    // Scriban divides by zero without an error and prints "Infinity" or
    // "NaN", which no firmware reads as a number. The match may follow a
    // G-code word letter (as in "PInfinity") but not a lower-case letter.
    private static void CheckFiniteNumbers(string text, string path)
    {
        Match match = NonFiniteNumber().Match(text);
        if (match.Success)
        {
            int line = text.AsSpan(0, match.Index).Count('\n') + 1;
            throw new DialectException(
                $"Template {path} wrote the non-finite number '{match.Value}' on line {line} of its output; check for a division by zero.");
        }
    }

    [GeneratedRegex("(?<![a-z])-?(Infinity|NaN)(?![a-z])")]
    private static partial Regex NonFiniteNumber();

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
