using System.Globalization;
using RealVision.Abstractions.Plugins;
using RealVision.Abstractions.Toolpaths;
using RealVision.Dialects.Gcode;

namespace RealVision.Dialects.Bgcode;

/// <summary>
/// Runs the G-code dialect into G-code blocks spooled in a temporary file,
/// draws the thumbnails as the layers pass, and at <see cref="Finish"/> writes
/// the file: header, file metadata, printer metadata, thumbnails, print
/// metadata, slicer metadata, then the spooled G-code blocks. Nothing reaches
/// the output before <see cref="Finish"/>.
/// </summary>
internal sealed class BgcodeWriter : IToolpathWriter
{
    private readonly Stream output;
    private readonly PrintJob job;
    private readonly IReadOnlyDictionary<string, string> settings;
    private readonly BgcodeOptions options;
    private readonly FileStream spool;
    private readonly GcodeBlockStream blocks;
    private readonly IToolpathWriter gcode;
    private readonly List<ThumbnailRenderer> thumbnails;
    private long maxLayerZ;

    public BgcodeWriter(Stream output, PrintJob job, GcodeDialect gcodeDialect, BgcodeOptions options)
    {
        this.output = output;
        this.job = job;
        this.options = options;
        settings = GcodeSettingDefaults.Complete(job.Settings);
        string spoolPath = Path.Combine(Path.GetTempPath(), $"realvision-{Guid.NewGuid():N}.bgcode-blocks");
        spool = new FileStream(spoolPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        blocks = new GcodeBlockStream(spool, options.Compression);
        try
        {
            gcode = gcodeDialect.CreateWriter(blocks, job);
        }
        catch
        {
            spool.Dispose();
            throw;
        }

        double[] bounds = job.Statistics.ExtrusionBoundsMm;
        if (bounds.Length < 4 || bounds[2] <= bounds[0] || bounds[3] <= bounds[1])
        {
            bounds = [0, 0, Number("machine_width"), Number("machine_depth")];
        }

        thumbnails = options.Thumbnails.Select(size => new ThumbnailRenderer(size.Width, size.Height, bounds)).ToList();
    }

    public void WriteLayer(LayerToolpath layer)
    {
        gcode.WriteLayer(layer);
        foreach (ThumbnailRenderer thumbnail in thumbnails)
        {
            thumbnail.Draw(layer);
        }

        maxLayerZ = Math.Max(maxLayerZ, layer.Z);
    }

    public void Finish(PrintStatistics statistics)
    {
        gcode.Finish(statistics);
        blocks.Complete();

        BgcodeFormat.WriteFileHeader(output);
        BgcodeFormat.WriteMetadataBlock(output, BgcodeBlockType.FileMetadata, BgcodeCompression.None,
            [new("Producer", $"RealVision Engine {job.EngineVersion}")]);
        BgcodeFormat.WriteMetadataBlock(output, BgcodeBlockType.PrinterMetadata, BgcodeCompression.None, PrinterMetadata(statistics));
        foreach (ThumbnailRenderer thumbnail in thumbnails)
        {
            BgcodeFormat.WriteBlock(output, BgcodeBlockType.Thumbnail, BgcodeCompression.None,
                BgcodeFormat.ThumbnailParameters(BgcodeFormat.ThumbnailPng, thumbnail.Width, thumbnail.Height),
                thumbnail.EncodePng());
        }

        BgcodeFormat.WriteMetadataBlock(output, BgcodeBlockType.PrintMetadata, BgcodeCompression.None, PrintMetadata(statistics));
        BgcodeFormat.WriteMetadataBlock(output, BgcodeBlockType.SlicerMetadata, options.Compression,
            settings.OrderBy(s => s.Key, StringComparer.Ordinal));

        spool.Position = 0;
        spool.CopyTo(output);
        output.Flush();
    }

    public void Dispose()
    {
        gcode.Dispose();
        spool.Dispose();
    }

    /// <summary>
    /// Printer metadata with the keys and formats PrusaSlicer writes (printer
    /// model, filament type, nozzle, temperatures, totals).
    /// </summary>
    private List<KeyValuePair<string, string>> PrinterMetadata(PrintStatistics statistics)
    {
        string model = settings["printer_model"].Trim();
        var entries = new List<KeyValuePair<string, string>>
        {
            new("printer_model", model.Length > 0 ? model : job.PrinterName),
            new("filament_type", settings["filament_type"]),
            new("nozzle_diameter", Text("nozzle_diameter")),
            new("bed_temperature", Text("bed_temperature")),
        };
        if (settings.TryGetValue("infill_density", out string? density)
            && double.TryParse(density, NumberStyles.Float, CultureInfo.InvariantCulture, out double fraction))
        {
            entries.Add(new("fill_density", Invariant($"{fraction * 100:0.##}%")));
        }

        entries.Add(new("layer_height", Text("layer_height")));
        entries.Add(new("temperature", Text("nozzle_temperature")));
        entries.Add(new("max_layer_z", Invariant($"{maxLayerZ / 1000.0:0.###}")));
        entries.AddRange(Totals(statistics));
        return entries;
    }

    private static List<KeyValuePair<string, string>> PrintMetadata(PrintStatistics statistics) => Totals(statistics);

    private static List<KeyValuePair<string, string>> Totals(PrintStatistics statistics) =>
    [
        new("filament used [mm]", Invariant($"{statistics.FilamentLengthMm:0.00}")),
        new("filament used [cm3]", Invariant($"{statistics.FilamentVolumeMm3 / 1000:0.00}")),
        new("filament used [g]", Invariant($"{statistics.FilamentWeightG:0.00}")),
        new("estimated printing time (normal mode)", Duration(statistics.EstimatedTimeS)),
    ];

    /// <summary>Formats seconds as PrusaSlicer does in metadata: "1d 2h 3m 4s", leading zero units left out.</summary>
    internal static string Duration(double seconds)
    {
        long total = (long)Math.Round(Math.Max(0, seconds));
        long days = total / 86400;
        long hours = total % 86400 / 3600;
        long minutes = total % 3600 / 60;
        long rest = total % 60;
        if (days > 0)
        {
            return Invariant($"{days}d {hours}h {minutes}m {rest}s");
        }

        if (hours > 0)
        {
            return Invariant($"{hours}h {minutes}m {rest}s");
        }

        return minutes > 0 ? Invariant($"{minutes}m {rest}s") : Invariant($"{rest}s");
    }

    private string Text(string key) => settings.TryGetValue(key, out string? value) ? value : "";

    private double Number(string key) =>
        double.TryParse(Text(key), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : 0;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
