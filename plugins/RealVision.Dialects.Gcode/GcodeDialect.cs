using RealVision.Abstractions.Plugins;
using RealVision.Abstractions.Toolpaths;

namespace RealVision.Dialects.Gcode;

/// <summary>
/// Plain-text G-code. The flavour (setting gcode_flavor) is a folder of
/// Scriban templates with a flavor.json manifest, looked up in the job's
/// template folders and then in templates/ beside this plugin. Moves are
/// written by code.
/// </summary>
public sealed class GcodeDialect : IPrinterDialect
{
    private readonly string templateFolder;

    /// <summary>Uses the templates/ folder beside this plugin's assembly.</summary>
    public GcodeDialect()
        : this(DefaultTemplateFolder)
    {
    }

    /// <summary>Uses <paramref name="templateFolder"/> as the folder of shipped flavours.</summary>
    public GcodeDialect(string templateFolder)
    {
        this.templateFolder = templateFolder;
    }

    public string Name => "gcode";

    public string Description => "G-code text; flavours are Scriban template folders (shipped: marlin, klipper, reprapfirmware).";

    public string FileExtension => ".gcode";

    public string ContentType => "text/x-gcode";

    /// <summary>Folder holding one subfolder of templates per shipped flavour, beside this assembly.</summary>
    public static string DefaultTemplateFolder =>
        Path.Combine(Path.GetDirectoryName(typeof(GcodeDialect).Assembly.Location)!, "templates");

    /// <summary>Folders searched for flavours for <paramref name="job"/>: the job's template folders first, then the shipped ones.</summary>
    public IReadOnlyList<string> SearchFolders(PrintJob job) =>
        job.TemplateDirectories.Append(templateFolder).ToList();

    /// <summary>
    /// Resolves the flavour, parses and renders its templates, and only then
    /// starts writing; a template error throws <see cref="RealVision.Abstractions.Errors.DialectException"/>
    /// with nothing written to <paramref name="output"/>.
    /// </summary>
    public IToolpathWriter CreateWriter(Stream output, PrintJob job)
    {
        var templates = new TemplateSet(job.GetText("gcode_flavor"), SearchFolders(job), job);
        return new GcodeWriter(output, job, templates);
    }
}
