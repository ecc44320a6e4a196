using RealVision.Abstractions.Plugins;
using RealVision.Geometry;
using RealVision.Patterns.Tests.Support;
using static RealVision.Patterns.Tests.Support.Shapes;

namespace RealVision.Patterns.Tests;

/// <summary>The geometry of each pattern, checked against its definition.</summary>
public sealed class ShapeTests
{
    [Fact]
    public void Grid_LinesRunAtAngleAndNinetyMore()
    {
        var square = new Paths64 { Rectangle(0, 0, 30_000, 30_000) };

        Paths64 lines = PatternPlugins.Get("grid").Generate(Request(square, 0.2, angle: 30));

        AssertDirections(lines, 30, 120);
    }

    [Fact]
    public void Triangles_LinesRunAtSixtyDegreeSteps()
    {
        var square = new Paths64 { Rectangle(0, 0, 30_000, 30_000) };

        Paths64 lines = PatternPlugins.Get("triangles").Generate(Request(square, 0.2, angle: 30));

        AssertDirections(lines, 30, 90, 150);
    }

    [Fact]
    public void Triangles_FamiliesMeetInCommonPoints()
    {
        // Wherever a 0 degree line crosses a 60 degree line, a 120 degree line passes too.
        var square = new Paths64 { Rectangle(-20_000, -20_000, 20_000, 20_000) };
        Paths64 lines = PatternPlugins.Get("triangles").Generate(Request(square, 0.3, angle: 0));
        var byDirection = Segments(lines).ToLookup(s => Math.Round(Direction(s.A, s.B) / 60) * 60 % 180);
        var third = new Paths64(byDirection[120].Select(s => new Path64 { s.A, s.B }));

        int crossings = 0;
        foreach ((Point64 a, Point64 b) in byDirection[0])
        {
            foreach ((Point64 c, Point64 d) in byDirection[60])
            {
                if (Intersection(a, b, c, d) is { } point && Math.Abs(point.X) < 19_000 && Math.Abs(point.Y) < 19_000)
                {
                    crossings++;
                    double distance = DistanceToLines(point.X, point.Y, third);
                    Assert.True(distance <= 2, $"crossing ({point.X:F0}, {point.Y:F0}) is {distance:F1} µm from the nearest 120 degree line");
                }
            }
        }

        Assert.True(crossings >= 20, $"only {crossings} crossings inside the square");
    }

    [Fact]
    public void Cubic_LinesRunAt120DegreeSteps()
    {
        var square = new Paths64 { Rectangle(0, 0, 30_000, 30_000) };

        Paths64 lines = PatternPlugins.Get("cubic").Generate(Request(square, 0.2, angle: 30));

        AssertDirections(lines, 30, 90, 150);
    }

    [Fact]
    public void Cubic_LinesShiftWithHeight()
    {
        // For cubes with a vertical body diagonal, each face plane rises at
        // atan(√2) from the horizontal. Its line in a layer moves 1/√2 of a unit
        // across the line per unit of height. The three face normals lean the same
        // way from the diagonal, so all three families move by the same signed
        // amount along horizontal normals 120 degrees apart (lines at 0, 120 and 240 degrees).
        var square = new Paths64 { Rectangle(-20_000, -20_000, 20_000, 20_000) };
        var pattern = PatternPlugins.Get("cubic");
        Paths64 lower = pattern.Generate(Request(square, 0.2, angle: 0, layer: 40));
        Paths64 upper = pattern.Generate(Request(square, 0.2, angle: 0, layer: 41));
        double move = LayerHeight / Math.Sqrt(2);

        bool forward = MovesBy(lower, upper, 0, move);
        bool backward = MovesBy(lower, upper, 0, -move);
        Assert.True(forward || backward, $"0 degree lines do not move by {move:F1} µm from layer 40 to 41");
        double signedMove = forward ? move : -move;
        Assert.True(MovesBy(lower, upper, 120, signedMove), $"120 degree lines do not move by {signedMove:F1} µm");
        Assert.True(MovesBy(lower, upper, 240, signedMove), $"240 degree lines do not move by {signedMove:F1} µm");
    }

    [Fact]
    public void Gyroid_VerticesLieOnGyroidSurface()
    {
        // At z = 0 the surface is sin x cos y + sin y = 0, which crosses x = 0 at
        // y = kπ: the crossings on the Y axis are half a period apart.
        var square = new Paths64 { Rectangle(-20_000, -20_000, 20_000, 20_000) };
        var pattern = PatternPlugins.Get("gyroid");
        Paths64 atZero = pattern.Generate(GyroidRequest(square, 0));
        var crossings = atZero.SelectMany(line => line).Where(p => p.X == 0).Select(p => (double)p.Y).Distinct().Order().ToList();
        Assert.True(crossings.Count >= 6, $"only {crossings.Count} vertices on the Y axis");
        double period = 2 * (crossings[^1] - crossings[0]) / (crossings.Count - 1);
        Assert.All(crossings.Zip(crossings.Skip(1)), pair => Assert.Equal(period / 2, pair.Second - pair.First, 2.0));

        // Heights on both sides of |cos z| = |sin z|, where the curves change the axis they follow.
        foreach (double fraction in new[] { 0.0, 0.1, 0.3, 0.55, 0.85 })
        {
            long z = (long)Math.Round(fraction * period);
            Paths64 lines = pattern.Generate(GyroidRequest(square, z));
            Assert.NotEmpty(lines);
            foreach (Point64 p in lines.SelectMany(line => line))
            {
                if (Math.Abs(p.X) >= 19_998 || Math.Abs(p.Y) >= 19_998)
                {
                    continue; // Clipped ends lie on chords between samples, not on the surface.
                }

                double scale = 2 * Math.PI / period;
                double x = p.X * scale, y = p.Y * scale, zr = z * scale;
                double value = Math.Sin(x) * Math.Cos(y) + Math.Sin(y) * Math.Cos(zr) + Math.Sin(zr) * Math.Cos(x);
                Assert.True(Math.Abs(value) < 0.01, $"{p} at z = {z} µm gives {value:F4}, not 0");
            }
        }
    }

    [Fact]
    public void Honeycomb_FormsRegularHexagons()
    {
        // At angle 0 the straight runs are horizontal. In a regular hexagon of side a,
        // rows of hexagons repeat every a√3/2 across the runs, and the two runs of
        // a shared side lie one line width apart.
        var square = new Paths64 { Rectangle(-20_000, -20_000, 20_000, 20_000) };
        Paths64 lines = PatternPlugins.Get("honeycomb").Generate(Request(square, 0.2, angle: 0));
        var runs = Segments(lines)
            .Where(s => s.A.Y == s.B.Y && Math.Abs(s.A.X) < 19_990 && Math.Abs(s.B.X) < 19_990)
            .ToList();
        Assert.NotEmpty(runs);

        double side = runs.Average(s => Math.Abs(s.B.X - s.A.X));
        Assert.All(runs, s => Assert.Equal(side, Math.Abs(s.B.X - s.A.X), 2.0));

        var levels = runs.Select(s => (double)s.A.Y).Distinct().Order().ToList();
        var gaps = levels.Zip(levels.Skip(1), (a, b) => b - a).ToList();
        double pairGap = gaps.Min();
        Assert.Equal(LineWidth, pairGap, 2.0);
        double rowPitch = side * Math.Sqrt(3) / 2;
        Assert.All(gaps, gap => Assert.True(
            Math.Abs(gap - LineWidth) <= 2 || Math.Abs(gap - (rowPitch - LineWidth)) <= 2,
            $"gap {gap} µm between run levels is neither {LineWidth} nor {rowPitch - LineWidth:F0}"));
    }

    [Fact]
    public void Concentric_RingsStepInwardFromOutline()
    {
        // Spacing at density 0.2 is 0.4 / 0.2 = 2 mm: rings at insets 1, 3, ..., 19 mm of a 40 mm square.
        var square = new Paths64 { Rectangle(10_000, 10_000, 50_000, 50_000) };

        Paths64 rings = PatternPlugins.Get("concentric").Generate(Request(square, 0.2));

        Assert.Equal(10, rings.Count);
        Assert.All(rings, ring => Assert.Equal(ring[0], ring[^1]));
        var insets = rings.Select(ring => ring.Min(p => p.X) - 10_000L).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(k => 1_000L + 2_000L * k), insets);
        Assert.All(rings, ring => Assert.Equal(ring.Min(p => p.X) - 10_000, 50_000 - ring.Max(p => p.Y)));
    }

    private static InfillRequest GyroidRequest(Paths64 area, long z) => new()
    {
        Area = area,
        Density = 0.2,
        LineWidth = LineWidth,
        AngleDegrees = 0,
        Z = z,
        LayerHeight = LayerHeight,
    };

    /// <summary>Asserts every segment runs along one of <paramref name="directions"/> (degrees, within 0.2).</summary>
    private static void AssertDirections(Paths64 lines, params double[] directions)
    {
        Assert.NotEmpty(lines);
        foreach ((Point64 a, Point64 b) in Segments(lines))
        {
            if (a.DistanceTo(b) < 500)
            {
                continue; // Rounding to whole micrometres bends very short pieces.
            }

            double direction = Direction(a, b);
            Assert.True(
                directions.Any(d => DirectionDifference(direction, d) < 0.2),
                $"segment {a}-{b} runs at {direction:F2} degrees, not along {string.Join(", ", directions)}");
        }

        foreach (double expected in directions)
        {
            Assert.Contains(Segments(lines), s => DirectionDifference(Direction(s.A, s.B), expected) < 0.2);
        }
    }

    /// <summary>
    /// Returns whether every line at <paramref name="direction"/> in <paramref name="upper"/>
    /// lies <paramref name="move"/> across from a line of <paramref name="lower"/>, within 2 µm.
    /// </summary>
    private static bool MovesBy(Paths64 lower, Paths64 upper, double direction, double move)
    {
        List<double> lowerOffsets = AcrossOffsets(lower, direction);
        List<double> upperOffsets = AcrossOffsets(upper, direction);
        return upperOffsets.Count > 0
            && upperOffsets.All(offset => lowerOffsets.Any(o => Math.Abs(offset - o - move) <= 2));
    }

    /// <summary>Distinct offsets across the lines (along the normal (-sin, cos)) of the segments running at <paramref name="direction"/>.</summary>
    private static List<double> AcrossOffsets(Paths64 lines, double direction)
    {
        double angle = direction * Math.PI / 180;
        return Segments(lines)
            .Where(s => s.A.DistanceTo(s.B) > 500 && DirectionDifference(Direction(s.A, s.B), direction) < 0.2)
            .Select(s => Math.Round(-(s.A.X + s.B.X) / 2.0 * Math.Sin(angle) + (s.A.Y + s.B.Y) / 2.0 * Math.Cos(angle)))
            .Distinct()
            .ToList();
    }

    private static (double X, double Y)? Intersection(Point64 a, Point64 b, Point64 c, Point64 d)
    {
        double rx = b.X - a.X, ry = b.Y - a.Y, sx = d.X - c.X, sy = d.Y - c.Y;
        double denominator = rx * sy - ry * sx;
        if (denominator == 0)
        {
            return null;
        }

        double t = ((c.X - a.X) * sy - (c.Y - a.Y) * sx) / denominator;
        double u = ((c.X - a.X) * ry - (c.Y - a.Y) * rx) / denominator;
        if (t < 0 || t > 1 || u < 0 || u > 1)
        {
            return null;
        }

        return (a.X + t * rx, a.Y + t * ry);
    }
}
