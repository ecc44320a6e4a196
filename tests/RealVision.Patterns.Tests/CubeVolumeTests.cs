using System.Globalization;
using RealVision.Engine;
using RealVision.Engine.Pipeline;
using RealVision.Patterns.Tests.Support;
using Xunit.Abstractions;

namespace RealVision.Patterns.Tests;

/// <summary>
/// Slices a 40 mm cube through the engine with each pattern and compares the
/// sparse infill volume read back from the G-code with density times the
/// infill region's volume.
/// </summary>
public sealed class CubeVolumeTests : IClassFixture<CubeSlicer>
{
    private readonly CubeSlicer cube;
    private readonly SlicingEngine engine;
    private readonly ITestOutputHelper output;

    public CubeVolumeTests(CubeSlicer cube, ITestOutputHelper output)
    {
        this.cube = cube;
        this.output = output;
        engine = ServiceCollectionExtensions.CreateEngine(options =>
        {
            options.PluginFolders.Add(PatternPlugins.Folder);
            options.RequirePluginFolders = true;
        });
    }

    public static TheoryData<string, double> Cases()
    {
        var data = new TheoryData<string, double>();
        foreach (string name in new[] { "grid", "triangles", "cubic", "gyroid", "honeycomb", "concentric" })
        {
            foreach (double density in new[] { 0.1, 0.2, 0.5 })
            {
                data.Add(name, density);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cube_SparseFillVolumeMatchesDensity(string name, double density)
    {
        var gcode = cube.Slice(
            engine,
            ("infill_pattern", name),
            ("infill_density", density.ToString(CultureInfo.InvariantCulture)));

        Dictionary<int, double> volumes = CubeSlicer.SparseFillVolumeByLayer(gcode);
        Assert.Equal(CubeSlicer.SparseLayerCount, volumes.Count);
        double measured = volumes.Values.Sum();
        double expected = density * CubeSlicer.InnerAreaMm2 * CubeSlicer.LayerHeightMm * CubeSlicer.SparseLayerCount;
        output.WriteLine(FormattableString.Invariant($"{name} at {density}: {measured:F1} of {expected:F1} mm³, ratio {measured / expected:F4}"));
        Assert.InRange(measured / expected, 0.95, 1.05);
    }
}
