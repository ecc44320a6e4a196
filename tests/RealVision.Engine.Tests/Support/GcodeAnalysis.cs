using System.Globalization;

namespace RealVision.Engine.Tests.Support;

/// <summary>An extruding move read back from G-code: from, to (mm) and filament pushed (mm).</summary>
public readonly record struct Extrusion(int Layer, string Feature, double X0, double Y0, double X1, double Y1, double FilamentMm, double Z);

/// <summary>
/// An independent reader of the G-code the engine writes: it follows G0/G1
/// positions, G90/G91, M82/M83 and G92, and collects every move that
/// extrudes while X or Y changes. Moves that only change E (retractions and
/// primes) are not extrusions.
/// </summary>
public sealed class GcodeAnalysis
{
    public List<Extrusion> Extrusions { get; } = new();

    public int LayerMarkers { get; private set; }

    public HashSet<string> Commands { get; } = new();

    public Dictionary<string, string> Header { get; } = new();

    public static GcodeAnalysis Read(string path) => Parse(File.ReadLines(path));

    public static GcodeAnalysis Parse(IEnumerable<string> lines)
    {
        var analysis = new GcodeAnalysis();
        double x = 0, y = 0, z = 0, e = 0;
        bool absolute = true, relativeE = false;
        int layer = -1;
        string feature = "";
        foreach (string raw in lines)
        {
            string line = raw.Trim();
            if (line.StartsWith(";LAYER:", StringComparison.Ordinal))
            {
                layer = int.Parse(line[7..], CultureInfo.InvariantCulture);
                analysis.LayerMarkers++;
                continue;
            }

            if (line.StartsWith(";TYPE:", StringComparison.Ordinal))
            {
                feature = line[6..];
                continue;
            }

            if (line.StartsWith(';') && line.Contains(':') && layer < 0)
            {
                int colon = line.IndexOf(':');
                analysis.Header.TryAdd(line[1..colon], line[(colon + 1)..].Trim());
            }

            int comment = line.IndexOf(';');
            string code = comment >= 0 ? line[..comment].Trim() : line;
            if (code.Length == 0)
            {
                continue;
            }

            string[] words = code.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            analysis.Commands.Add(words[0]);
            switch (words[0])
            {
                case "G90": absolute = true; break;
                case "G91": absolute = false; break;
                case "M82": relativeE = false; break;
                case "M83": relativeE = true; break;
                case "G92": e = Value(words, 'E') ?? e; break;
                case "G0" or "G1":
                    double nx = Axis(words, 'X', x, absolute);
                    double ny = Axis(words, 'Y', y, absolute);
                    double nz = Axis(words, 'Z', z, absolute);
                    double? ev = Value(words, 'E');
                    double de = ev is null ? 0 : relativeE ? ev.Value : ev.Value - e;
                    if (ev is not null)
                    {
                        e = relativeE ? e + ev.Value : ev.Value;
                    }

                    if (de > 0 && (nx != x || ny != y))
                    {
                        analysis.Extrusions.Add(new Extrusion(layer, feature, x, y, nx, ny, de, nz));
                    }

                    (x, y, z) = (nx, ny, nz);
                    break;
            }
        }

        return analysis;
    }

    /// <summary>Extruded volume in mm³ of the moves whose feature passes <paramref name="include"/>.</summary>
    public double VolumeMm3(double filamentDiameterMm, Func<string, bool>? include = null)
    {
        double area = Math.PI * filamentDiameterMm * filamentDiameterMm / 4;
        return Extrusions.Where(m => include?.Invoke(m.Feature) ?? true).Sum(m => m.FilamentMm) * area;
    }

    public int LayersWithExtrusion => Extrusions.Select(m => m.Layer).Distinct().Count();

    private static double Axis(string[] words, char letter, double current, bool absolute)
    {
        double? value = Value(words, letter);
        return value is null ? current : absolute ? value.Value : current + value.Value;
    }

    private static double? Value(string[] words, char letter)
    {
        foreach (string word in words)
        {
            if (word[0] == letter)
            {
                return double.Parse(word[1..], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
