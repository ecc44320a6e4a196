using System.Globalization;

namespace RealVision.Dialects.Tests;

/// <summary>
/// An independent reader of G-code text for the dialect tests. It follows
/// G90/G91, M82/M83 and G92, counts `;LAYER:` markers and sums the filament
/// of moves that extrude while X or Y changes. It records every command as
/// the first word of its line, upper-cased (G1, M104, or an extended command
/// such as SET_PRESSURE_ADVANCE).
/// </summary>
internal sealed class GcodeCheck
{
    public int Layers { get; private set; }

    /// <summary>Filament extruded on each layer, mm, by layer marker.</summary>
    public Dictionary<int, double> ExtrusionByLayer { get; } = new();

    /// <summary>Z of every extruding move, by layer marker.</summary>
    public Dictionary<int, HashSet<double>> ExtrusionZ { get; } = new();

    /// <summary>Every line with a command, comments removed, in order.</summary>
    public List<string> CommandLines { get; } = new();

    public HashSet<string> Commands { get; } = new(StringComparer.Ordinal);

    /// <summary>Moves that only pull filament back (negative E without X or Y).</summary>
    public int EOnlyRetractions { get; private set; }

    public double TotalExtrusion => ExtrusionByLayer.Values.Sum();

    public static GcodeCheck Parse(string text)
    {
        var check = new GcodeCheck();
        double x = 0, y = 0, z = 0, e = 0;
        bool absolute = true;
        bool relativeE = false;
        int layer = -1;
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.StartsWith(";LAYER:", StringComparison.Ordinal))
            {
                layer = int.Parse(line[7..], CultureInfo.InvariantCulture);
                check.Layers++;
                continue;
            }

            int comment = line.IndexOf(';');
            string code = (comment >= 0 ? line[..comment] : line).Trim();
            if (code.Length == 0)
            {
                continue;
            }

            check.CommandLines.Add(code);
            string[] words = code.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string command = words[0].ToUpperInvariant();
            check.Commands.Add(command);
            switch (command)
            {
                case "G90":
                    absolute = true;
                    break;
                case "G91":
                    absolute = false;
                    break;
                case "M82":
                    relativeE = false;
                    break;
                case "M83":
                    relativeE = true;
                    break;
                case "G92":
                    if (Word(words, 'E') is double reset)
                    {
                        e = reset;
                    }

                    break;
                case "G0" or "G1":
                    double toX = Target(Word(words, 'X'), x, absolute);
                    double toY = Target(Word(words, 'Y'), y, absolute);
                    double toZ = Target(Word(words, 'Z'), z, absolute);
                    double? ne = Word(words, 'E');
                    double de = 0;
                    if (ne is not null)
                    {
                        de = relativeE ? ne.Value : ne.Value - e;
                    }

                    bool moved = toX != x || toY != y;
                    if (de > 0 && moved && layer >= 0)
                    {
                        check.ExtrusionByLayer[layer] = check.ExtrusionByLayer.GetValueOrDefault(layer) + de;
                        if (!check.ExtrusionZ.TryGetValue(layer, out HashSet<double>? zs))
                        {
                            check.ExtrusionZ[layer] = zs = new HashSet<double>();
                        }

                        zs.Add(Math.Round(toZ, 3));
                    }

                    if (de < 0 && !moved)
                    {
                        check.EOnlyRetractions++;
                    }

                    x = toX;
                    y = toY;
                    z = toZ;
                    if (ne is not null)
                    {
                        e = relativeE ? e + ne.Value : ne.Value;
                    }

                    break;
            }
        }

        return check;
    }

    /// <summary>Lines whose command is <paramref name="command"/>.</summary>
    public IEnumerable<string> Lines(string command) =>
        CommandLines.Where(l => l.Split(' ')[0].Equals(command, StringComparison.OrdinalIgnoreCase));

    // An axis word moves to its value (G90) or by it (G91); a missing word keeps the axis.
    private static double Target(double? word, double current, bool absolute)
    {
        if (word is null)
        {
            return current;
        }

        return absolute ? word.Value : current + word.Value;
    }

    private static double? Word(string[] words, char letter)
    {
        foreach (string word in words.Skip(1))
        {
            if (word.Length > 1 && char.ToUpperInvariant(word[0]) == letter
                && double.TryParse(word[1..], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                return value;
            }
        }

        return null;
    }
}

/// <summary>
/// Commands each firmware documents, for checking that a flavour writes
/// nothing else. Marlin: marlinfw.org G-code index (2.1); Klipper: its
/// G-Codes document, with the commands of the firmware_retraction,
/// display_status, print_stats, heaters and pressure advance modules;
/// RepRapFirmware 3: the Duet3D G-code dictionary.
/// </summary>
internal static class FirmwareCommands
{
    public static readonly IReadOnlySet<string> Marlin = new HashSet<string>(StringComparer.Ordinal)
    {
        "G0", "G1", "G2", "G3", "G4", "G10", "G11", "G28", "G29", "G90", "G91", "G92",
        "M17", "M18", "M73", "M82", "M83", "M84", "M104", "M105", "M106", "M107", "M109", "M114",
        "M117", "M140", "M190", "M201", "M203", "M204", "M205", "M207", "M208", "M209", "M220",
        "M221", "M400", "M900",
    };

    public static readonly IReadOnlySet<string> Klipper = new HashSet<string>(StringComparer.Ordinal)
    {
        "G0", "G1", "G4", "G10", "G11", "G28", "G90", "G91", "G92",
        "M18", "M73", "M82", "M83", "M84", "M104", "M105", "M106", "M107", "M109", "M112", "M114",
        "M115", "M117", "M140", "M190", "M204", "M220", "M221", "M400",
        "SET_PRESSURE_ADVANCE", "SET_VELOCITY_LIMIT", "TEMPERATURE_WAIT", "SET_RETRACTION",
        "SET_PRINT_STATS_INFO", "SET_HEATER_TEMPERATURE", "TURN_OFF_HEATERS", "SET_FAN_SPEED",
    };

    public static readonly IReadOnlySet<string> RepRapFirmware = new HashSet<string>(StringComparer.Ordinal)
    {
        "G0", "G1", "G2", "G3", "G4", "G10", "G11", "G28", "G29", "G90", "G91", "G92",
        "M18", "M73", "M82", "M83", "M84", "M98", "M104", "M106", "M107", "M109", "M116", "M117",
        "M140", "M190", "M204", "M207", "M220", "M221", "M400", "M568", "M572", "T0", "T-1",
    };

    public static IReadOnlySet<string> For(string flavour) => flavour switch
    {
        "marlin" => Marlin,
        "klipper" => Klipper,
        "reprapfirmware" => RepRapFirmware,
        _ => throw new ArgumentException($"no command list for flavour '{flavour}'", nameof(flavour)),
    };
}
