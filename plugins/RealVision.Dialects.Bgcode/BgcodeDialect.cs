using RealVision.Abstractions.Plugins;
using RealVision.Abstractions.Toolpaths;
using RealVision.Dialects.Gcode;

namespace RealVision.Dialects.Bgcode;

/// <summary>
/// Prusa's binary G-code (.bgcode, version 1): the G-code dialect's text for
/// the same job, cut into CRC32-checked G-code blocks (deflate or no
/// compression, setting bgcode_compression), with file, printer, print and
/// slicer metadata and PNG thumbnails (setting bgcode_thumbnails). Converting
/// the file back to text gives the G-code the gcode dialect writes.
/// </summary>
public sealed class BgcodeDialect : IPrinterDialect
{
    private readonly GcodeDialect gcode;

    /// <summary>Uses the G-code templates copied beside this plugin.</summary>
    public BgcodeDialect()
        : this(new GcodeDialect())
    {
    }

    public BgcodeDialect(GcodeDialect gcode)
    {
        this.gcode = gcode;
    }

    public string Name => "bgcode";

    public string Description => "Binary G-code (Prusa .bgcode v1): G-code blocks with CRC32, deflate, metadata and PNG thumbnails.";

    public string FileExtension => ".bgcode";

    public string ContentType => "application/octet-stream";

    /// <summary>
    /// Checks the bgcode settings and the G-code templates; both throw
    /// <see cref="RealVision.Abstractions.Errors.DialectException"/> before
    /// anything is written to <paramref name="output"/>.
    /// </summary>
    public IToolpathWriter CreateWriter(Stream output, PrintJob job)
    {
        BgcodeOptions options = BgcodeOptions.From(job.Settings);
        return new BgcodeWriter(output, job, gcode, options);
    }
}
