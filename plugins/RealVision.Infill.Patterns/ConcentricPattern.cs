using RealVision.Abstractions.Plugins;
using RealVision.Geometry;

namespace RealVision.Infill.Patterns;

/// <summary>
/// Rings that follow the area's outline inward: inward offsets of the area at
/// (k + 0.5) * line width / density, each returned as an open path that
/// ends where it starts. A ring's length times the spacing approximates the
/// band of area around it, so the rings cover the requested fraction.
/// </summary>
/// <remarks>
/// The rings follow each region's own outline, so unlike the other patterns
/// they have no global frame and ignore <see cref="InfillRequest.AngleDegrees"/>.
/// Corners keep their miters (Clipper's miter limit 2), so convex corners of
/// 60 degrees and wider stay sharp.
/// </remarks>
public sealed class ConcentricPattern : IInfillPattern
{
    public string Name => "concentric";

    public string Description => "Rings parallel to the outline, stepping inward.";

    public Paths64 Generate(InfillRequest request)
    {
        double density = PatternRequest.EffectiveDensity(request);
        if (density == 0)
        {
            return new Paths64();
        }

        double spacing = request.LineWidth / density;

        // No ring survives an inset of more than half the bounding box's shorter side.
        var frame = new PatternFrame(0);
        FrameBounds bounds = frame.Bounds(request.Area);
        double maxInset = Math.Min(bounds.MaxU - bounds.MinU, bounds.MaxV - bounds.MinV) / 2;
        int ringCount = (int)Math.Floor(maxInset / spacing + 0.5);
        if (ringCount <= 0)
        {
            return new Paths64();
        }

        var deltas = new double[ringCount];
        for (int k = 0; k < ringCount; k++)
        {
            deltas[k] = -(k + 0.5) * spacing;
        }

        var rings = new Paths64();
        foreach (Paths64 inset in Clipper.OffsetMany(request.Area, deltas, JoinType.Miter, miterLimit: 2))
        {
            foreach (Path64 loop in inset)
            {
                if (loop.Count >= 2)
                {
                    rings.Add(new Path64(loop) { loop[0] });
                }
            }
        }

        return rings;
    }
}
