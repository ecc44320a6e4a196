using RealVision.Geometry;
using RealVision.Patterns.Tests.Support;
using Xunit.Abstractions;
using static RealVision.Patterns.Tests.Support.Shapes;

namespace RealVision.Patterns.Tests;

/// <summary>
/// Line length times line width over the area must match the density within
/// 5 %. The area is a 40 mm square away from the origin, so the global frame
/// does not line up with it.
/// </summary>
public sealed class CoverageTests
{
    private readonly ITestOutputHelper output;

    public CoverageTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    private static readonly Paths64 Square = new() { Rectangle(13_000, 21_000, 53_000, 61_000) };
    private const double SquareArea = 40_000.0 * 40_000.0;

    public static TheoryData<string, double> FlatPatterns()
    {
        var data = new TheoryData<string, double>();
        foreach (string name in new[] { "grid", "triangles", "honeycomb", "concentric" })
        {
            foreach (double density in new[] { 0.1, 0.2, 0.5 })
            {
                data.Add(name, density);
            }
        }

        return data;
    }

    public static TheoryData<string, double> LayeredPatterns()
    {
        var data = new TheoryData<string, double>();
        foreach (string name in new[] { "cubic", "gyroid" })
        {
            foreach (double density in new[] { 0.1, 0.2, 0.5 })
            {
                data.Add(name, density);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FlatPatterns))]
    public void FlatPattern_CoversDensity(string name, double density)
    {
        Paths64 lines = PatternPlugins.Get(name).Generate(Request(Square, density));

        double coverage = Coverage(lines, SquareArea);
        output.WriteLine(FormattableString.Invariant($"{name} at {density}: coverage ratio {coverage / density:F4}"));
        Assert.InRange(coverage / density, 0.95, 1.05);
    }

    [Theory]
    [MemberData(nameof(LayeredPatterns))]
    public void LayeredPattern_CoversDensityOverLayers(string name, double density)
    {
        // 200 layers of 0.2 mm: the height of the 40 mm square, so the average
        // is over a cube of infill as a print would see it.
        var pattern = PatternPlugins.Get(name);
        double total = 0;
        const int layers = 200;
        for (int layer = 0; layer < layers; layer++)
        {
            total += Coverage(pattern.Generate(Request(Square, density, layer: layer)), SquareArea);
        }

        output.WriteLine(FormattableString.Invariant($"{name} at {density}: mean coverage ratio {total / layers / density:F4}"));
        Assert.InRange(total / layers / density, 0.95, 1.05);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.2)]
    [InlineData(0.5)]
    public void Gyroid_EachLayerNearDensity(double density)
    {
        // Sections of the gyroid at a fixed period are 6 % shorter (z a multiple
        // of π/2) to 19 % longer (z an odd multiple of π/4) than their mean.
        var pattern = PatternPlugins.Get("gyroid");
        for (int layer = 0; layer < 200; layer += 7)
        {
            double coverage = Coverage(pattern.Generate(Request(Square, density, layer: layer)), SquareArea);
            Assert.InRange(coverage / density, 0.88, 1.25);
        }
    }
}
