using System.Globalization;
using System.Text;
using SkiaSharp;

namespace RealVision.Cli.Preview;

/// <summary>Draws one layer's moves, a colour per feature, as SVG (by hand) or PNG (SkiaSharp).</summary>
internal static class LayerDrawing
{
    public static readonly IReadOnlyDictionary<string, string> Colours = new Dictionary<string, string>
    {
        ["SKIRT"] = "#7f7f7f",
        ["WALL-OUTER"] = "#d62728",
        ["WALL-INNER"] = "#2ca02c",
        ["SKIN"] = "#ff7f0e",
        ["FILL"] = "#1f77b4",
        ["TRAVEL"] = "#c8c8c8",
    };

    private const double PixelsPerMm = 10;
    private const double MarginMm = 2;

    public static void WriteSvg(IReadOnlyList<PreviewMove> moves, string path, string title, double lineWidthMm)
    {
        var (minX, minY, maxX, maxY) = Bounds(moves);
        var invariant = CultureInfo.InvariantCulture;
        var svg = new StringBuilder();
        double width = maxX - minX, height = maxY - minY;
        svg.AppendLine(string.Format(invariant,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:0}\" height=\"{1:0}\" viewBox=\"{2:0.###} {3:0.###} {4:0.###} {5:0.###}\">",
            width * PixelsPerMm, height * PixelsPerMm, minX, -maxY, width, height));
        svg.AppendLine($"<title>{System.Security.SecurityElement.Escape(title)}</title>");
        svg.AppendLine(string.Format(invariant, "<rect x=\"{0:0.###}\" y=\"{1:0.###}\" width=\"{2:0.###}\" height=\"{3:0.###}\" fill=\"white\"/>", minX, -maxY, width, height));
        foreach (var group in moves.GroupBy(m => m.Feature))
        {
            bool travel = group.Key == "TRAVEL";
            svg.AppendLine(string.Format(invariant,
                "<g stroke=\"{0}\" stroke-width=\"{1:0.###}\" stroke-linecap=\"round\" fill=\"none\"{2}><title>{3}</title>",
                Colour(group.Key), travel ? lineWidthMm / 4 : lineWidthMm, travel ? " stroke-dasharray=\"0.5 0.5\"" : "", group.Key));
            foreach (PreviewMove m in group)
            {
                // SVG's y axis points down; the bed's points up.
                svg.AppendLine(string.Format(invariant,
                    "<line x1=\"{0:0.###}\" y1=\"{1:0.###}\" x2=\"{2:0.###}\" y2=\"{3:0.###}\"/>", m.X0, -m.Y0, m.X1, -m.Y1));
            }

            svg.AppendLine("</g>");
        }

        svg.AppendLine("</svg>");
        File.WriteAllText(path, svg.ToString());
    }

    public static void WritePng(IReadOnlyList<PreviewMove> moves, string path, double lineWidthMm)
    {
        var (minX, minY, maxX, maxY) = Bounds(moves);
        int width = (int)Math.Ceiling((maxX - minX) * PixelsPerMm);
        int height = (int)Math.Ceiling((maxY - minY) * PixelsPerMm);
        using var bitmap = new SKBitmap(Math.Clamp(width, 1, 8000), Math.Clamp(height, 1, 8000));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        foreach (PreviewMove m in moves.OrderBy(m => m.Feature == "TRAVEL" ? 0 : 1))
        {
            using var paint = new SKPaint
            {
                Color = SKColor.Parse(Colour(m.Feature)),
                StrokeWidth = (float)((m.Feature == "TRAVEL" ? lineWidthMm / 4 : lineWidthMm) * PixelsPerMm),
                StrokeCap = SKStrokeCap.Round,
                IsAntialias = true,
                Style = SKPaintStyle.Stroke,
            };
            canvas.DrawLine(
                (float)((m.X0 - minX) * PixelsPerMm), (float)((maxY - m.Y0) * PixelsPerMm),
                (float)((m.X1 - minX) * PixelsPerMm), (float)((maxY - m.Y1) * PixelsPerMm), paint);
        }

        using SKImage image = SKImage.FromBitmap(bitmap);
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        using FileStream stream = File.Create(path);
        data.SaveTo(stream);
    }

    private static string Colour(string feature) => Colours.TryGetValue(feature, out string? colour) ? colour : "#9467bd";

    private static (double, double, double, double) Bounds(IReadOnlyList<PreviewMove> moves)
    {
        double minX = moves.Min(m => Math.Min(m.X0, m.X1)) - MarginMm;
        double minY = moves.Min(m => Math.Min(m.Y0, m.Y1)) - MarginMm;
        double maxX = moves.Max(m => Math.Max(m.X0, m.X1)) + MarginMm;
        double maxY = moves.Max(m => Math.Max(m.Y0, m.Y1)) + MarginMm;
        return (minX, minY, maxX, maxY);
    }
}
