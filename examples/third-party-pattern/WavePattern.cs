using RealVision.Abstractions.Plugins;
using RealVision.Geometry;

namespace ThirdParty.Waves;

/// <summary>
/// Parallel sine waves: line k runs along the pattern direction at
/// (k + 0.5) * spacing + amplitude * sin(2π u / wavelength) across it, and the
/// direction turns 90 degrees on odd layers. The waves follow one frame
/// anchored at the origin, so neighbouring regions line up.
/// </summary>
/// <remarks>
/// The wave's shape is fixed relative to the spacing (wavelength twice the
/// spacing, amplitude a quarter of it), so a wave is <see cref="LengthFactor"/>
/// times as long as a straight line. Spacing = line width * factor / density
/// then makes the waves cover the requested fraction of the area.
/// </remarks>
public sealed class WavePattern : IInfillPattern
{
    private const int SamplesPerWavelength = 16;
    private const double WavelengthPerSpacing = 2.0;
    private const double AmplitudePerSpacing = 0.25;

    /// <summary>Length of one sampled wavelength divided by the wavelength, measured on the polyline itself.</summary>
    private static readonly double LengthFactor = MeasureLengthFactor();

    // The engine shows Name in `realvision plugins` and selects the pattern by it (infill_pattern=waves).
    public string Name => "waves";

    public string Description => "Example third-party pattern: parallel sine waves, turning 90 degrees every layer.";

    public Paths64 Generate(InfillRequest request)
    {
        if (!(request.Density > 0) || request.LineWidth <= 0 || request.Area.Count == 0)
        {
            return new Paths64();
        }

        double spacing = request.LineWidth * LengthFactor / Math.Min(request.Density, 1.0);
        double wavelength = spacing * WavelengthPerSpacing;
        double amplitude = spacing * AmplitudePerSpacing;
        double angle = (request.AngleDegrees + (request.LayerIndex % 2 == 0 ? 0 : 90)) * Math.PI / 180;
        double cos = Math.Cos(angle);
        double sin = Math.Sin(angle);

        // Extent of the area in the rotated frame: u along the waves, v across them.
        double minU = double.MaxValue, maxU = double.MinValue, minV = double.MaxValue, maxV = double.MinValue;
        foreach (Path64 path in request.Area)
        {
            foreach (Point64 p in path)
            {
                double u = p.X * cos + p.Y * sin;
                double v = -p.X * sin + p.Y * cos;
                minU = Math.Min(minU, u);
                maxU = Math.Max(maxU, u);
                minV = Math.Min(minV, v);
                maxV = Math.Max(maxV, v);
            }
        }

        // Samples sit at whole multiples of the step from the origin, so every region samples the same points.
        double step = wavelength / SamplesPerWavelength;
        long firstSample = (long)Math.Floor(minU / step) - 1;
        long lastSample = (long)Math.Ceiling(maxU / step) + 1;
        long firstLine = (long)Math.Floor((minV - amplitude) / spacing) - 1;
        long lastLine = (long)Math.Ceiling((maxV + amplitude) / spacing);

        var waves = new Paths64();
        for (long line = firstLine; line <= lastLine; line++)
        {
            var wave = new Path64((int)(lastSample - firstSample + 1));
            for (long sample = firstSample; sample <= lastSample; sample++)
            {
                double u = sample * step;
                double v = (line + 0.5) * spacing + amplitude * Math.Sin(2 * Math.PI * u / wavelength);
                wave.Add(new Point64((long)Math.Round(u * cos - v * sin), (long)Math.Round(u * sin + v * cos)));
            }

            waves.Add(wave);
        }

        // The engine's own polygon clipping (Clipper 6 through RealVision.Geometry) cuts the waves to the area.
        return Clipper.IntersectOpen(waves, request.Area);
    }

    private static double MeasureLengthFactor()
    {
        double length = 0;
        for (int i = 1; i <= SamplesPerWavelength; i++)
        {
            double u0 = (i - 1.0) / SamplesPerWavelength * WavelengthPerSpacing;
            double u1 = (double)i / SamplesPerWavelength * WavelengthPerSpacing;
            double v0 = AmplitudePerSpacing * Math.Sin(2 * Math.PI * u0 / WavelengthPerSpacing);
            double v1 = AmplitudePerSpacing * Math.Sin(2 * Math.PI * u1 / WavelengthPerSpacing);
            length += Math.Sqrt((u1 - u0) * (u1 - u0) + (v1 - v0) * (v1 - v0));
        }

        return length / WavelengthPerSpacing;
    }
}
