using System.Globalization;
using System.Text;
using RealVision.Abstractions.Plugins;
using RealVision.Abstractions.Toolpaths;
using RealVision.Geometry;
using Scriban.Runtime;

namespace RealVision.Dialects.Gcode;

/// <summary>
/// Streams G-code: a header of comments, the start block, every layer
/// (`;LAYER:n`, `;TYPE:` per feature, relative extrusion) and the end block.
/// </summary>
internal sealed class GcodeWriter : IToolpathWriter
{
    private static readonly Dictionary<Feature, string> FeatureNames = new()
    {
        [Feature.Skirt] = "SKIRT",
        [Feature.OuterWall] = "WALL-OUTER",
        [Feature.InnerWall] = "WALL-INNER",
        [Feature.Skin] = "SKIN",
        [Feature.Infill] = "FILL",
    };

    private readonly StreamWriter writer;
    private readonly PrintJob job;
    private readonly TemplateSet templates;
    private readonly double filamentPerMm3;
    private readonly double extrusionMultiplier;
    private readonly long zHop;
    private readonly long zSpeedMmPerMin;

    // Retraction blocks depend on settings only, so they are rendered once.
    private readonly string retractBlock;
    private readonly string unretractBlock;
    private double fanSpeed = -1;
    private double nozzleTemperature;
    private Feature? feature;
    private long z;
    private double feedRate = -1;

    public GcodeWriter(Stream output, PrintJob job, TemplateSet templates)
    {
        writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        this.job = job;
        this.templates = templates;
        double radius = job.GetNumber("filament_diameter") / 2;
        filamentPerMm3 = 1 / (Math.PI * radius * radius);
        extrusionMultiplier = job.GetNumber("extrusion_multiplier");
        zHop = (long)Math.Round(job.GetNumber("z_hop") * 1000);
        zSpeedMmPerMin = (long)Math.Round(job.GetNumber("speed_z") * 60);
        nozzleTemperature = job.GetNumber("first_layer_nozzle_temperature");
        retractBlock = templates.Render("retract");
        unretractBlock = templates.Render("unretract");
        WriteHeader();
        WriteBlock(templates.Render("start"));
    }

    public void WriteLayer(LayerToolpath layer)
    {
        writer.Write(";LAYER:");
        writer.WriteLine(layer.Index);
        writer.Write(";Z:");
        GcodeText.WriteMillimetres(writer, layer.Z);
        writer.WriteLine();
        var layerObject = new ScriptObject
        {
            ["index"] = layer.Index,
            ["number"] = layer.Index + 1,
            ["z"] = layer.Z / 1000.0,
            ["height"] = layer.Height / 1000.0,
        };
        WriteBlock(templates.Render("layer_change", layerObject));
        if (layer.NozzleTemperatureC != nozzleTemperature)
        {
            nozzleTemperature = layer.NozzleTemperatureC;
            writer.WriteLine(FormattableString.Invariant($"M104 S{nozzleTemperature:0.#}"));
        }

        if (layer.FanSpeed != fanSpeed)
        {
            fanSpeed = layer.FanSpeed;
            writer.WriteLine(fanSpeed > 0
                ? FormattableString.Invariant($"M106 S{Math.Round(fanSpeed * 255):0}")
                : "M107");
        }

        z = layer.Z;
        feature = null;
        bool firstTravel = true;
        foreach (ToolpathItem item in layer.Items)
        {
            switch (item)
            {
                case Travel travel:
                    WriteTravel(travel, firstTravel);
                    firstTravel = false;
                    break;
                case ExtrusionPath path:
                    WritePath(path);
                    break;
            }
        }
    }

    public void Finish(PrintStatistics statistics)
    {
        writer.WriteLine(";TYPE:END");
        WriteBlock(templates.Render("end"));
        writer.WriteLine(";End of G-code");
        writer.Flush();
    }

    public void Dispose() => writer.Dispose();

    private void WriteHeader()
    {
        PrintStatistics stats = job.Statistics;
        var w = writer;
        w.WriteLine(FormattableString.Invariant($";FLAVOR:{job.GetText("gcode_flavor")}"));
        w.WriteLine(FormattableString.Invariant($";Generated with RealVision Engine {job.EngineVersion}"));
        w.WriteLine(FormattableString.Invariant($";Input: {Sanitize(job.InputName)}"));
        w.WriteLine(FormattableString.Invariant($";Printer: {Sanitize(job.PrinterName)}"));
        w.WriteLine(FormattableString.Invariant($";LAYER_COUNT:{stats.LayerCount}"));
        w.WriteLine(FormattableString.Invariant($";TIME:{Math.Round(stats.EstimatedTimeS):0}"));
        w.WriteLine(FormattableString.Invariant($";Filament used: {stats.FilamentLengthMm / 1000:0.#####}m"));
        w.WriteLine(FormattableString.Invariant($";Filament length mm: {stats.FilamentLengthMm:0.##}"));
        w.WriteLine(FormattableString.Invariant($";Filament weight g: {stats.FilamentWeightG:0.##}"));
        double[] b = stats.ExtrusionBoundsMm;
        w.WriteLine(FormattableString.Invariant($";MINX:{b[0]:0.###}"));
        w.WriteLine(FormattableString.Invariant($";MINY:{b[1]:0.###}"));
        w.WriteLine(FormattableString.Invariant($";MAXX:{b[2]:0.###}"));
        w.WriteLine(FormattableString.Invariant($";MAXY:{b[3]:0.###}"));
        w.WriteLine(";SETTINGS:");
        foreach ((string key, string value) in job.Settings.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            w.WriteLine(FormattableString.Invariant($";  {key} = {Sanitize(value)}"));
        }

        foreach (string warning in stats.Warnings)
        {
            w.WriteLine(FormattableString.Invariant($";WARNING: {Sanitize(warning)}"));
        }
    }

    private void WriteTravel(Travel travel, bool firstOfLayer)
    {
        if (travel.Retract)
        {
            WriteBlock(retractBlock);
            if (zHop > 0)
            {
                WriteZ(z + zHop);
            }
        }

        writer.Write("G0");
        SetFeedRate(travel.SpeedMmPerS);
        writer.Write(" X");
        GcodeText.WriteMillimetres(writer, travel.To.X);
        writer.Write(" Y");
        GcodeText.WriteMillimetres(writer, travel.To.Y);
        if (firstOfLayer && !(travel.Retract && zHop > 0))
        {
            writer.Write(" Z");
            GcodeText.WriteMillimetres(writer, z);
        }

        writer.WriteLine();
        if (travel.Retract)
        {
            if (zHop > 0)
            {
                WriteZ(z);
            }

            WriteBlock(unretractBlock);
        }
    }

    private void WritePath(ExtrusionPath path)
    {
        if (feature != path.Feature)
        {
            feature = path.Feature;
            writer.Write(";TYPE:");
            writer.WriteLine(FeatureNames[path.Feature]);
        }

        double ePerMicrometre = path.CrossSectionMm2 * extrusionMultiplier * filamentPerMm3 / 1000.0;
        Path64 points = path.Points;
        int count = points.Count + (path.Closed ? 1 : 0);
        for (int i = 1; i < count; i++)
        {
            Point64 from = points[i - 1];
            Point64 to = points[i % points.Count];
            writer.Write("G1");
            SetFeedRate(path.SpeedMmPerS);
            writer.Write(" X");
            GcodeText.WriteMillimetres(writer, to.X);
            writer.Write(" Y");
            GcodeText.WriteMillimetres(writer, to.Y);
            writer.Write(" E");
            GcodeText.WriteDecimal(writer, from.DistanceTo(to) * ePerMicrometre);
            writer.WriteLine();
        }
    }

    private void WriteZ(long height)
    {
        writer.Write("G0 Z");
        GcodeText.WriteMillimetres(writer, height);
        writer.Write(" F");
        writer.WriteLine(zSpeedMmPerMin);
    }

    private void SetFeedRate(double speedMmPerS)
    {
        double feed = Math.Round(speedMmPerS * 60);
        if (feed != feedRate)
        {
            feedRate = feed;
            writer.Write(" F");
            writer.Write(feed.ToString("0", CultureInfo.InvariantCulture));
        }
    }

    private void WriteBlock(string text)
    {
        string trimmed = text.TrimEnd('\n', '\r');
        if (trimmed.Length > 0)
        {
            writer.WriteLine(trimmed.ReplaceLineEndings("\n"));
        }

        // A template may set any feed rate, so the next move states its own.
        feedRate = -1;
    }

    // Keeps header comments on one line whatever a file or setting name contains.
    private static string Sanitize(string text) =>
        text.Replace('\r', ' ').Replace('\n', ' ');
}
