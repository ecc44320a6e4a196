using System.Globalization;

namespace RealVision.Cli.Preview;

/// <summary>One straight move of a layer, in millimetres, with its feature (`;TYPE:` value) or "TRAVEL".</summary>
internal readonly record struct PreviewMove(double X0, double Y0, double X1, double Y1, string Feature);

/// <summary>Reads the moves of one layer (`;LAYER:n` to the next marker) from a G-code file.</summary>
internal static class GcodeLayer
{
    public static List<PreviewMove> Read(string path, int layerIndex, out int layerCount)
    {
        var moves = new List<PreviewMove>();
        double x = 0, y = 0;
        bool relativeExtrusion = false, absolute = true;
        double lastE = 0;
        string feature = "";
        int currentLayer = -1;
        layerCount = 0;
        foreach (string rawLine in File.ReadLines(path))
        {
            string line = rawLine.Trim();
            if (line.StartsWith(";LAYER:", StringComparison.Ordinal))
            {
                currentLayer = int.TryParse(line.AsSpan(7), NumberStyles.Integer, CultureInfo.InvariantCulture, out int layer) ? layer : -1;
                layerCount = Math.Max(layerCount, currentLayer + 1);
                continue;
            }

            if (line.StartsWith(";TYPE:", StringComparison.Ordinal))
            {
                feature = line[6..];
                continue;
            }

            int comment = line.IndexOf(';');
            string code = comment >= 0 ? line[..comment] : line;
            string[] words = code.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            switch (words[0])
            {
                case "M82": relativeExtrusion = false; continue;
                case "M83": relativeExtrusion = true; continue;
                case "G90": absolute = true; continue;
                case "G91": absolute = false; continue;
                case "G92":
                    lastE = Word(words, 'E') ?? lastE;
                    continue;
                case "G0" or "G1":
                    break;
                default:
                    continue;
            }

            double? newX = Word(words, 'X');
            double? newY = Word(words, 'Y');
            double? e = Word(words, 'E');
            double nx = Axis(newX, x, absolute);
            double ny = Axis(newY, y, absolute);
            bool extruding = e is not null && (relativeExtrusion ? e.Value > 0 : e.Value > lastE);
            if (e is not null && !relativeExtrusion)
            {
                lastE = e.Value;
            }

            if (currentLayer == layerIndex && (nx != x || ny != y))
            {
                moves.Add(new PreviewMove(x, y, nx, ny, extruding ? feature : "TRAVEL"));
            }

            x = nx;
            y = ny;
        }

        return moves;
    }

    /// <summary>Returns the new position on one axis: the word's value, or the current one moved by it in relative mode.</summary>
    private static double Axis(double? word, double current, bool absolute)
    {
        if (word is null)
        {
            return current;
        }

        return absolute ? word.Value : current + word.Value;
    }

    private static double? Word(string[] words, char letter)
    {
        foreach (string word in words)
        {
            if (word.Length > 1 && char.ToUpperInvariant(word[0]) == letter
                && double.TryParse(word.AsSpan(1), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                return value;
            }
        }

        return null;
    }
}
