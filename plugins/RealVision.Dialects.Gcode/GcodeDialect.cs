using RealVision.Abstractions.Plugins;
using RealVision.Abstractions.Toolpaths;

namespace RealVision.Dialects.Gcode;

/// <summary>
/// Plain-text G-code. The flavour (setting gcode_flavor) selects a template
/// folder under templates/ beside this plugin; moves are written by code.
/// </summary>
public sealed class GcodeDialect : IPrinterDialect
{
    public string Name => "gcode";

    public string Description => "G-code text; flavours are Scriban template folders (shipped: marlin).";

    public string FileExtension => ".gcode";

    public string ContentType => "text/x-gcode";

    /// <summary>Folder holding one subfolder of templates per flavour.</summary>
    public static string TemplateFolder =>
        Path.Combine(Path.GetDirectoryName(typeof(GcodeDialect).Assembly.Location)!, "templates");

    public IToolpathWriter CreateWriter(Stream output, PrintJob job)
    {
        var folders = job.TemplateDirectories.Append(TemplateFolder).ToList();
        var templates = new TemplateSet(job.GetText("gcode_flavor"), folders, job);
        return new GcodeWriter(output, job, templates);
    }
}
