using RealVision.Abstractions.Toolpaths;
using RealVision.Geometry;

namespace RealVision.Dialects.Bgcode;

/// <summary>
/// Draws a top view of the print for a thumbnail: every extrusion segment as
/// a one-pixel line, the highest layer on top, shaded from dark (low) to light
/// (high). The view fits the extrusion bounds with a one-pixel margin; pixels
/// with no extrusion stay transparent.
/// </summary>
internal sealed class ThumbnailRenderer
{
    private readonly float[] topZ;
    private readonly double scale;
    private readonly double originX;
    private readonly double originY;
    private readonly double minXMm;
    private readonly double maxYMm;

    /// <param name="boundsMm">Area to show, mm: min X, min Y, max X, max Y.</param>
    public ThumbnailRenderer(int width, int height, IReadOnlyList<double> boundsMm)
    {
        Width = width;
        Height = height;
        topZ = new float[width * height];
        Array.Fill(topZ, float.NaN);
        minXMm = boundsMm[0];
        maxYMm = boundsMm[3];
        double spanX = Math.Max(boundsMm[2] - boundsMm[0], 1e-3);
        double spanY = Math.Max(boundsMm[3] - boundsMm[1], 1e-3);
        double margin = width > 2 && height > 2 ? 1 : 0;
        scale = Math.Min((width - 2 * margin - 1) / spanX, (height - 2 * margin - 1) / spanY);
        scale = Math.Max(scale, 1e-9);
        originX = (width - 1 - spanX * scale) / 2;
        originY = (height - 1 - spanY * scale) / 2;
    }

    public int Width { get; }

    public int Height { get; }

    public void Draw(LayerToolpath layer)
    {
        float z = layer.Z / 1000f;
        foreach (ExtrusionPath path in layer.Items.OfType<ExtrusionPath>())
        {
            Path64 points = path.Points;
            int segments = path.Closed && points.Count > 2 ? points.Count : points.Count - 1;
            for (int i = 0; i < segments; i++)
            {
                DrawLine(points[i], points[(i + 1) % points.Count], z);
            }
        }
    }

    /// <summary>Encodes the drawing as a PNG file.</summary>
    public byte[] EncodePng()
    {
        float low = float.PositiveInfinity;
        float high = float.NegativeInfinity;
        foreach (float z in topZ)
        {
            if (!float.IsNaN(z))
            {
                low = Math.Min(low, z);
                high = Math.Max(high, z);
            }
        }

        var rgba = new byte[Width * Height * 4];
        for (int i = 0; i < topZ.Length; i++)
        {
            float z = topZ[i];
            if (float.IsNaN(z))
            {
                continue;
            }

            // An orange filament tone: the top layer light, the first layer dark.
            double t = high > low ? (z - low) / (high - low) : 1;
            rgba[4 * i] = (byte)Math.Round(140 + 115 * t);
            rgba[4 * i + 1] = (byte)Math.Round(60 + 110 * t);
            rgba[4 * i + 2] = (byte)Math.Round(20 + 70 * t);
            rgba[4 * i + 3] = 255;
        }

        return PngEncoder.Encode(Width, Height, rgba);
    }

    // Bresenham's line between the two points' pixels; a higher layer wins a pixel.
    private void DrawLine(Point64 from, Point64 to, float z)
    {
        (int x0, int y0) = ToPixel(from);
        (int x1, int y1) = ToPixel(to);
        int dx = Math.Abs(x1 - x0);
        int dy = -Math.Abs(y1 - y0);
        int stepX = x0 < x1 ? 1 : -1;
        int stepY = y0 < y1 ? 1 : -1;
        int error = dx + dy;
        while (true)
        {
            Plot(x0, y0, z);
            if (x0 == x1 && y0 == y1)
            {
                break;
            }

            int doubled = 2 * error;
            if (doubled >= dy)
            {
                error += dy;
                x0 += stepX;
            }

            if (doubled <= dx)
            {
                error += dx;
                y0 += stepY;
            }
        }
    }

    private (int X, int Y) ToPixel(Point64 point)
    {
        // Image rows run downwards, so the largest Y is row 0.
        double x = originX + (point.X / 1000.0 - minXMm) * scale;
        double y = originY + (maxYMm - point.Y / 1000.0) * scale;
        return ((int)Math.Round(x), (int)Math.Round(y));
    }

    private void Plot(int x, int y, float z)
    {
        if (x < 0 || y < 0 || x >= Width || y >= Height)
        {
            return;
        }

        int index = y * Width + x;
        if (float.IsNaN(topZ[index]) || topZ[index] < z)
        {
            topZ[index] = z;
        }
    }
}
