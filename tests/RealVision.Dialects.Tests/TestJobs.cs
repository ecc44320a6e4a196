using System.Globalization;
using RealVision.Abstractions.Toolpaths;
using RealVision.Geometry;

namespace RealVision.Dialects.Tests;

/// <summary>
/// Print jobs and toolpaths for dialect tests, built without the slicing
/// pipeline: a few layers of a 20 mm square wall with a zigzag of infill,
/// and the settings a dialect reads.
/// </summary>
internal static class TestJobs
{
    public const int LayerCount = 4;
    public const double FirstLayerNozzleC = 210;
    public const double NozzleC = 200;
    public const double LayerTimeS = 30;

    /// <summary>The engine's documented defaults for every setting a dialect reads.</summary>
    public static Dictionary<string, string> DefaultSettings() => new(StringComparer.Ordinal)
    {
        ["machine_width"] = "220",
        ["machine_depth"] = "220",
        ["machine_height"] = "250",
        ["nozzle_diameter"] = "0.4",
        ["filament_diameter"] = "1.75",
        ["output_format"] = "gcode",
        ["gcode_flavor"] = "marlin",
        ["layer_height"] = "0.2",
        ["first_layer_height"] = "0.2",
        ["line_width"] = "0.4",
        ["speed_travel"] = "150",
        ["speed_z"] = "10",
        ["acceleration"] = "1000",
        ["extrusion_multiplier"] = "1",
        ["retraction_length"] = "5",
        ["retraction_speed"] = "40",
        ["retraction_min_travel"] = "1.5",
        ["z_hop"] = "0",
        ["nozzle_temperature"] = NozzleC.ToString(CultureInfo.InvariantCulture),
        ["first_layer_nozzle_temperature"] = FirstLayerNozzleC.ToString(CultureInfo.InvariantCulture),
        ["bed_temperature"] = "60",
        ["fan_speed"] = "1",
        ["fan_first_layer"] = "1",
        ["filament_density"] = "1.24",
        ["firmware_retraction"] = "false",
        ["pressure_advance"] = "0",
        ["travel_acceleration"] = "0",
        ["progress_report"] = "true",
        ["start_macro"] = "",
        ["end_macro"] = "",
        ["printer_model"] = "",
        ["filament_type"] = "PLA",
        ["bgcode_compression"] = "deflate",
        ["bgcode_thumbnails"] = "16x16,220x124",
    };

    public static PrintJob Job(string flavour, IReadOnlyList<string>? templateDirectories = null, params (string Key, string Value)[] overrides)
    {
        Dictionary<string, string> settings = DefaultSettings();
        settings["gcode_flavor"] = flavour;
        foreach ((string key, string value) in overrides)
        {
            settings[key] = value;
        }

        IReadOnlyList<LayerToolpath> layers = Layers();
        return new PrintJob
        {
            Settings = settings,
            PrinterName = "Test Printer",
            InputName = "square.stl",
            EngineVersion = "0.1.0-test",
            Statistics = new PrintStatistics
            {
                LayerCount = layers.Count,
                EstimatedTimeS = LayerTimeS * layers.Count,
                FilamentLengthMm = FilamentMm(layers, 1.75),
                ExtrusionBoundsMm = [50, 50, 70, 70],
            },
            TemplateDirectories = templateDirectories ?? [],
        };
    }

    /// <summary>
    /// Layer i (from 0): a retracted travel to (50, 50), a closed 20 mm square
    /// outer wall, an unretracted travel inside, and an infill zigzag. Fan off
    /// on layer 0 and full from layer 1; nozzle 210 °C on layer 0, then 200 °C.
    /// </summary>
    public static IReadOnlyList<LayerToolpath> Layers()
    {
        var layers = new List<LayerToolpath>();
        for (int i = 0; i < LayerCount; i++)
        {
            var wall = new Path64([Mm(50, 50), Mm(70, 50), Mm(70, 70), Mm(50, 70)]);
            var infill = new Path64();
            for (int k = 0; k < 5; k++)
            {
                double y = 52 + 4 * k;
                infill.Add(k % 2 == 0 ? Mm(52, y) : Mm(68, y));
                infill.Add(k % 2 == 0 ? Mm(68, y) : Mm(52, y));
            }

            var items = new List<ToolpathItem>
            {
                new Travel(Mm(50, 50), Retract: true, SpeedMmPerS: 150),
                new ExtrusionPath(Feature.OuterWall, wall, Closed: true, Width: 400, Height: 200, SpeedMmPerS: 30),
                new Travel(infill[0], Retract: false, SpeedMmPerS: 150),
                new ExtrusionPath(Feature.Infill, infill, Closed: false, Width: 400, Height: 200, SpeedMmPerS: 60),
            };
            layers.Add(new LayerToolpath
            {
                Index = i,
                Z = 200 + 200L * i,
                Height = 200,
                Items = items,
                FanSpeed = i == 0 ? 0 : 1,
                NozzleTemperatureC = i == 0 ? FirstLayerNozzleC : NozzleC,
                EstimatedTimeS = LayerTimeS,
            });
        }

        return layers;
    }

    /// <summary>
    /// Filament the layers need, mm: the extruded volume (path length x line
    /// width x layer height) over the filament's cross-section.
    /// </summary>
    public static double FilamentMm(IEnumerable<LayerToolpath> layers, double filamentDiameterMm)
    {
        double volume = 0;
        foreach (ExtrusionPath path in layers.SelectMany(l => l.Items).OfType<ExtrusionPath>())
        {
            double length = 0;
            int segments = path.Closed ? path.Points.Count : path.Points.Count - 1;
            for (int s = 0; s < segments; s++)
            {
                Point64 a = path.Points[s];
                Point64 b = path.Points[(s + 1) % path.Points.Count];
                length += Math.Sqrt(Math.Pow(b.X - a.X, 2) + Math.Pow(b.Y - a.Y, 2)) / 1000.0;
            }

            volume += length * path.Width / 1000.0 * path.Height / 1000.0;
        }

        double radius = filamentDiameterMm / 2;
        return volume / (Math.PI * radius * radius);
    }

    /// <summary>Writes <paramref name="job"/> with <paramref name="layers"/> through a dialect into memory.</summary>
    public static byte[] Write(RealVision.Abstractions.Plugins.IPrinterDialect dialect, PrintJob job, IEnumerable<LayerToolpath>? layers = null)
    {
        using var stream = new MemoryStream();
        using (var writer = dialect.CreateWriter(stream, job))
        {
            foreach (LayerToolpath layer in layers ?? Layers())
            {
                writer.WriteLayer(layer);
            }

            writer.Finish(job.Statistics);
        }

        return stream.ToArray();
    }

    private static Point64 Mm(double x, double y) => new((long)Math.Round(x * 1000), (long)Math.Round(y * 1000));
}
