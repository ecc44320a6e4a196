using RealVision.Abstractions.Plugins;
using RealVision.Geometry;
using RealVision.Patterns.Tests.Support;
using static RealVision.Patterns.Tests.Support.Shapes;

namespace RealVision.Patterns.Tests;

/// <summary>Properties every pattern of the plugin must have: loading, inputs, staying inside, layers, angle, frame.</summary>
public sealed class ContractTests
{
    public static readonly string[] AllNames = { "grid", "triangles", "cubic", "gyroid", "honeycomb", "concentric" };

    public static TheoryData<string> All() => Names(AllNames);

    public static TheoryData<string> GlobalFrame() => Names("grid", "triangles", "cubic", "gyroid", "honeycomb");

    [Fact]
    public void Plugin_LoadsEveryPattern()
    {
        var catalog = PatternPlugins.Load();

        Assert.Empty(catalog.Failures);
        // The default folder also holds the built-in lines pattern.
        Assert.Equal(AllNames.Append("lines").Order(), catalog.InfillPatterns.Select(p => p.Name).Order());
        Assert.All(catalog.InfillPatterns, p => Assert.Equal(PluginKind.InfillPattern, p.Kind));
        Assert.All(catalog.InfillPatterns, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Pattern_ZeroDensityGivesNoLines(string name)
    {
        var square = new Paths64 { Rectangle(0, 0, 20_000, 20_000) };

        Assert.Empty(PatternPlugins.Get(name).Generate(Request(square, 0)));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Pattern_EmptyAreaGivesNoLines(string name)
    {
        Assert.Empty(PatternPlugins.Get(name).Generate(Request(new Paths64(), 0.2)));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Pattern_RejectsZeroLineWidth(string name)
    {
        var request = new InfillRequest
        {
            Area = new Paths64 { Rectangle(0, 0, 20_000, 20_000) },
            Density = 0.2,
            LineWidth = 0,
        };

        Assert.Throws<ArgumentOutOfRangeException>(() => PatternPlugins.Get(name).Generate(request));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Pattern_StaysInsideAreaWithHole(string name)
    {
        // A 40 mm square with a 12 mm square hole (clockwise) off its centre.
        var area = new Paths64
        {
            Rectangle(-7_000, 3_000, 33_000, 43_000),
            new Path64(Rectangle(5_000, 15_000, 17_000, 27_000).AsEnumerable().Reverse()),
        };

        Paths64 lines = PatternPlugins.Get(name).Generate(Request(area, 0.3, angle: 20));

        Assert.NotEmpty(lines);
        foreach ((Point64 a, Point64 b) in Segments(lines))
        {
            for (int step = 0; step <= 8; step++)
            {
                double x = a.X + (b.X - a.X) * step / 8.0;
                double y = a.Y + (b.Y - a.Y) * step / 8.0;
                Assert.InRange(x, -7_001, 33_001);
                Assert.InRange(y, 2_999, 43_001);
                bool inHole = x > 5_001 && x < 16_999 && y > 15_001 && y < 26_999;
                Assert.False(inHole, $"point ({x:F0}, {y:F0}) of segment {a}-{b} lies in the hole");
            }
        }
    }

    [Theory]
    [InlineData("grid")]
    [InlineData("triangles")]
    [InlineData("honeycomb")]
    [InlineData("concentric")]
    public void FlatPattern_SameOnEveryLayer(string name)
    {
        var square = new Paths64 { Rectangle(0, 0, 30_000, 30_000) };
        var pattern = PatternPlugins.Get(name);

        Paths64 layer10 = pattern.Generate(Request(square, 0.2, layer: 10));
        Paths64 layer11 = pattern.Generate(Request(square, 0.2, layer: 11));

        Assert.Equal(layer10, layer11);
    }

    [Theory]
    [InlineData("cubic")]
    [InlineData("gyroid")]
    public void LayeredPattern_ChangesWithLayer(string name)
    {
        var square = new Paths64 { Rectangle(0, 0, 30_000, 30_000) };
        var pattern = PatternPlugins.Get(name);

        Paths64 layer10 = pattern.Generate(Request(square, 0.2, layer: 10));
        Paths64 layer11 = pattern.Generate(Request(square, 0.2, layer: 11));

        Assert.NotEqual(layer10, layer11);
        Assert.InRange(Length(layer11) / Length(layer10), 0.7, 1.3);
    }

    [Theory]
    [MemberData(nameof(GlobalFrame))]
    public void Pattern_RotatesWithAngle(string name)
    {
        // A 720-gon maps onto itself under a 30 degree turn, so the lines at 30
        // degrees must be the lines at 0 degrees turned by 30 degrees.
        var disc = new Paths64 { RegularPolygon(20_000, 720) };
        var pattern = PatternPlugins.Get(name);

        Paths64 straight = pattern.Generate(Request(disc, 0.2, angle: 0));
        Paths64 turned = pattern.Generate(Request(disc, 0.2, angle: 30));

        Assert.NotEqual(straight, turned);
        Assert.Equal(1, Length(turned) / Length(straight), 0.005);
        double cos = Math.Cos(Math.PI / 6), sin = Math.Sin(Math.PI / 6);
        foreach (Point64 p in straight.SelectMany(line => line))
        {
            if (Math.Sqrt((double)p.X * p.X + (double)p.Y * p.Y) > 19_900)
            {
                continue; // Clipped ends move along their line with the polygon's rounding.
            }

            double x = p.X * cos - p.Y * sin;
            double y = p.X * sin + p.Y * cos;
            double distance = DistanceToLines(x, y, turned);
            Assert.True(distance <= 3, $"{p} turned by 30 degrees is {distance:F1} µm from the lines at 30 degrees");
        }
    }

    [Fact]
    public void Concentric_IgnoresAngle()
    {
        var square = new Paths64 { Rectangle(0, 0, 30_000, 30_000) };
        var pattern = PatternPlugins.Get("concentric");

        Assert.Equal(pattern.Generate(Request(square, 0.2, angle: 0)), pattern.Generate(Request(square, 0.2, angle: 30)));
    }

    [Theory]
    [MemberData(nameof(GlobalFrame))]
    public void Pattern_NeighbouringRegionsLineUp(string name)
    {
        // Lines of two adjacent regions must be pieces of the lines of their union.
        // Each region's clipping rounds its own line ends to whole micrometres, which
        // can move an end a few micrometres where a line meets the border at a shallow angle.
        var pattern = PatternPlugins.Get(name);
        var whole = new Paths64 { Rectangle(5_000, -3_000, 29_000, 21_000) };
        var left = new Paths64 { Rectangle(5_000, -3_000, 17_000, 21_000) };
        var right = new Paths64 { Rectangle(17_000, -3_000, 29_000, 21_000) };

        Paths64 wholeLines = pattern.Generate(Request(whole, 0.2));
        Paths64 leftLines = pattern.Generate(Request(left, 0.2));
        Paths64 rightLines = pattern.Generate(Request(right, 0.2));

        Assert.Equal(Length(wholeLines), Length(leftLines) + Length(rightLines), Length(wholeLines) * 0.001);
        foreach (Point64 p in leftLines.Concat(rightLines).SelectMany(line => line))
        {
            double distance = DistanceToLines(p.X, p.Y, wholeLines);
            Assert.True(distance <= 5, $"{p} is {distance:F1} µm from the lines of the whole region");
        }
    }

    private static TheoryData<string> Names(params string[] names)
    {
        var data = new TheoryData<string>();
        foreach (string name in names)
        {
            data.Add(name);
        }

        return data;
    }
}
