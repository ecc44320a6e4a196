using System.Text.Json.Nodes;
using RealVision.Abstractions.Errors;
using RealVision.Engine.Tests.Support;

namespace RealVision.Engine.Tests;

public sealed class ModifierTests : IClassFixture<EngineFixture>
{
    private readonly EngineFixture fixture;

    public ModifierTests(EngineFixture fixture)
    {
        this.fixture = fixture;
    }

    // Cube A: 20 mm at X/Y 60..80. Cube B, the modifier: X 70..90, Y 60..80, so it
    // covers the right half of A. A's inner area (2 walls of 0.4 mm) is X/Y 60.8..79.2,
    // split at X = 70 into two halves of equal area.
    private string TwoCubes(string name, JsonObject? modifier, int priority = 2) =>
        TestWorkspaces.Write(
            Path.Combine(fixture.Folder, name),
            TestWorkspaces.Model("cube-a.stl", TestMeshes.Box(60, 60, 0, 80, 80, 20)),
            TestWorkspaces.Model("cube-b.stl", TestMeshes.Box(70, 60, 0, 90, 80, 20), priority, modifier));

    [Fact]
    public void Modifier_RaisesDensityInOverlapOnly()
    {
        string plain = TestWorkspaces.Write(Path.Combine(fixture.Folder, "plain.rvwj"),
            TestWorkspaces.Model("cube-a.stl", TestMeshes.Box(60, 60, 0, 80, 80, 20)));
        var (_, without, _) = fixture.Slice(plain);
        var (_, with, _) = fixture.Slice(TwoCubes("two-cubes.rvwj", new JsonObject { ["FillDensityFactor"] = 0.9 }));

        var (leftWith, rightWith) = FillVolumeBySide(with, 70);
        var (leftWithout, _) = FillVolumeBySide(without, 70);

        // Sparse layers only (3 bottom and 3 top layers are solid skin): 10..89.
        double halfAreaVolume = 9.2 * 18.4 * 0.2 * 80;
        Assert.InRange(rightWith / leftWith, 0.9 / 0.2 * 0.9, 0.9 / 0.2 * 1.1);
        Assert.InRange(rightWith, 0.9 * halfAreaVolume * 0.93, 0.9 * halfAreaVolume * 1.07);
        Assert.InRange(leftWith, leftWithout * 0.97, leftWithout * 1.03);
    }

    [Fact]
    public void Modifier_IsNeverPrinted()
    {
        var (_, gcode, _) = fixture.Slice(TwoCubes("not-printed.rvwj", new JsonObject { ["FillDensityFactor"] = 0.9 }));

        var model = gcode.Extrusions.Where(m => m.Feature != "SKIRT").ToList();
        Assert.True(model.Max(m => Math.Max(m.X0, m.X1)) <= 80.01, "extrusion beyond cube A, inside the modifier only");
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(1.0, 1.0)]
    public void Modifier_ZeroEmptiesAndOneFills(double factor, double expectedDensity)
    {
        var (_, gcode, _) = fixture.Slice(TwoCubes($"factor-{factor}.rvwj", new JsonObject { ["FillDensityFactor"] = factor }));
        var (_, right) = FillVolumeBySide(gcode, 70);

        double halfAreaVolume = 9.2 * 18.4 * 0.2 * 80;
        Assert.InRange(right, expectedDensity * halfAreaVolume * 0.95 - 1, expectedDensity * halfAreaVolume * 1.05 + 1);
    }

    [Fact]
    public void HigherPriorityWinsWhereModifiersOverlap()
    {
        string path = TestWorkspaces.Write(Path.Combine(fixture.Folder, "priorities.rvwj"),
            TestWorkspaces.Model("cube-a.stl", TestMeshes.Box(60, 60, 0, 80, 80, 20)),
            TestWorkspaces.Model("high.stl", TestMeshes.Box(70, 60, 0, 90, 80, 20), 5, new JsonObject { ["FillDensityFactor"] = 0.9 }),
            TestWorkspaces.Model("low.stl", TestMeshes.Box(50, 60, 0, 90, 80, 20), 1, new JsonObject { ["FillDensityFactor"] = 0.0 }));
        var (_, gcode, _) = fixture.Slice(path);
        var (left, right) = FillVolumeBySide(gcode, 70);

        Assert.True(left < 1, $"the low-priority modifier empties the left half, but {left:F1} mm³ was extruded there");
        Assert.True(right > 9.2 * 18.4 * 0.2 * 80 * 0.8, "the high-priority modifier fills the right half at 0.9");
    }

    [Fact]
    public void GeneratorWorkspaces_MergedSliceWithModifier()
    {
        // The generator's cube (a modifier at 0.5) overlaps the lower part of its cat.
        var cat = JsonNode.Parse(File.ReadAllText(EngineFixture.Data("calicat.json")))!;
        var cube = JsonNode.Parse(File.ReadAllText(EngineFixture.Data("20mm_cube.json")))!;
        var models = (JsonArray)cat["Models"]!;
        models.Add(cube["Models"]![0]!.DeepClone());
        string merged = Path.Combine(fixture.Folder, "merged.json");
        File.WriteAllText(merged, cat.ToJsonString());

        var (_, withModifier, _) = fixture.Slice(merged);
        var (_, plain, _) = fixture.Slice(EngineFixture.Data("calicat.json"));

        double inside = FillVolumeInBox(withModifier, 100, 120, 4, 16);
        double before = FillVolumeInBox(plain, 100, 120, 4, 16);
        Assert.InRange(inside / before, 2.5 * 0.85, 2.5 * 1.15);
    }

    [Fact]
    public void ModifierWithoutFactor_IsRejected()
    {
        var ex = Assert.Throws<InputException>(() => fixture.Slice(TwoCubes("no-factor.rvwj", new JsonObject())));
        Assert.Equal("URE000", ex.ErrorCode);
        Assert.Contains("cube-b.stl", ex.Message);
        Assert.Contains("FillDensityFactor", ex.Message);
    }

    [Fact]
    public void FactorOutsideRange_IsRejected()
    {
        var ex = Assert.Throws<InputException>(() => fixture.Slice(TwoCubes("factor-1.5.rvwj", new JsonObject { ["FillDensityFactor"] = 1.5 })));
        Assert.Contains("cube-b.stl", ex.Message);
        Assert.Contains("1.5", ex.Message);
    }

    [Fact]
    public void PriorityWithoutModifierSettings_IsRejected()
    {
        var ex = Assert.Throws<InputException>(() => fixture.Slice(TwoCubes("no-block.rvwj", null)));
        Assert.Contains("cube-b.stl", ex.Message);
        Assert.Contains("SlicingPriority", ex.Message);
    }

    [Fact]
    public void UnknownModifierSetting_IsRejectedByName()
    {
        var ex = Assert.Throws<InputException>(() =>
            fixture.Slice(TwoCubes("unknown.rvwj", new JsonObject { ["FillDensityFactor"] = 0.5, ["Resolution"] = 2 })));
        Assert.Contains("'Resolution'", ex.Message);
    }

    [Fact]
    public void PatternOverride_MustBeLoaded()
    {
        var ex = Assert.Throws<InputException>(() =>
            fixture.Slice(TwoCubes("pattern.rvwj", new JsonObject { ["FillDensityFactor"] = 0.5, ["InfillPattern"] = "no-such-pattern" })));
        Assert.Contains("no-such-pattern", ex.Message);

        var (_, gcode, _) = fixture.Slice(TwoCubes("pattern-ok.rvwj", new JsonObject { ["FillDensityFactor"] = 0.5, ["InfillPattern"] = "lines" }));
        Assert.NotEmpty(gcode.Extrusions);
    }

    [Fact]
    public void TwoModifiersWithSameName_AreRejected()
    {
        string path = TestWorkspaces.Write(Path.Combine(fixture.Folder, "same-name.rvwj"),
            TestWorkspaces.Model("cube-a.stl", TestMeshes.Box(60, 60, 0, 80, 80, 20)),
            TestWorkspaces.Model("mod.stl", TestMeshes.Box(70, 60, 0, 90, 80, 20), 2, new JsonObject { ["FillDensityFactor"] = 0.9 }),
            TestWorkspaces.Model("mod.stl", TestMeshes.Box(50, 60, 0, 65, 80, 20), 2, new JsonObject { ["FillDensityFactor"] = 0.1 }));
        var ex = Assert.Throws<InputException>(() => fixture.Slice(path));
        Assert.Contains("mod.stl", ex.Message);
    }

    [Fact]
    public void ModifierTouchingNothing_IsAWarning()
    {
        string path = TestWorkspaces.Write(Path.Combine(fixture.Folder, "apart.rvwj"),
            TestWorkspaces.Model("cube-a.stl", TestMeshes.Box(60, 60, 0, 80, 80, 20)),
            TestWorkspaces.Model("far.stl", TestMeshes.Box(150, 150, 0, 170, 170, 20), 2, new JsonObject { ["FillDensityFactor"] = 0.9 }));
        var (result, _, _) = fixture.Slice(path);
        Assert.Contains(result.Warnings, w => w.Contains("far.stl") && w.Contains("does not overlap"));
    }

    private static (double Left, double Right) FillVolumeBySide(GcodeAnalysis gcode, double splitX)
    {
        double area = Math.PI * 1.75 * 1.75 / 4;
        double left = 0, right = 0;
        foreach (var m in gcode.Extrusions.Where(m => m.Feature == "FILL" && m.Layer >= 10 && m.Layer < 90))
        {
            double length = Math.Sqrt(Math.Pow(m.X1 - m.X0, 2) + Math.Pow(m.Y1 - m.Y0, 2));
            double volume = m.FilamentMm * area;
            double fractionLeft = FractionBelow(m.X0, m.X1, splitX);
            left += volume * fractionLeft;
            right += volume * (1 - fractionLeft);
        }

        return (left, right);
    }

    private static double FillVolumeInBox(GcodeAnalysis gcode, double low, double high, double zLow, double zHigh)
    {
        double area = Math.PI * 1.75 * 1.75 / 4;
        return gcode.Extrusions
            .Where(m => m.Feature == "FILL" && m.Z > zLow && m.Z < zHigh)
            .Sum(m => m.FilamentMm * area * FractionInside(m, low, high));
    }

    // Liang-Barsky: the fraction of a move's length inside the square low..high on both axes.
    private static double FractionInside(Extrusion m, double low, double high)
    {
        double t0 = 0, t1 = 1;
        double dx = m.X1 - m.X0, dy = m.Y1 - m.Y0;
        foreach (var (p, q) in new[] { (-dx, m.X0 - low), (dx, high - m.X0), (-dy, m.Y0 - low), (dy, high - m.Y0) })
        {
            if (p == 0)
            {
                if (q < 0)
                {
                    return 0;
                }

                continue;
            }

            double r = q / p;
            if (p < 0)
            {
                t0 = Math.Max(t0, r);
            }
            else
            {
                t1 = Math.Min(t1, r);
            }
        }

        return Math.Max(0, t1 - t0);
    }

    private static double FractionBelow(double x0, double x1, double split)
    {
        if (x0 == x1)
        {
            return x0 < split ? 1 : 0;
        }

        double low = Math.Min(x0, x1), high = Math.Max(x0, x1);
        return Math.Clamp((split - low) / (high - low), 0, 1);
    }
}
