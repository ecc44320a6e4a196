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
/// Moves are written here; every firmware-specific command comes from the
/// flavour's templates.
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

    // Blocks that depend on settings and totals only are rendered once, before
    // the first byte is written, so a failing template leaves the output empty.
    private readonly string startBlock;
    private readonly string endBlock;
    private readonly string retractBlock;
    private readonly string unretractBlock;
    private double fanSpeed = -1;
    private double nozzleTemperature;
    private double elapsedS;
    private Feature? feature;
    private long z;
    private double feedRate = -1;

    /// <summary>
    /// Renders and checks every template, then writes the header and the
    /// start block. A template error throws before anything is written.
    /// </summary>
    public GcodeWriter(Stream output, PrintJob job, TemplateSet templates)
    {
        this.job = job;
        this.templates = templates;
        double radius = job.GetNumber("filament_diameter") / 2;
        filamentPerMm3 = 1 / (Math.PI * radius * radius);
        extrusionMultiplier = job.GetNumber("extrusion_multiplier");
        zHop = (long)Math.Round(job.GetNumber("z_hop") * 1000);
        zSpeedMmPerMin = (long)Math.Round(job.GetNumber("speed_z") * 60);
        nozzleTemperature = job.GetNumber("first_layer_nozzle_temperature");
        startBlock = templates.Render("start");
        endBlock = templates.Render("end");
        retractBlock = templates.Render("retract");
        unretractBlock = templates.Render("unretract");
        ValidateLayerBlocks();

        writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        WriteHeader();
        WriteBlock(startBlock);
    }

    public void WriteLayer(LayerToolpath layer)
    {
        writer.Write(";LAYER:");
        writer.WriteLine(layer.Index);
        writer.Write(";Z:");
        GcodeText.WriteMillimetres(writer, layer.Z);
        writer.WriteLine();
        ScriptObject layerObject = LayerObject(layer.Index, layer.Z, layer.Height, layer.EstimatedTimeS, elapsedS);
        var locals = new ScriptObject { ["layer"] = layerObject };
        WriteBlock(templates.Render("layer_change", locals));
        if (layer.NozzleTemperatureC != nozzleTemperature)
        {
            nozzleTemperature = layer.NozzleTemperatureC;
            WriteBlock(templates.Render("set_nozzle_temperature", NozzleLocals(layerObject, nozzleTemperature)));
        }

        if (layer.FanSpeed != fanSpeed)
        {
            fanSpeed = layer.FanSpeed;
            WriteBlock(templates.Render("set_fan", FanLocals(layerObject, fanSpeed)));
        }

        elapsedS += layer.EstimatedTimeS;

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
        WriteBlock(endBlock);
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

    // Blank lines carry nothing in G-code; dropping them lets templates put
    // {{ if }} and {{ end }} on lines of their own.
    private void WriteBlock(string text)
    {
        foreach (string line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                writer.WriteLine(line.TrimEnd());
            }
        }

        // A template may set any feed rate, so the next move states its own.
        feedRate = -1;
    }

    /// <summary>
    /// Renders the per-layer blocks for the first and the last layer with
    /// sample values, so errors that do not depend on the data show before
    /// anything is written.
    /// </summary>
    private void ValidateLayerBlocks()
    {
        // NOTE: a template whose error depends on values of a layer in between
        // (say, an if on layer.index) can still fail while writing. The CLI
        // writes to a temporary file, so it keeps no partial output.
        int count = Math.Max(1, job.Statistics.LayerCount);
        long firstHeight = (long)Math.Round(job.GetNumber("first_layer_height") * 1000);
        long height = (long)Math.Round(job.GetNumber("layer_height") * 1000);
        long lastZ = firstHeight + height * (count - 1);
        ScriptObject first = LayerObject(0, firstHeight, firstHeight, 0, 0);
        ScriptObject last = LayerObject(count - 1, lastZ, height, 0, job.Statistics.EstimatedTimeS);
        foreach (ScriptObject layer in new[] { first, last })
        {
            templates.Render("layer_change", new ScriptObject { ["layer"] = layer });
            templates.Render("set_nozzle_temperature", NozzleLocals(layer, job.GetNumber("nozzle_temperature")));
            templates.Render("set_fan", FanLocals(layer, 0));
            templates.Render("set_fan", FanLocals(layer, job.GetNumber("fan_speed")));
        }
    }

    /// <summary>
    /// The <c>layer</c> object of the templates: index, number (from 1), z and
    /// height in mm, count, the layer's estimated time, and progress (0 to 100)
    /// with the remaining time, both from the time estimate before this layer.
    /// </summary>
    private ScriptObject LayerObject(int index, long zMicrometres, long heightMicrometres, double layerTimeS, double elapsedBeforeS)
    {
        double total = job.Statistics.EstimatedTimeS;
        double remaining = Math.Max(0, total - elapsedBeforeS);
        int progress = total > 0 ? (int)Math.Clamp(Math.Floor(100 * elapsedBeforeS / total), 0, 100) : 0;
        return new ScriptObject
        {
            ["index"] = index,
            ["number"] = index + 1,
            ["count"] = job.Statistics.LayerCount,
            ["z"] = zMicrometres / 1000.0,
            ["height"] = heightMicrometres / 1000.0,
            ["time_s"] = Math.Round(layerTimeS, 1),
            ["progress"] = progress,
            ["remaining_s"] = (long)Math.Round(remaining),
            ["remaining_min"] = (long)Math.Ceiling(remaining / 60),
        };
    }

    private static ScriptObject NozzleLocals(ScriptObject layer, double temperature) => new()
    {
        ["layer"] = layer,
        ["nozzle"] = new ScriptObject { ["temperature"] = temperature },
    };

    private static ScriptObject FanLocals(ScriptObject layer, double speed) => new()
    {
        ["layer"] = layer,
        ["fan"] = new ScriptObject
        {
            ["speed"] = speed,
            ["percent"] = (int)Math.Round(speed * 100),
            ["pwm"] = (int)Math.Round(speed * 255),
        },
    };

    // Keeps header comments on one line whatever a file or setting name contains.
    private static string Sanitize(string text) =>
        text.Replace('\r', ' ').Replace('\n', ' ');
}
