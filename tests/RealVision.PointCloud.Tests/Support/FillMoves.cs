using System.Globalization;

namespace RealVision.PointCloud.Tests.Support;

/// <summary>An extruding move from G-code: layer, feature (;TYPE:), start and end (mm).</summary>
public readonly record struct Move(int Layer, string Feature, double X0, double Y0, double X1, double Y1, double Z)
{
    public double Length => Math.Sqrt((X1 - X0) * (X1 - X0) + (Y1 - Y0) * (Y1 - Y0));
}

/// <summary>
/// Reads the moves that extrude while moving in X or Y from G-code with
/// absolute positions (G90), absolute or relative extrusion (M82, M83) and
/// G92 resets, tagged by the ;LAYER: and ;TYPE: comments the engine writes.
/// </summary>
public static class FillMoves
{
    public static List<Move> Read(string path)
    {
        var moves = new List<Move>();
        double x = 0, y = 0, z = 0, e = 0;
        bool relativeE = false;
        int layer = -1;
        string feature = "";
        foreach (string raw in File.ReadLines(path))
        {
            string line = raw.Trim();
            if (line.StartsWith(";LAYER:", StringComparison.Ordinal))
            {
                layer = int.Parse(line[7..], CultureInfo.InvariantCulture);
                continue;
            }

            if (line.StartsWith(";TYPE:", StringComparison.Ordinal))
            {
                feature = line[6..];
                continue;
            }

            int comment = line.IndexOf(';');
            string[] words = (comment >= 0 ? line[..comment] : line).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            switch (words[0])
            {
                case "M82":
                    relativeE = false;
                    break;
                case "M83":
                    relativeE = true;
                    break;
                case "G92":
                    e = Word(words, 'E') ?? e;
                    break;
                case "G0" or "G1":
                    double nx = Word(words, 'X') ?? x, ny = Word(words, 'Y') ?? y, nz = Word(words, 'Z') ?? z;
                    double? ev = Word(words, 'E');
                    double extruded = 0;
                    if (ev is not null)
                    {
                        extruded = relativeE ? ev.Value : ev.Value - e;
                        e = relativeE ? e + ev.Value : ev.Value;
                    }

                    if (extruded > 0 && (nx != x || ny != y))
                    {
                        moves.Add(new Move(layer, feature, x, y, nx, ny, nz));
                    }

                    (x, y, z) = (nx, ny, nz);
                    break;
            }
        }

        return moves;
    }

    /// <summary>Length of the part of the move inside the rectangle (Liang-Barsky clipping).</summary>
    public static double LengthInside(Move m, double xMin, double xMax, double yMin, double yMax)
    {
        double t0 = 0, t1 = 1;
        double dx = m.X1 - m.X0, dy = m.Y1 - m.Y0;
        (double P, double Q)[] edges = { (-dx, m.X0 - xMin), (dx, xMax - m.X0), (-dy, m.Y0 - yMin), (dy, yMax - m.Y0) };
        foreach ((double p, double q) in edges)
        {
            if (p == 0)
            {
                if (q < 0)
                {
                    return 0;
                }

                continue;
            }

            double t = q / p;
            if (p < 0)
            {
                t0 = Math.Max(t0, t);
            }
            else
            {
                t1 = Math.Min(t1, t);
            }
        }

        return t1 > t0 ? (t1 - t0) * m.Length : 0;
    }

    private static double? Word(string[] words, char letter)
    {
        foreach (string word in words)
        {
            if (word.Length > 1 && word[0] == letter)
            {
                return double.Parse(word[1..], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
