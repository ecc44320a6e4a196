using RealVision.Abstractions.Plugins;
using RealVision.Geometry;

namespace RealVision.Infill.Patterns;

/// <summary>
/// Sections of the gyroid surface sin x cos y + sin y cos z + sin z cos x = 0
/// at each layer's height: smooth curves that change from layer to layer, so
/// the layers stack into one continuous 3D surface.
/// </summary>
/// <remarks>
/// One period of the surface (2π in x, y and z) spans <c>period</c>
/// micrometres, chosen so that the section curves, averaged over a period in
/// z, have density / line width of length per unit area. A single layer's
/// curves are 6 % shorter to 19 % longer than that average (shortest where
/// z is a multiple of π/2), so the density is met over a stack of layers
/// rather than on each one.
/// </remarks>
public sealed class GyroidPattern : IInfillPattern
{
    /// <summary>Curve samples per period along the sampled axis; chords then fall 0.15 % short of the curves' length.</summary>
    private const int SamplesPerPeriod = 24;

    /// <summary>
    /// Mean over z of the section curves' length inside one 2π by 2π cell,
    /// divided by 2π: the line length per unit area is this factor over the period.
    /// Measured on the sampled polylines, so the chord shortfall is included.
    /// </summary>
    private static readonly double LengthFactor = MeasureLengthFactor();

    public string Name => "gyroid";

    public string Description => "Sections of a gyroid surface: curved lines that change with z into a continuous 3D structure.";

    public Paths64 Generate(InfillRequest request)
    {
        double density = PatternRequest.EffectiveDensity(request);
        if (density == 0)
        {
            return new Paths64();
        }

        double period = LengthFactor * request.LineWidth / density;
        double scale = 2 * Math.PI / period;
        var frame = new PatternFrame(request.AngleDegrees);
        FrameBounds bounds = frame.Bounds(request.Area);
        double z = Math.IEEERemainder(request.Z, period) * scale;

        var lines = new Paths64();
        foreach (SectionCurve curve in SectionCurves(z))
        {
            AddCopies(lines, curve, bounds, scale, frame);
        }

        return OpenPaths.ClipEach(lines, request.Area);
    }

    /// <summary>
    /// Returns the two branches of the section at height <paramref name="z"/>
    /// (radians) over one period of the sampled axis. Where |cos z| ≥ |sin z|
    /// every x has two solutions y, so the curves are sampled along x;
    /// elsewhere the roles of x and y swap.
    /// </summary>
    private static SectionCurve[] SectionCurves(double z)
    {
        double sinZ = Math.Sin(z);
        double cosZ = Math.Cos(z);
        bool alongX = Math.Abs(cosZ) >= Math.Abs(sinZ);
        var first = new double[SamplesPerPeriod + 1];
        var second = new double[SamplesPerPeriod + 1];
        for (int i = 0; i <= SamplesPerPeriod; i++)
        {
            double t = 2 * Math.PI * i / SamplesPerPeriod;
            if (alongX)
            {
                // sin x cos y + cos z sin y = -sin z cos x is (cos z / cos ψ) sin(y + ψ)
                // with tan ψ = sin x / cos z; ψ stays continuous because cos z keeps its sign.
                double psi = Math.Atan(Math.Sin(t) / cosZ);
                double a = Math.Asin(Math.Clamp(-sinZ * Math.Cos(t) * Math.Cos(psi) / cosZ, -1, 1));
                first[i] = a - psi;
                second[i] = Math.PI - a - psi;
            }
            else
            {
                // sin z cos x + cos y sin x = -cos z sin y is (sin z / cos ψ) cos(x - ψ)
                // with tan ψ = cos y / sin z.
                double psi = Math.Atan(Math.Cos(t) / sinZ);
                double a = Math.Acos(Math.Clamp(-cosZ * Math.Sin(t) * Math.Cos(psi) / sinZ, -1, 1));
                first[i] = psi + a;
                second[i] = psi - a;
            }
        }

        return new[] { new SectionCurve(alongX, first), new SectionCurve(alongX, second) };
    }

    /// <summary>
    /// Adds one polyline per copy of <paramref name="curve"/>, repeated every 2π
    /// across the sampled axis, that crosses the bounds; each runs past the bounds
    /// along the sampled axis so clipping cuts every end.
    /// </summary>
    private static void AddCopies(Paths64 lines, SectionCurve curve, FrameBounds bounds, double scale, PatternFrame frame)
    {
        double step = 2 * Math.PI / SamplesPerPeriod;
        (double minAlong, double maxAlong, double minAcross, double maxAcross) = curve.AlongX
            ? (bounds.MinU * scale, bounds.MaxU * scale, bounds.MinV * scale, bounds.MaxV * scale)
            : (bounds.MinV * scale, bounds.MaxV * scale, bounds.MinU * scale, bounds.MaxU * scale);
        long firstSample = (long)Math.Floor(minAlong / step) - 1;
        long lastSample = (long)Math.Ceiling(maxAlong / step) + 1;
        double low = curve.Across.Min();
        double high = curve.Across.Max();
        long firstCopy = (long)Math.Floor((minAcross - high) / (2 * Math.PI));
        long lastCopy = (long)Math.Ceiling((maxAcross - low) / (2 * Math.PI));
        for (long copy = firstCopy; copy <= lastCopy; copy++)
        {
            var line = new Path64((int)(lastSample - firstSample + 1));
            for (long sample = firstSample; sample <= lastSample; sample++)
            {
                double along = sample * step;
                int index = (int)(((sample % SamplesPerPeriod) + SamplesPerPeriod) % SamplesPerPeriod);
                double across = curve.Across[index] + copy * 2 * Math.PI;
                line.Add(curve.AlongX
                    ? frame.ToWorld(along / scale, across / scale)
                    : frame.ToWorld(across / scale, along / scale));
            }

            lines.Add(line);
        }
    }

    private static double MeasureLengthFactor()
    {
        const int heights = 256;
        double total = 0;
        for (int k = 0; k < heights; k++)
        {
            double z = 2 * Math.PI * (k + 0.5) / heights;
            foreach (SectionCurve curve in SectionCurves(z))
            {
                total += curve.Length();
            }
        }

        return total / heights / (2 * Math.PI);
    }

    /// <summary>
    /// One branch of a section over one period of the sampled axis: sample i sits
    /// at 2π i / <see cref="SamplesPerPeriod"/> along that axis (x when
    /// <see cref="AlongX"/>, else y) and at <see cref="Across"/>[i] radians across it.
    /// The curve is periodic in 2π along, so sample <see cref="SamplesPerPeriod"/>
    /// repeats sample 0.
    /// </summary>
    private sealed record SectionCurve(bool AlongX, double[] Across)
    {
        public double Length()
        {
            double step = 2 * Math.PI / SamplesPerPeriod;
            double length = 0;
            for (int i = 1; i < Across.Length; i++)
            {
                length += Math.Sqrt(step * step + (Across[i] - Across[i - 1]) * (Across[i] - Across[i - 1]));
            }

            return length;
        }
    }
}
